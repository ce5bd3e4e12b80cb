"""The walkthrough, as data: one `Step` per screen, in order, and how to walk them: which steps
apply to these answers, which is next, which comes before, where a person picks up.

Slugs (requests/slugs.py) are stable English words used as keys in the answers and in URLs
(so a browser history shows `/fr/form/items/`, nothing more). A new screen is a form, a
template and one line here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from requests import conditions, vocabulary
from requests.answers import Answers
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
from requests.slugs import Slug


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
    applies: Callable[[Answers], bool] = conditions.always
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
    complete: Callable[[Answers], bool] = conditions.always
    # A list step that may be left empty for these answers (no place yet for a threat).
    may_be_empty: Callable[[Answers], bool] = conditions.never
    # A list step left empty: said with the list's own noun, so that French agrees with it
    # (« Ajoutez-en au moins une » for images).
    empty_message: str = ""
    # The last step: shows every answer, and a valid form marks the application ready.
    finishes: bool = False
    # A stop page's reason, in a sentence: the import and `render_application` refuse the
    # answers with it (walkthrough_stop).
    stop_message: str = ""

    def entry_kind(self, key: str) -> EntryKind | None:
        return next((k for k in self.entry_kinds if k.key == key), None)

    def entry_kind_of(self, entry: dict) -> EntryKind | None:
        if not self.entry_kind_key:
            return self.entry_kinds[0] if self.entry_kinds else None
        return self.entry_kind(entry.get(self.entry_kind_key, ""))


STEPS = (
    Step(Slug.WHO, WhoForm, _("Who is filling this in?")),
    Step(
        Slug.HOME_SAFETY,
        HomeSafetyForm,
        _("Safety at home"),
        applies=conditions.applicant_is_parent,
    ),
    Step(
        Slug.SAFE_OPTIONS,
        SafeOptionsForm,
        _("The child's safety comes first"),
        applies=conditions.shared_by_household,
        kind="stop",
        # The first sentence is the stop page's own (templates/requests/steps/safe-options.html).
        stop_message=format_lazy(
            "{} {}",
            _(
                "When the person who shared the image, or who threatens to, is a parent or "
                "lives with the child, the child's safety comes first. Before anything else, "
                "talk to one of these services. They can help you protect the child and plan "
                "what comes next."
            ),
            _(
                "If the child is in danger right now, call 911. You can call the DPJ (Director "
                "of Youth Protection) of the region where the child lives, day or night, CAVAC "
                "at 1 866 532-2822 or Cyberaide.ca at 1 866 658-9022. This site does not "
                "prepare the application in this situation."
            ),
        ),
    ),
    Step(
        Slug.CONSENT,
        ConsentForm,
        _("The person's consent"),
        applies=conditions.applicant_is_helper,
        help=_("You can help only if the person in the image agrees."),
    ),
    Step(
        Slug.APPLICANT,
        ApplicantForm,
        _("About you"),
        applies=conditions.applicant_is_not_self,
    ),
    Step(Slug.PERSON, PersonForm, _("The person the order protects")),
    Step(Slug.SITUATION, SituationForm, _("What is happening")),
    Step(
        Slug.ITEMS,
        ItemForm,
        _("The images"),
        help=_("Describe each photo, video or recording in words. Never send the image itself."),
        kind="collection",
        entry_kinds=(EntryKind("item", ItemForm, _("Add an image")),),
        max_entries=ITEMS_MAX,
        empty_message=_("Add at least one image before you continue."),
    ),
    Step(
        Slug.PARTIES,
        PARTY_FORMS["known"],
        _("Who the order is against"),
        help=_(
            "Add each person or company that shared the image, threatens to, has it on their "
            "service or shows a link to it."
        ),
        kind="collection",
        entry_kinds=tuple(
            EntryKind(term.key, PARTY_FORMS[term.key], term.label)
            for term in vocabulary.RESPONDENT_KINDS.values()
        ),
        entry_kind_key="kind",
        max_entries=PARTIES_MAX,
        entry_id_prefix="r",
        empty_message=_("Add at least one person or company before you continue."),
    ),
    Step(
        Slug.ORDERS,
        OrdersForm,
        _("What you ask the court to order"),
        help=_("We checked the orders that fit what each one did. You can change them."),
        complete=conditions.orders_cover_every_respondent,
    ),
    Step(
        Slug.PLACES,
        PLACE_FORMS["url"],
        _("Where the image is"),
        help=_("Add each web address, or describe places that have none, such as a group chat."),
        kind="collection",
        entry_kinds=tuple(
            EntryKind(term.key, PLACE_FORMS[term.key], term.label)
            for term in vocabulary.PLACE_KINDS.values()
        ),
        entry_kind_key="kind",
        max_entries=PLACES_MAX,
        complete=conditions.places_name_known_respondents,
        may_be_empty=conditions.nothing_shared_yet,
        empty_message=_("Add at least one place before you continue."),
    ),
    Step(Slug.URGENCY, UrgencyForm, _("Why it is urgent")),
    Step(Slug.CONTACT, ContactForm, _("How the court can reach you")),
    Step(Slug.CHECK, CheckForm, _("Check your answers"), finishes=True),
)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}
# Answers that no screen writes, kept beside the steps': what a reshare copies from the first
# application.
BESIDE_THE_STEPS = {Slug.EARLIER}


# --- Walking the steps ---------------------------------------------------------------------------
# Each function takes the stored answers (a dict) or the typed answers; none reads the database.


def step_get(slug: str) -> Step | None:
    return STEPS_BY_SLUG.get(slug)


def steps_applicable(answers) -> list[Step]:
    """The steps this person walks, in order; nothing after a stop page."""
    typed = Answers.from_stored(answers)
    applicable = []
    for step in STEPS:
        if step.applies(typed):
            applicable.append(step)
            if step.kind == "stop":
                break
    return applicable


def walkthrough_stop(answers) -> Step | None:
    """The stop page these answers reach, or None. The one decision of "would the walkthrough
    stop these answers, and why": the walkthrough shows that page and asks nothing after it,
    and the import and `render_application` refuse the answers with its `stop_message`."""
    last = steps_applicable(answers)[-1]
    return last if last.kind == "stop" else None


def step_applies(step: Step, answers) -> bool:
    return step.applies(Answers.from_stored(answers))


def step_may_be_left_empty(step: Step, answers) -> bool:
    return step.kind == "collection" and step.may_be_empty(Answers.from_stored(answers))


def step_is_answered(step: Step, answers) -> bool:
    typed = Answers.from_stored(answers)
    if step.kind == "stop" or not typed.has(step.slug):
        return False
    if step.kind == "collection" and not typed.raw[step.slug]:
        return step.may_be_empty(typed)
    return step.complete(typed)


def step_first_missing(answers, *, before: Step | None = None) -> Step | None:
    """The first applicable step not answered yet (stopping at `before`), or None."""
    typed = Answers.from_stored(answers)
    for step in steps_applicable(typed):
        if step == before:
            return None
        if not step_is_answered(step, typed):
            return step
    return None


def step_resume_point(answers) -> Step:
    """Where a person picks up: the first unanswered step, or the last one (the check)."""
    typed = Answers.from_stored(answers)
    return step_first_missing(typed) or steps_applicable(typed)[-1]


def step_next(step: Step, answers) -> Step | None:
    applicable = steps_applicable(answers)
    if step not in applicable:
        return step_first_missing(answers)
    index = applicable.index(step)
    return applicable[index + 1] if index + 1 < len(applicable) else None


def step_previous(step: Step, answers) -> Step | None:
    applicable = steps_applicable(answers)
    if step not in applicable:
        return None
    index = applicable.index(step)
    return applicable[index - 1] if index > 0 else None


def step_position(step: Step, answers) -> tuple[int, int]:
    """(n, total) for “Step n of total”, counting only the steps that apply."""
    applicable = steps_applicable(answers)
    return applicable.index(step) + 1, len(applicable)


def answers_are_complete(answers) -> bool:
    typed = Answers.from_stored(answers)
    applicable = steps_applicable(typed)
    return applicable[-1].finishes and all(step_is_answered(s, typed) for s in applicable)
