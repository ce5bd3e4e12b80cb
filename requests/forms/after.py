"""Forms after the document: the tracker, the cover letter's language, a reshare."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from requests import vocabulary
from requests.forms.base import date_field
from requests.models import CoverLetter


def not_before_the_act(value):
    """Nothing under the Act was filed, decided, sent or breached before it came into force."""
    if value and value < vocabulary.ACT_IN_FORCE:
        raise ValidationError(
            _(
                "The Act came into force on 4 June 2025, so this date cannot be right. "
                "Check the year."
            )
        )


def _date_field(label):
    return date_field(label, validators=(not_before_the_act,))


class TrackerForm(forms.Form):
    """One part of the tracker. `value()` is what is stored: dates as YYYY-MM-DD."""

    part: str = ""

    def value(self) -> dict:
        return {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in self.cleaned_data.items()
        }


class FiledForm(TrackerForm):
    part = "filed"
    filed_on = _date_field(_("Date you filed the application"))
    way = forms.ChoiceField(
        label=_("How you filed it"),
        choices=vocabulary.choices(vocabulary.FILING_WAYS),
        widget=forms.RadioSelect,
    )


class DecisionForm(TrackerForm):
    part = "decision"
    decided_on = _date_field(_("Date of the judge's decision"))
    outcome = forms.ChoiceField(
        label=_("What the judge decided"),
        choices=vocabulary.choices(vocabulary.DECISIONS),
        widget=forms.RadioSelect,
    )
    file_number = forms.CharField(
        label=_("Court file number"),
        help_text=_(
            "Optional. It is on the order, often in the form 500-80-012345-251. A new "
            "application for the same images can name it."
        ),
        max_length=40,
        required=False,
    )


class SentForm(TrackerForm):
    part = "sent"
    to = forms.CharField(label=_("Sent to whom"), max_length=200)
    sent_on = _date_field(pgettext_lazy("date something was sent", "Date sent"))


class BreachForm(TrackerForm):
    part = "breaches"
    seen_on = _date_field(_("Date you saw it"))
    note = forms.CharField(
        label=_("What you saw, in a few words"),
        help_text=_("Write where, not what the image shows. Do not save or copy the image."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoticeSentForm(TrackerForm):
    """A notice of withdrawn consent was sent: to whom, when, and what came back."""

    part = "notices"
    to = forms.CharField(label=_("Notice sent to whom"), max_length=200)
    sent_on = _date_field(pgettext_lazy("date something was sent", "Date sent"))
    reply = forms.CharField(
        label=_("What came back, if anything"),
        help_text=_("Optional. For example: “removed on 4 December”, “no answer yet”."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


TRACKER_FORMS = {
    form.part: form for form in (FiledForm, DecisionForm, SentForm, BreachForm, NoticeSentForm)
}


class CoverLetterForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the letter"),
        choices=CoverLetter.Language.choices,
        widget=forms.RadioSelect,
        initial="fr",
    )


class NoticeForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the notice"),
        choices=vocabulary.choices(vocabulary.DOCUMENT_LANGUAGES),
        widget=forms.RadioSelect,
        initial="fr",
    )


class ReshareForm(forms.Form):
    keep_items = forms.BooleanField(
        label=_("Also copy the descriptions of the images"),
        help_text=_("Leave this unticked if the new sharing is about other images."),
        required=False,
    )
