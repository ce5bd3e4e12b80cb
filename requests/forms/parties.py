"""Who the order is against (respondents), and what the court is asked to order."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from requests import directory, vocabulary
from requests.answers import respondent_of
from requests.forms.base import (
    HANDLE_MAX,
    LINES_MAX,
    NAME_MAX,
    PROFILE_URL_MAX,
    SHORT_MAX,
    StepForm,
    lines,
    url_normalise,
)

PARTIES_MAX = 15

OTHER_COMPANY = "other"


class PartyForm(StepForm):
    @classmethod
    def entry_label(cls, entry):
        return respondent_of(entry).screen_name

    actions = forms.MultipleChoiceField(
        label=_("What did they do?"),
        help_text=_("Check everything that applies."),
        choices=vocabulary.choices(vocabulary.ACTIONS),
        widget=forms.CheckboxSelectMultiple,
    )


def _same_name(name: str, *others: str) -> bool:
    """The same name whatever its case, accents' composition or spacing."""
    def key(text):
        return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())

    return bool(key(name)) and key(name) in {key(other) for other in others if other}


class KnownPartyForm(PartyForm):
    full_name = forms.CharField(label=_("Their full name"), max_length=NAME_MAX)
    other_names = forms.CharField(
        label=_("Other names or nicknames"),
        help_text=_("Optional."),
        max_length=SHORT_MAX,
        required=False,
    )
    relationship = forms.CharField(
        label=_("Who are they to the person in the image?"),
        help_text=_("For example: ex-partner, classmate, someone met online."),
        max_length=NAME_MAX,
        required=False,
    )
    address = forms.CharField(
        label=_("Their address, if you know it"),
        help_text=_("Optional. The court can make the order without it."),
        max_length=SHORT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["full_name", "other_names", "relationship", "address", "actions"]

    def clean_full_name(self):
        """The order is against someone else: never the person shown, nor who applies (the
        walkthrough, the import and `render_application` all validate with this form)."""
        name = self.cleaned_data["full_name"]
        own = {self.typed.person.full_name, self.typed.signer_name}
        if _same_name(name, *own):
            raise ValidationError(_(
                "This is the name of the person the order protects, or of the person applying. "
                "The order is against someone else: enter their name."
            ))
        return name

    why_we_ask = {
        "full_name": _("The order names the person who must obey it."),
        "actions": _(
            "What they did decides which order fits: stop sharing, do not share, or remove a link."
        ),
    }


class PseudonymPartyForm(PartyForm):
    line_list_fields = ("handles", "profile_urls")

    handles = forms.CharField(
        label=_("Their user names or pseudonyms"),
        help_text=_("One per line, for example @name123."),
        max_length=LINES_MAX * (HANDLE_MAX + 1),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    platform = forms.CharField(
        label=_("On which app or website?"),
        help_text=_("For example Instagram, Telegram, Discord."),
        max_length=NAME_MAX,
        required=False,
    )
    profile_urls = forms.CharField(
        label=_("Addresses of their profiles or groups"),
        help_text=_("Optional. One per line, starting with https://"),
        max_length=LINES_MAX * (PROFILE_URL_MAX + 1),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["handles", "platform", "profile_urls", "actions"]
    why_we_ask = {
        "handles": _(
            "The court can make an order against someone whose real name is unknown, such as a person behind a pseudonym."
        ),
    }

    def clean_handles(self):
        handles = lines(self.cleaned_data["handles"])
        if not handles:
            raise ValidationError(_("Enter at least one user name."))
        if len(handles) > LINES_MAX:
            raise ValidationError(_("Enter %(max)s names at most."), params={"max": LINES_MAX})
        if any(len(h) > HANDLE_MAX for h in handles):
            raise ValidationError(
                _("Each name can have %(max)s characters at most."), params={"max": HANDLE_MAX}
            )
        return handles

    def clean_profile_urls(self):
        urls = []
        for line in lines(self.cleaned_data["profile_urls"]):
            normalised = url_normalise(line, max_length=PROFILE_URL_MAX)
            if normalised not in urls:
                urls.append(normalised)
        if len(urls) > LINES_MAX:
            raise ValidationError(_("Enter %(max)s addresses at most."), params={"max": LINES_MAX})
        return urls


class UnknownPartyForm(PartyForm):
    """Someone with no name and no pseudonym: whoever runs a website, the person behind a
    phone number (law.md, "The order": a person whose identity is unknown)."""

    description = forms.CharField(
        label=_("Describe them by what they did and where"),
        help_text=_(
            "For example: “whoever runs the website example.com”, “the person who texts me "
            "from 514 555-0199”."
        ),
        max_length=SHORT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["description", "actions"]
    why_we_ask = {
        "description": _(
            "The court can make an order against a person whose identity is unknown. Saying "
            "what they did and where tells who must obey it."
        ),
    }


class CompanyPartyForm(PartyForm):
    platform_id = forms.ChoiceField(label=_("Which company?"), widget=forms.RadioSelect)
    company_name = forms.CharField(
        label=_("Name of the other company"),
        help_text=_("Only if you chose “Another company”."),
        max_length=NAME_MAX,
        required=False,
    )
    service = forms.CharField(
        label=_("Which of its services or websites?"),
        help_text=_("For example Instagram, YouTube, Google Search."),
        max_length=NAME_MAX,
        required=False,
    )
    field_order = ["platform_id", "company_name", "service", "actions"]
    why_we_ask = {
        "platform_id": _(
            "A company that hosts the image or shows a link to it can be ordered to remove it."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform_id"].choices = directory.platform_choices() + [
            (OTHER_COMPANY, pgettext_lazy("company", "Another company"))
        ]

    @classmethod
    def data_from_value(cls, value):
        data = super().data_from_value(value)
        if data.get("platform_id") == "":
            data["platform_id"] = OTHER_COMPANY
        return data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("platform_id") == OTHER_COMPANY and not cleaned.get("company_name"):
            self.add_error("company_name", _("Enter the name of the company."))
        return cleaned

    def value(self):
        stored = super().value()
        if stored["platform_id"] == OTHER_COMPANY:
            stored["platform_id"] = ""
        else:
            stored["company_name"] = ""
        return stored


PARTY_FORMS = {
    "known": KnownPartyForm,
    "pseudonym": PseudonymPartyForm,
    "unknown": UnknownPartyForm,
    "company": CompanyPartyForm,
}


class OrdersForm(StepForm):
    """One group of checkboxes per respondent, pre-checked from what they did."""

    why_we_ask = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for respondent in self.typed.respondents:
            name = f"orders_{respondent.id}"
            self.fields[name] = forms.MultipleChoiceField(
                label=respondent.screen_name,
                choices=vocabulary.choices(vocabulary.ORDERS),
                widget=forms.CheckboxSelectMultiple,
                initial=vocabulary.orders_suggested(term.key for term in respondent.actions),
                error_messages={"required": _("Choose at least one order for them.")},
            )

    @classmethod
    def data_from_value(cls, value):
        return {f"orders_{pid}": orders for pid, orders in (value or {}).items()}

    def json_types(self):
        return {name.removeprefix("orders_"): list for name in self.fields}

    def stored_key(self, name):
        return name.removeprefix("orders_")

    def field_label(self, key):
        return super().field_label(f"orders_{key}")

    def value(self):
        return {name.removeprefix("orders_"): list(v) for name, v in self.cleaned_data.items()}
