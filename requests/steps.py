"""The walkthrough, as data: one `Step` per screen, in order. One view walks them.

Slugs are stable English words used as keys in the answers and in URLs (so a browser history
shows `/fr/form/items/`, nothing more). A new screen is a form, a template and one line here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from requests import conditions
from requests.forms.images import ITEMS_MAX, ItemForm
from requests.forms.parties import PARTIES_MAX, PARTY_FORMS, OrdersForm
from requests.forms.people import (
    ApplicantForm,
    ConsentForm,
    HomeSafetyForm,
    PersonForm,
    SafeOptionsForm,
    WhoForm,
)
from requests.forms.places import PLACE_FORMS, PLACES_MAX
from requests.forms.situation import CheckForm, ContactForm, SituationForm, UrgencyForm


@dataclass(frozen=True)
class EntryKind:
    """One kind of entry in a list step, with its own form and “Add …” button."""

    key: str
    form_class: type
    add_label: str


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type | None
    title: str
    applies: Callable[[dict], bool] = conditions.always
    help: str = ""
    # "form": one screen; "collection": a list of entries; "stop": the walkthrough ends here.
    kind: str = "form"
    entry_kinds: tuple[EntryKind, ...] = ()
    # The key of each stored entry that names its kind ("" when there is one kind only).
    entry_kind_key: str = ""
    max_entries: int = 0
    # Entries get a stable `id` with this prefix (respondents: r1, r2…).
    entry_id_prefix: str = ""
    # Answered only when this also holds (e.g. every respondent has orders).
    complete: Callable[[dict], bool] = conditions.always
    # The last step: shows every answer, and a valid form marks the application ready.
    finishes: bool = False

    def entry_kind(self, key: str) -> EntryKind | None:
        return next((k for k in self.entry_kinds if k.key == key), None)

    def entry_kind_of(self, entry: dict) -> EntryKind | None:
        if not self.entry_kind_key:
            return self.entry_kinds[0] if self.entry_kinds else None
        return self.entry_kind(entry.get(self.entry_kind_key, ""))


STEPS = (
    Step("who", WhoForm, _("Who is filling this in?")),
    Step(
        "home-safety",
        HomeSafetyForm,
        _("Safety at home"),
        applies=conditions.applicant_is_parent,
    ),
    Step(
        "safe-options",
        SafeOptionsForm,
        _("The child's safety comes first"),
        applies=conditions.shared_by_household,
        kind="stop",
    ),
    Step(
        "consent",
        ConsentForm,
        _("The person's consent"),
        applies=conditions.applicant_is_helper,
        help=_("You can help only if the person in the image agrees."),
    ),
    Step(
        "applicant",
        ApplicantForm,
        _("About you"),
        applies=conditions.applicant_is_not_self,
    ),
    Step("person", PersonForm, _("The person the order protects")),
    Step("situation", SituationForm, _("What is happening")),
    Step(
        "items",
        ItemForm,
        _("The images"),
        help=_("Describe each photo, video or recording in words. Never send the image itself."),
        kind="collection",
        entry_kinds=(EntryKind("item", ItemForm, _("Add an image")),),
        max_entries=ITEMS_MAX,
    ),
    Step(
        "parties",
        PARTY_FORMS["known"],
        _("Who the order is against"),
        help=_(
            "Add each person or company that shared the image, threatens to, has it on their "
            "service or shows a link to it."
        ),
        kind="collection",
        entry_kinds=(
            EntryKind("known", PARTY_FORMS["known"], _("Add a person I can name")),
            EntryKind("pseudonym", PARTY_FORMS["pseudonym"], _("Add an account or pseudonym")),
            EntryKind("company", PARTY_FORMS["company"], _("Add a company or website")),
        ),
        entry_kind_key="kind",
        max_entries=PARTIES_MAX,
        entry_id_prefix="r",
    ),
    Step(
        "orders",
        OrdersForm,
        _("What you ask the court to order"),
        help=_("We checked the orders that fit what each one did. You can change them."),
        complete=conditions.orders_cover_every_respondent,
    ),
    Step(
        "places",
        PLACE_FORMS["url"],
        _("Where the image is"),
        help=_("Add each web address, or describe places that have none, such as a group chat."),
        kind="collection",
        entry_kinds=(
            EntryKind("url", PLACE_FORMS["url"], _("Add a web address")),
            EntryKind("other", PLACE_FORMS["other"], _("Add a place without an address")),
        ),
        entry_kind_key="kind",
        max_entries=PLACES_MAX,
        complete=conditions.places_name_known_respondents,
    ),
    Step("urgency", UrgencyForm, _("Why it is urgent")),
    Step("contact", ContactForm, _("How the court can reach you")),
    Step("check", CheckForm, _("Check your answers"), finishes=True),
)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}
