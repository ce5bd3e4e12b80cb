"""Typed reads of the stored answers: the one module that reads raw answer keys.

    answers = Answers.from_stored(application.answers)
    answers.who.victim_is_under_14, answers.person.full_name
    for respondent in answers.respondents: respondent.document_name, respondent.orders

The stored object is docs/answers-schema.md (keyed by step slug, requests/slugs.py). Reading
never fails on a partial or odd object (a draft is partial by nature): what is missing reads
as empty. Each section is read on first use, so that a condition asking only "who is
applying?" reads nothing else. Texts stay exactly as typed; choices come back as their
vocabulary term (requests/vocabulary.py), which knows its screen label and document phrase.
The forms, which write the answers, are the only other code that knows their keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils.translation import pgettext_lazy

from requests import vocabulary
from requests.slugs import Slug
from requests.vocabulary import Term


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _texts(values) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(text for text in (_text(value) for value in values) if text)


def _term(family: vocabulary.Family, key) -> Term | None:
    return family.get(key) if isinstance(key, str) else None


def _terms(family: vocabulary.Family, keys) -> tuple[Term, ...]:
    """The chosen terms, in the order the screen lists them."""
    # Each once, whatever the stored list repeats; anything but a key is ignored.
    chosen = {key for key in keys if isinstance(key, str)} if isinstance(keys, list) else set()
    return tuple(term for key, term in family.items() if key in chosen)


def _section(raw: dict, slug: Slug) -> dict:
    value = raw.get(slug)
    return value if isinstance(value, dict) else {}


def _entries(raw: dict, slug: Slug) -> list[dict]:
    value = raw.get(slug)
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


# --- Who applies, and for whom -----------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    role: str  # self | parent | helper | "" (not answered yet)
    victim_age: int | None

    @property
    def is_self(self) -> bool:
        return self.role == "self"

    @property
    def is_parent(self) -> bool:
        return self.role == "parent"

    @property
    def is_helper(self) -> bool:
        return self.role == "helper"

    @property
    def victim_is_under_14(self) -> bool:
        return self.victim_age is not None and self.victim_age < vocabulary.MINIMUM_AGE_ALONE

    @property
    def victim_is_under_18(self) -> bool:
        return self.victim_age is not None and self.victim_age < vocabulary.ADULT_AGE

    @property
    def applies_alone_at_14_to_17(self) -> bool:
        """law.md, "Who may apply": 14 or older may apply alone, parents never told."""
        return self.is_self and not self.victim_is_under_14 and self.victim_is_under_18


@dataclass(frozen=True)
class Consent:
    """The person's consent to a helper presenting the application (law.md, "Who may apply")."""

    helper_kind: Term | None
    organisation: str
    consented_by: str
    consent_date: date | None
    method: Term | None
    scope: tuple[Term, ...]


@dataclass(frozen=True)
class Applicant:
    """Who applies when it is not the person shown: a parent or tutor, or a helper."""

    full_name: str
    capacity: Term | None  # parent | tutor, on the parent's path only


@dataclass(frozen=True)
class Person:
    full_name: str
    other_names: str
    date_of_birth: date | None


# --- What happened -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    kind: str  # shared | threatened | both
    where: tuple[Term, ...]
    where_other: str
    first_seen: date | None  # None for a threat: nothing was seen yet
    ongoing: Term | None  # None for a threat: there is no sharing to go on
    summary: str

    @property
    def only_threatened(self) -> bool:
        """Nothing has been shared yet (law.md, "The order": a threat can be prevented)."""
        return self.kind == "threatened"


@dataclass(frozen=True)
class Item:
    number: int
    material: Term | None
    description: str
    made_when: str
    under_18_then: Term | None
    privacy_reason: str
    several: bool = False  # one description for several images (a series of photos)
    agreed_then: bool = False  # the person had agreed to it being made or sent at the time

    @property
    def kind_key(self) -> str:
        return self.material.key if self.material else ""

    @property
    def under_18_then_key(self) -> str:
        return self.under_18_then.key if self.under_18_then else ""


@dataclass(frozen=True)
class Place:
    number: int
    is_url: bool
    location: str  # the web address, or the description of a place that has none
    seen_on: date | None
    respondent_ids: tuple[str, ...]
    respondent_numbers: tuple[int, ...]  # the same respondents, as the document numbers them


# --- Who the order is against ------------------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    id: str  # r1, r2…: stable, so orders and places keep pointing at the right one
    number: int  # its place in the list, as the document numbers it
    kind: str  # known | pseudonym | unknown | company
    actions: tuple[Term, ...]
    chosen_orders: tuple[str, ...] | None  # None: not reviewed on the orders screen yet
    # known
    full_name: str = ""
    other_names: str = ""
    relationship: str = ""
    address: str = ""
    # pseudonym
    handles: tuple[str, ...] = ()
    platform: str = ""
    profile_urls: tuple[str, ...] = ()
    # unknown: no name nor pseudonym, described by what they did and where
    description: str = ""
    # company
    platform_id: str = ""
    company_name: str = ""
    service: str = ""
    place_numbers: tuple[int, ...] = ()  # the places (Annex A) tied to them

    @property
    def orders(self) -> tuple[str, ...]:
        """The orders asked for: those chosen, else those that fit what they did."""
        if self.chosen_orders is not None:
            return tuple(key for key in vocabulary.ORDERS if key in self.chosen_orders)
        return tuple(vocabulary.orders_suggested(term.key for term in self.actions))

    @property
    def directory_entry(self):
        """The company's entry in the platform directory, or None."""
        if self.kind != "company" or not self.platform_id:
            return None
        from requests import directory  # reference data, read once from requests/data/

        return directory.platform(self.platform_id)

    @property
    def company_document_name(self) -> str:
        """The company as a document names it: its legal name where the directory allows
        showing it as fact, else the name people know it by, else what the person typed."""
        entry = self.directory_entry
        if entry is None:
            return self.company_name
        return entry.legal_name_for_display or entry.name

    @property
    def screen_name(self) -> str:
        """How lists and check boxes on the screens name them, in the person's own words."""
        if self.kind == "known":
            return self.full_name or self.id
        if self.kind == "pseudonym":
            handles = ", ".join(self.handles)
            return f"{handles} ({self.platform})" if self.platform else handles
        if self.kind == "company":
            entry = self.directory_entry
            name = (entry.name if entry else self.platform_id) if self.platform_id else (
                self.company_name
            )
            return f"{name} ({self.service})" if self.service else name
        if self.kind == "unknown":
            return self.description
        return self.id

    @property
    def document_name(self):
        """How the document's headings and orders name them: the full name; the first of the
        names used, with how many others (the full list is in their own section); the
        company's name (company_document_name)."""
        if self.kind == "known":
            return self.full_name
        if self.kind == "pseudonym":
            if len(self.handles) > 1:
                return FirstOfSeveralNames(self.handles[0], len(self.handles) - 1)
            return self.handles[0] if self.handles else ""
        if self.kind == "company":
            return self.company_document_name
        if self.kind == "unknown":
            return IDENTITY_UNKNOWN
        return ""


@dataclass(frozen=True)
class FirstOfSeveralNames:
    """"nightowl_77 and 2 other names", in the language the page or document is drawn in."""

    first: str
    others: int

    def __str__(self) -> str:
        from django.utils.translation import ngettext

        return ngettext(
            "%(first)s and %(count)s other name", "%(first)s and %(count)s other names",
            self.others,
        ) % {"first": self.first, "count": self.others}


# How the document names a respondent nobody can name, in the language it is drawn in.
IDENTITY_UNKNOWN = pgettext_lazy("respondent", "a person whose identity is unknown")


def _respondent(number: int, party: dict, chosen: dict, places: tuple) -> Respondent:
    kind = party.get("kind") if party.get("kind") in vocabulary.RESPONDENT_KINDS else "known"
    orders = chosen.get(party.get("id"))
    common = {
        "id": _text(party.get("id")),
        "number": number,
        "kind": kind,
        "actions": _terms(vocabulary.ACTIONS, party.get("actions")),
        "chosen_orders": tuple(orders) if isinstance(orders, list) else None,
        "place_numbers": tuple(
            place.number for place in places if party.get("id") in place.respondent_ids
        ),
    }
    if kind == "pseudonym":
        return Respondent(
            **common, handles=_texts(party.get("handles")), platform=_text(party.get("platform")),
            profile_urls=_texts(party.get("profile_urls")),
        )
    if kind == "unknown":
        return Respondent(**common, description=_text(party.get("description")))
    if kind == "company":
        return Respondent(
            **common, platform_id=_text(party.get("platform_id")),
            company_name=_text(party.get("company_name")), service=_text(party.get("service")),
        )
    return Respondent(
        **common, full_name=_text(party.get("full_name")),
        other_names=_text(party.get("other_names")),
        relationship=_text(party.get("relationship")), address=_text(party.get("address")),
    )


def respondent_of(entry: dict) -> Respondent:
    """One stored respondent read alone (for a list's line, before it has a number)."""
    return _respondent(0, entry if isinstance(entry, dict) else {}, {}, ())


@dataclass(frozen=True)
class Earlier:
    """The first application, when this one is for a reshare (law.md, "The order": a reshare
    by others or on other sites may need a new application)."""

    filed_on: date | None
    decided_on: date | None  # when the order was made
    file_number: str  # the court file number, as the court wrote it
    same_images: bool  # the images described are those the earlier order covers


# --- How to reach the applicant, and the rest ---------------------------------------------------


@dataclass(frozen=True)
class Urgency:
    reasons: tuple[Term, ...]
    explanation: str


@dataclass(frozen=True)
class Contact:
    phone: str
    can_call: bool
    can_leave_message: bool
    email: str
    can_email: bool
    address: str
    district_key: str

    @property
    def reachable(self) -> tuple[str, ...]:
        """The ways that are safe to use: the e-mail address and the phone the person allows."""
        ways = (self.email if self.can_email else "", self.phone if self.can_call else "")
        return tuple(way for way in ways if way)


class Answers:
    """One application's answers, read into small typed objects (see the module's docstring)."""

    def __init__(self, raw: dict):
        self.raw = raw if isinstance(raw, dict) else {}

    @classmethod
    def from_stored(cls, raw) -> Answers:
        return raw if isinstance(raw, Answers) else cls(raw)

    def has(self, slug: Slug) -> bool:
        return slug in self.raw

    @cached_property
    def chosen(self) -> dict:
        """{family name: the Term chosen, or the Terms chosen for a question of several}, for
        every family of requests/vocabulary.py that says where it is stored
        (`{{ application.answers.chosen.ONGOING.in_document }}` in a template)."""
        found = {}
        for name, family in vocabulary.FAMILIES.items():
            if family.stored_as:
                slug, field = family.stored_as
                value = _section(self.raw, slug).get(field)
                found[name] = _terms(family, value) if isinstance(value, list) else _term(
                    family, value
                )
        return found

    def sections(self, slugs) -> dict:
        """The stored sections of these steps, as they are (to start a new application)."""
        return {slug: self.raw[slug] for slug in slugs if slug in self.raw}

    @cached_property
    def who(self) -> Who:
        who = _section(self.raw, Slug.WHO)
        age = who.get("victim_age")
        return Who(
            role=who.get("role") if who.get("role") in vocabulary.ROLES else "",
            victim_age=age if isinstance(age, int) and not isinstance(age, bool) else None,
        )

    @cached_property
    def shared_by_household(self) -> bool:
        """A parent says the person who shared or threatens is a parent or lives with the
        child (the safe-options stop)."""
        return _section(self.raw, Slug.HOME_SAFETY).get("shared_by_household") == "yes"

    @cached_property
    def consent(self) -> Consent | None:
        """The consent given on the consent step, when a helper presents the application."""
        if not self.who.is_helper or Slug.CONSENT not in self.raw:
            return None
        consent = _section(self.raw, Slug.CONSENT)
        return Consent(
            helper_kind=_term(vocabulary.HELPER_KINDS, consent.get("helper_kind")),
            organisation=_text(consent.get("organisation")),
            consented_by=_text(consent.get("consented_by")),
            consent_date=_date(consent.get("consent_date")),
            method=_term(vocabulary.CONSENT_METHODS, consent.get("consent_method")),
            scope=_terms(vocabulary.CONSENT_SCOPES, consent.get("consent_scope")),
        )

    @cached_property
    def applicant(self) -> Applicant | None:
        if self.who.is_self or Slug.APPLICANT not in self.raw:
            return None
        applicant = _section(self.raw, Slug.APPLICANT)
        capacity = applicant.get("capacity") if self.who.is_parent else None
        return Applicant(
            full_name=_text(applicant.get("full_name")),
            capacity=_term(vocabulary.CAPACITIES, capacity),
        )

    @cached_property
    def person(self) -> Person:
        person = _section(self.raw, Slug.PERSON)
        return Person(
            full_name=_text(person.get("full_name")),
            other_names=_text(person.get("other_names")),
            date_of_birth=_date(person.get("date_of_birth")),
        )

    @cached_property
    def situation(self) -> Situation:
        situation = _section(self.raw, Slug.SITUATION)
        kind = situation.get("kind") if situation.get("kind") in vocabulary.SITUATIONS else "shared"
        threat = kind == "threatened"  # a stored date or "still going on" of a threat is ignored
        return Situation(
            kind=kind,
            where=_terms(vocabulary.WHERE, situation.get("where")),
            where_other=_text(situation.get("where_other")),
            first_seen=None if threat else _date(situation.get("first_seen")),
            ongoing=None if threat else _term(vocabulary.ONGOING, situation.get("ongoing")),
            summary=_text(situation.get("summary")),
        )

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(
            Item(
                number=number,
                material=_term(vocabulary.MATERIALS, item.get("kind")),
                description=_text(item.get("description")),
                made_when=_text(item.get("made_when")),
                under_18_then=_term(vocabulary.YES_NO_UNKNOWN, item.get("under_18_then")),
                privacy_reason=_text(item.get("privacy_reason")),
                several=item.get("how_many") == "several",
                agreed_then=item.get("agreed_then") == "yes",
            )
            for number, item in enumerate(_entries(self.raw, Slug.ITEMS), start=1)
        )

    @cached_property
    def image_kinds(self) -> list[str]:
        """The kind of each image described, repeated for an entry of several."""
        return [
            kind for item in self.items for kind in [item.kind_key] * (2 if item.several else 1)
        ]

    @property
    def several_images(self) -> bool:
        return len(self.image_kinds) > 1

    @property
    def material_words(self) -> vocabulary.MaterialWords:
        return vocabulary.material_words(self.image_kinds)

    @cached_property
    def earlier(self) -> Earlier | None:
        if Slug.EARLIER not in self.raw:
            return None
        earlier = _section(self.raw, Slug.EARLIER)
        return Earlier(
            filed_on=_date(earlier.get("filed_on")),
            decided_on=_date(earlier.get("decided_on")),
            file_number=_text(earlier.get("file_number")),
            same_images=earlier.get("same_images") is True,
        )

    @cached_property
    def chosen_orders(self) -> dict:
        orders = self.raw.get(Slug.ORDERS)
        return orders if isinstance(orders, dict) else {}

    @cached_property
    def respondents(self) -> tuple[Respondent, ...]:
        return tuple(
            _respondent(number, party, self.chosen_orders, self.places)
            for number, party in enumerate(_entries(self.raw, Slug.PARTIES), start=1)
        )

    @cached_property
    def respondent_ids(self) -> tuple[str, ...]:
        return tuple(respondent.id for respondent in self.respondents)

    def respondent(self, respondent_id: str) -> Respondent | None:
        return next((r for r in self.respondents if r.id == respondent_id), None)

    @cached_property
    def companies(self) -> tuple[Respondent, ...]:
        return tuple(r for r in self.respondents if r.kind == "company")

    @cached_property
    def places(self) -> tuple[Place, ...]:
        numbers = {
            party.get("id"): number
            for number, party in enumerate(_entries(self.raw, Slug.PARTIES), start=1)
        }
        places = []
        for number, place in enumerate(_entries(self.raw, Slug.PLACES), start=1):
            is_url = place.get("kind") == "url"
            ids = place.get("respondents")
            places.append(Place(
                number=number,
                is_url=is_url,
                location=_text(place.get("url" if is_url else "description")),
                seen_on=_date(place.get("seen_on")),
                respondent_ids=tuple(i for i in ids if isinstance(i, str))
                if isinstance(ids, list) else (),
                respondent_numbers=tuple(sorted(
                    numbers[i] for i in ids if isinstance(i, str) and i in numbers
                )) if isinstance(ids, list) else (),
            ))
        return tuple(places)

    def places_of(self, respondent: Respondent) -> tuple[Place, ...]:
        return tuple(place for place in self.places if respondent.id in place.respondent_ids)

    @cached_property
    def urgency(self) -> Urgency:
        urgency = _section(self.raw, Slug.URGENCY)
        return Urgency(
            reasons=_terms(vocabulary.URGENCY, urgency.get("reasons")),
            explanation=_text(urgency.get("explanation")),
        )

    @cached_property
    def contact(self) -> Contact:
        contact = _section(self.raw, Slug.CONTACT)
        return Contact(
            phone=_text(contact.get("phone")),
            can_call=contact.get("can_call") is True,
            can_leave_message=contact.get("can_leave_message") is True,
            email=_text(contact.get("email")),
            can_email=contact.get("can_email") is True,
            address=_text(contact.get("address")),
            district_key=_text(contact.get("district")),
        )

    @cached_property
    def document_language(self) -> str:
        language = _section(self.raw, Slug.CHECK).get("document_language")
        return language if language in vocabulary.DOCUMENT_LANGUAGES else "fr"

    @cached_property
    def signer_name(self) -> str:
        """Who signs the declaration: the applicant, or the person shown applying alone."""
        if self.applicant is not None:
            return self.applicant.full_name
        return self.person.full_name

    @cached_property
    def an_image_is_of_a_minor(self) -> bool:
        """The person is under 18 now, or an image shows them before 18 (extra help exists)."""
        return self.who.victim_is_under_18 or any(
            item.under_18_then_key == "yes" for item in self.items
        )
