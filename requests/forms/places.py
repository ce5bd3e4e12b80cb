"""Where the image is or was seen: web addresses, or a place described in words."""

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from requests.forms.base import (
    SHORT_MAX,
    URL_MAX,
    StepForm,
    optional_date_field,
    url_identity,
    url_normalise,
)

PLACES_MAX = 40


def places_merged(entries: list[dict]) -> list[dict]:
    """The places, one row per place: a web address that is the same place as an earlier one
    (url_identity: http or https, a trailing slash, tracking parameters, a #fragment) is
    merged into it, with the people and companies of both, the earliest date it was seen, and
    https kept when one of the two had it. Annex A then lists each place once."""
    merged: list[dict] = []
    first_of: dict[str, dict] = {}
    for entry in entries:
        identity = url_identity(entry.get("url", "")) if entry.get("kind") == "url" else ""
        kept = first_of.get(identity) if identity else None
        if kept is None:
            entry = dict(entry)
            if identity:
                first_of[identity] = entry
            merged.append(entry)
            continue
        if urlsplit(kept["url"]).scheme == "http" and entry["url"].startswith("https://"):
            kept["url"] = entry["url"]
        kept["respondents"] = list(dict.fromkeys(
            [*kept.get("respondents", []), *entry.get("respondents", [])]
        ))
        dates = sorted(day for day in (kept.get("seen_on"), entry.get("seen_on")) if day)
        kept["seen_on"] = dates[0] if dates else ""
    return merged


class PlaceForm(StepForm):
    """A place, tied to the respondents responsible for it."""

    seen_on = optional_date_field(
        _("When did you see it there?"), _("Leave blank if you do not remember.")
    )
    respondents = forms.MultipleChoiceField(
        label=_("Who is responsible for it being there?"),
        help_text=_("Check every person or company concerned."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Check at least one person or company.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondents"].choices = [
            (respondent.id, respondent.screen_name) for respondent in self.typed.respondents
        ]

    def other_places(self):
        """The list's other places (not the one being changed)."""
        return [
            place for place in self.typed.places
            if self.entry_index is None or place.number != self.entry_index + 1
        ]


class UrlPlaceForm(PlaceForm):
    url = forms.CharField(
        label=_("Web address"),
        help_text=_("Copy it from the address bar. It starts with https://"),
        max_length=URL_MAX * 2,  # longer before tracking parameters are removed
    )
    field_order = ["url", "seen_on", "respondents"]

    @classmethod
    def entry_label(cls, entry):
        return entry.get("url", "")

    why_we_ask = {
        "url": _("An exact address tells the company precisely what to remove."),
    }

    # Set by clean_url when the address is a place already in the list: the two are saved as
    # one row (places_merged), and the list page says so.
    saved_message = ""

    def clean_url(self):
        url = url_normalise(self.cleaned_data["url"])
        identity = url_identity(url)
        same = next((place for place in self.other_places()
                     if place.is_url and url_identity(place.location) == identity), None)
        if same is not None:
            self.saved_message = _(
                "This address and number %(number)s in your list (%(address)s) are the same "
                "place, so we kept them as one row, with every person or company checked on "
                "either."
            ) % {"number": same.number, "address": same.location}
        return url


class OtherPlaceForm(PlaceForm):
    description = forms.CharField(
        label=_("Describe the place"),
        help_text=_("For example: “Telegram group X, message of June 3”."),
        max_length=SHORT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["description", "seen_on", "respondents"]
    why_we_ask = {
        "description": _(
            "Some places have no web address, like a group chat. Describe it so it can be found."
        ),
    }


PLACE_FORMS = {"url": UrlPlaceForm, "other": OtherPlaceForm}
