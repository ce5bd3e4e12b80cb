"""The images, described in words: never uploaded, never copied."""

from django import forms
from django.utils.translation import gettext_lazy as _

from requests import vocabulary
from requests.forms.base import LONG_MAX, SHORT_MAX, TEXT_MAX, StepForm
from requests.templatetags.typography import label_and_text

ITEMS_MAX = 10


class ItemForm(StepForm):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=vocabulary.choices(vocabulary.MATERIALS),
        widget=forms.RadioSelect,
    )
    how_many = forms.ChoiceField(
        label=_("Is it one, or several described together?"),
        help_text=_("Several of the same kind, like a series of photos, can go in one description."),
        choices=vocabulary.choices(vocabulary.ITEM_COUNTS),
        initial="one",
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Describe it in a few words"),
        help_text=_(
            "You do not need to describe your body. “Photo taken in my room, 2023, I am not "
            "dressed” is enough."
        ),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    made_when = forms.CharField(
        label=_("Roughly when was it made?"),
        help_text=_("For example “summer 2024”. Leave blank if you do not know."),
        max_length=100,
        required=False,
    )
    under_18_then = forms.ChoiceField(
        label=_("Was the person in the image under 18 at that time?"),
        choices=vocabulary.choices(vocabulary.YES_NO_UNKNOWN),
        widget=forms.RadioSelect,
    )
    privacy_reason = forms.CharField(
        label=_("Why was it meant to stay private?"),
        help_text=_(
            "For example: “I sent it only to my partner at the time”, “It was taken without my "
            "knowledge”, “It is fake: I never posed for it”."
        ),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    agreed_then = forms.ChoiceField(
        label=_("Had the person in it agreed, at the time, to it being made or sent to someone?"),
        help_text=_(
            "Optional. For example, a photo sent to a partner. It changes nothing for the court "
            "and it is never anyone's fault: it lets us also prepare a notice that withdraws that "
            "consent."
        ),
        choices=vocabulary.choices(vocabulary.AGREED_THEN),
        widget=forms.RadioSelect,
        required=False,
    )

    @classmethod
    def entry_label(cls, entry):
        term = vocabulary.MATERIALS.get(entry.get("kind"))
        return label_and_text(term.label if term else '', str(entry.get('description', ''))[:100])

    why_we_ask = {
        "description": _(
            "The judge needs to know which image the order is about, without seeing it. Never "
            "send the image itself, here or anywhere else."
        ),
        "under_18_then": _(
            "An intimate image of a person under 18 is treated more seriously, and other help "
            "exists for it."
        ),
        "privacy_reason": _(
            "The law protects images that were expected to stay private when they were made or "
            "shared. Consent in one setting is not consent in another."
        ),
    }


__all__ = ["ITEMS_MAX", "LONG_MAX", "SHORT_MAX", "ItemForm"]
