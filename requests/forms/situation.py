"""What happened, why it is urgent, how to reach the applicant, and the final check."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from requests import directory, vocabulary
from requests.forms.base import (
    LONG_MAX,
    NAME_MAX,
    SHORT_MAX,
    TEXT_MAX,
    StepForm,
    optional_date_field,
)


class SituationForm(StepForm):
    kind = forms.ChoiceField(
        label=_("What is happening?"),
        choices=vocabulary.choices(vocabulary.SITUATIONS),
        widget=forms.RadioSelect,
    )
    where = forms.MultipleChoiceField(
        label=_("Where was it shared, or where do they threaten to share it?"),
        choices=vocabulary.choices(vocabulary.WHERE),
        widget=forms.CheckboxSelectMultiple,
    )
    where_other = forms.CharField(
        label=_("If somewhere else: where?"),
        max_length=NAME_MAX,
        required=False,
    )
    # Only for something already shared: a threat has no date seen and nothing going on.
    first_seen = optional_date_field(
        _("If it was shared: when did you first learn about it?"),
        _("Leave blank if you do not know the date, or if nothing has been shared yet."),
    )
    ongoing = forms.ChoiceField(
        label=_("If it was shared: is the sharing still going on?"),
        help_text=_("Leave blank if nothing has been shared yet."),
        choices=vocabulary.choices(vocabulary.ONGOING),
        widget=forms.RadioSelect,
        required=False,
    )
    summary = forms.CharField(
        label=_("In a few sentences, what happened?"),
        help_text=_("Facts only: what, when, who. You can keep it short."),
        max_length=LONG_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    why_we_ask = {
        "kind": _(
            "The court can stop a sharing, and can also prevent one that is only threatened."
        ),
        "summary": _("The judge decides from what you write. Short and factual is best."),
    }

    def clean(self):
        cleaned = super().clean()
        if "other" in (cleaned.get("where") or []) and not cleaned.get("where_other"):
            self.add_error("where_other", _("Say where, in a few words."))
        if cleaned.get("kind") == "threatened":
            cleaned["first_seen"], cleaned["ongoing"] = "", ""
        elif cleaned.get("kind") and not cleaned.get("ongoing"):
            self.add_error("ongoing", _("Say whether the sharing is still going on."))
        return cleaned


class UrgencyForm(StepForm):
    reasons = forms.MultipleChoiceField(
        label=_("Why is it urgent?"),
        help_text=_("Check everything that applies."),
        choices=vocabulary.choices(vocabulary.URGENCY),
        widget=forms.CheckboxSelectMultiple,
    )
    explanation = forms.CharField(
        label=_("Explain in your own words"),
        help_text=_("For example: “It was posted yesterday and has been shared 40 times since.”"),
        max_length=TEXT_MAX * 2,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    why_we_ask = {
        "reasons": _("The order is urgent by nature: tell the judge what makes every hour count."),
    }


PHONE_PATTERN = re.compile(r"^[0-9 +().\-]{7,30}$")


class ContactForm(StepForm):
    phone = forms.CharField(
        label=_("Phone number"), help_text=_("Optional."), max_length=30, required=False
    )
    can_call = forms.BooleanField(label=_("It is safe to call me at this number"), required=False)
    can_leave_message = forms.BooleanField(
        label=_("It is safe to leave me a message at this number"), required=False
    )
    email = forms.EmailField(
        label=_("Email address"), help_text=_("Optional."), max_length=NAME_MAX, required=False
    )
    can_email = forms.BooleanField(
        label=_("It is safe to write to me at this address"), required=False
    )
    address = forms.CharField(
        label=_("Mailing address"),
        help_text=_("Optional. Only if mail sent there is safe for you."),
        max_length=SHORT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    district = forms.ChoiceField(
        label=_("Judicial district"),
        help_text=_(
            "Usually the district where you live. Not sure? The Québec justice department's "
            "website (justice.gouv.qc.ca) has a search by municipality."
        ),
    )
    why_we_ask = {
        "phone": _(
            "The court may need to reach you quickly. We ask what is safe so no one else learns about it."
        ),
        "district": _("The application goes to the courthouse of a judicial district."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("Choose a district"))
        ] + directory.district_choices()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise ValidationError(
                _("Enter a phone number with digits only, for example 514 555-0123.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        no_way = not (cleaned.get("phone") or cleaned.get("email") or cleaned.get("address"))
        # An invalid phone or email already has its own message beside the field.
        if no_way and not (self.has_error("phone") or self.has_error("email")):
            raise ValidationError(
                _(
                    "Give at least one way the court can reach you: a phone number, an email "
                    "address or a mailing address."
                )
            )
        return cleaned


class CheckForm(StepForm):
    document_language = forms.ChoiceField(
        label=_("In which language should the court document be?"),
        help_text=_("This does not change the language of this site."),
        choices=vocabulary.choices(vocabulary.DOCUMENT_LANGUAGES),
        initial="fr",
        widget=forms.RadioSelect,
    )
    why_we_ask = {
        "document_language": _(
            "You choose the language of the document you will file; it can differ from the language of this site."
        ),
    }
