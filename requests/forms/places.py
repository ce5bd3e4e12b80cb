"""Where the image is or was seen: web addresses, or a place described in words."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from requests.forms.base import SHORT_MAX, URL_MAX, StepForm, optional_date_field, url_normalise

PLACES_MAX = 40


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

    def clean_url(self):
        url = url_normalise(self.cleaned_data["url"])
        if any(place.is_url and place.location == url for place in self.other_places()):
            raise ValidationError(
                _("This address is already in your list. You do not need to add it twice.")
            )
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
