"""Who is filling this in, their safety, consent, and the people involved."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests import conditions, vocabulary
from requests.forms.base import (
    NAME_MAX,
    SHORT_MAX,
    StepForm,
    age_on,
    birth_date_plausible,
    date_field,
    optional_date_field,
)


class WhoForm(StepForm):
    role = forms.ChoiceField(
        label=_("Who is filling this in?"),
        choices=vocabulary.choices(vocabulary.ROLES),
        widget=forms.RadioSelect,
    )
    victim_age = forms.IntegerField(
        label=_("How old is the person in the image today?"),
        help_text=_("If the image is of you, give your own age. Numbers only, for example 15."),
        min_value=0,
        max_value=vocabulary.OLDEST_AGE,
    )
    why_we_ask = {
        "role": _("The law says who may make the application. We adapt the questions to you."),
        "victim_age": _(
            "A person 14 or older may apply on their own. For a child under 14, a parent or "
            "tutor applies."
        ),
    }

    def clean(self):
        cleaned = super().clean()
        role, age = cleaned.get("role"), cleaned.get("victim_age")
        if role is None or age is None:
            return cleaned
        if role == "self" and age < vocabulary.MINIMUM_AGE_ALONE:
            raise ValidationError(
                _(
                    "Under 14, a parent or tutor has to make this application for you. You are "
                    "not in trouble, and it is not your fault. Talk to a parent, a tutor or another "
                    "adult you trust. You can also call CAVAC for free, confidential help: "
                    "1 866 532-2822. Cyberaide.ca can also help: 1 866 658-9022."
                ),
                code="needs_parent",
            )
        if role == "parent" and age >= vocabulary.MINIMUM_AGE_ALONE:
            raise ValidationError(
                _(
                    "At 14 or older, the person can make this application on their own, without "
                    "a parent. You can still help, if they agree: choose “Someone helping the "
                    "person in the image”."
                ),
                code="can_apply_alone",
            )
        return cleaned


class HomeSafetyForm(StepForm):
    shared_by_household = forms.ChoiceField(
        label=_(
            "Is the person who shared the image, or who threatens to, a parent of the child or "
            "someone who lives with the child?"
        ),
        choices=vocabulary.choices(vocabulary.YES_NO),
        widget=forms.RadioSelect,
    )
    why_we_ask = {
        "shared_by_household": _(
            "When that person lives with the child, the child's safety comes first. We will "
            "show you who can help right away."
        ),
    }


class SafeOptionsForm(StepForm):
    """A stop page: nothing to answer."""


class ConsentForm(StepForm):
    helper_kind = forms.ChoiceField(
        label=_("How are you helping?"),
        choices=vocabulary.choices(vocabulary.HELPER_KINDS),
        widget=forms.RadioSelect,
    )
    organisation = forms.CharField(
        label=_("Name of your school or organisation"),
        help_text=_("Leave blank if this does not apply."),
        max_length=NAME_MAX,
        required=False,
    )
    consented_by = forms.CharField(
        label=_("Name of the person who agreed to your help"),
        help_text=_("The person in the image."),
        max_length=NAME_MAX,
    )
    consent_date = date_field(_("When did they agree?"))
    consent_method = forms.ChoiceField(
        label=_("How did they agree?"),
        choices=vocabulary.choices(vocabulary.CONSENT_METHODS),
        widget=forms.RadioSelect,
    )
    consent_scope = forms.MultipleChoiceField(
        label=_("What did they agree to?"),
        choices=vocabulary.choices(vocabulary.CONSENT_SCOPES),
        widget=forms.CheckboxSelectMultiple,
    )
    why_we_ask = {
        "consented_by": _(
            "Someone else may present the application only if the person in the image agrees. "
            "The document says who agreed, when and how."
        ),
        "consent_scope": _(
            "The person decides how far your help goes. They can change their mind."
        ),
    }


class ApplicantForm(StepForm):
    full_name = forms.CharField(label=_("Your full name"), max_length=NAME_MAX)
    capacity = forms.ChoiceField(
        label=_("You are the child's"),
        choices=vocabulary.choices(vocabulary.CAPACITIES),
        widget=forms.RadioSelect,
    )
    why_we_ask = {
        "full_name": _("The court needs to know who is making the application."),
        "capacity": _("For a child under 14, a parent or tutor makes the application."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not conditions.applicant_is_parent(self.typed):
            # Helpers act with consent, not as parent or tutor: the key stays "".
            self.fields["capacity"] = forms.CharField(
                required=False, max_length=0, widget=forms.HiddenInput
            )


class PersonForm(StepForm):
    full_name = forms.CharField(
        label=_("Full name of the person in the image"), max_length=NAME_MAX
    )
    other_names = forms.CharField(
        label=_("Other names or nicknames they are known by"),
        help_text=_("Optional. For example a name used online."),
        max_length=SHORT_MAX,
        required=False,
    )
    date_of_birth = optional_date_field(
        _("Date of birth"), _("Optional."), validators=(birth_date_plausible,)
    )
    why_we_ask = {
        "full_name": _("The order protects this person, so the court needs their name."),
        "other_names": _(
            "It helps the court and the platforms find every account that is concerned."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if conditions.applicant_is_self(self.typed):
            self.fields["full_name"].label = _("Your full name")
            self.fields["other_names"].label = _("Other names or nicknames you are known by")
            self.fields["date_of_birth"].label = _("Your date of birth")

    def clean_date_of_birth(self):
        """The date of birth must give the age answered on the first screen."""
        born = self.cleaned_data.get("date_of_birth")
        said = self.typed.who.victim_age
        if born and said is not None:
            age = age_on(born, timezone.localdate())
            if age != said:
                message = (
                    _(
                        "With this date of birth you are %(age)s today, but on the first screen "
                        "you said %(said)s. Check the date, or change your age on the first "
                        "screen."
                    )
                    if conditions.applicant_is_self(self.typed)
                    else _(
                        "With this date of birth the person is %(age)s today, but the first "
                        "screen says %(said)s. Check the date, or change the age on the first "
                        "screen."
                    )
                )
                raise ValidationError(message, params={"age": age, "said": said})
        return born
