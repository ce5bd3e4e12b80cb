"""Answers (docs/answers-schema.md) → a plain, language-independent tree for the template.

Pure: no database, no request, no network. Texts typed by the person are kept exactly as
typed (the template escapes them); fixed words are lazy translations, so one context renders
in French and in English.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import ngettext

from . import labels


@dataclass(frozen=True)
class Court:
    district_name: str  # "" when the district is unknown: the template leaves a blank
    courthouse_town: str
    courthouse_address: str  # "" unless the directory marks the address as showable


@dataclass(frozen=True)
class Applicant:
    role: str  # self | parent | helper
    full_name: str
    capacity: str  # parent | tutor | ""
    helper_kind: str  # trusted_person | teacher | organisation_worker | ""
    helper_kind_label: str
    organisation: str


@dataclass(frozen=True)
class Person:
    full_name: str
    other_names: str
    date_of_birth: date | None
    age: int | None
    # s. "Who may apply" (law.md): 14 or older may apply alone; under 14, a parent applies.
    applies_alone_at_14_to_17: bool
    is_child_under_14: bool


@dataclass(frozen=True)
class Contact:
    phone: str
    can_call: bool
    can_leave_message: bool
    email: str
    can_email: bool
    address: str


@dataclass(frozen=True)
class Item:
    number: int
    kind: str
    kind_label: str
    description: str
    made_when: str
    under_18_then_label: str
    privacy_reason: str


@dataclass(frozen=True)
class Place:
    number: int
    is_url: bool
    location: str  # the web address, or the description of a place that has none
    seen_on: date | None
    respondent_numbers: tuple[int, ...]


@dataclass(frozen=True)
class Respondent:
    number: int
    kind: str  # known | pseudonym | company
    display_name: str
    # known
    full_name: str
    other_names: str
    relationship: str
    address: str
    # pseudonym
    handles: tuple[str, ...]
    platform: str
    profile_urls: tuple[str, ...]
    # company
    company_name: str
    service: str
    action_labels: tuple[str, ...]
    places: tuple[Place, ...]
    orders: tuple[str, ...]  # stop_and_destroy | not_share_and_destroy | remove_link

    @property
    def place_numbers(self) -> str:
        """"1, 3, 5": the rows of Annex A that concern this respondent (the addresses are
        printed once, there, however many respondents share them)."""
        return ", ".join(str(place.number) for place in self.places)


@dataclass(frozen=True)
class Facts:
    kind: str  # shared | threatened | both
    where_labels: tuple[str, ...]
    where_other: str
    first_seen: date | None
    ongoing_label: str
    summary: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Urgency:
    reason_labels: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Consent:
    consented_by: str
    consent_date: date | None
    method_label: str
    scope_labels: tuple[str, ...]
    recorded_by: str = ""  # a helper's consent record: their name and organisation


@dataclass(frozen=True)
class ApplicationContext:
    reference_date: date
    court: Court
    applicant: Applicant
    person: Person
    contact: Contact
    facts: Facts
    respondents: tuple[Respondent, ...]
    places: tuple[Place, ...]
    urgency: Urgency
    consent: Consent | None  # only when a helper presents the application
    recorded_consents: tuple[Consent, ...]  # consent given to helpers who worked on it
    signer_name: str

    @property
    def several_images(self) -> bool:
        return len(self.facts.items) > 1

    @property
    def conclusions(self) -> tuple[tuple[int, str, str], ...]:
        """(respondent number, respondent name, order key), in the order they are asked."""
        return tuple(
            (respondent.number, respondent.display_name, order)
            for respondent in self.respondents
            for order in respondent.orders
        )


ORDER_KEYS = ("stop_and_destroy", "not_share_and_destroy", "remove_link")
SUGGESTED_ORDER = {
    "shared": "stop_and_destroy",
    "threatened": "not_share_and_destroy",
    "hosts": "stop_and_destroy",
    "links": "remove_link",
}


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _strings(values) -> tuple[str, ...]:
    return tuple(text for text in (_text(v) for v in values or ()) if text)


def _labels(keys, table: dict) -> tuple[str, ...]:
    return tuple(table[key] for key in keys or () if key in table)


def _lookup(function_name: str, key: str):
    """Ask requests.directory; None for an empty or unknown key."""
    from requests import directory  # reference data, read once from requests/data/

    return getattr(directory, function_name)(key) if key else None


def _court(contact: dict) -> Court:
    district = _lookup("district", _text(contact.get("district")))
    if district is None:
        return Court("", "", "")
    # Only what the directory allows showing as fact (law.md: unconfirmed is never shown).
    return Court(
        district_name=_text(district.name),
        courthouse_town=_text(district.courthouse_town_for_display),
        courthouse_address=_text(district.address_for_display),
    )


def _age(who: dict) -> int | None:
    age = who.get("victim_age")
    return age if isinstance(age, int) and not isinstance(age, bool) else None


def _applicant(answers: dict) -> Applicant:
    who = answers.get("who", {})
    role = who.get("role", "self")
    applicant = answers.get("applicant", {})
    consent = answers.get("consent", {})
    helper_kind = consent.get("helper_kind", "") if role == "helper" else ""
    return Applicant(
        role=role,
        full_name=_text(applicant.get("full_name")) if role != "self" else "",
        capacity=applicant.get("capacity", "") if role == "parent" else "",
        helper_kind=helper_kind,
        helper_kind_label=labels.HELPER_KIND.get(helper_kind, ""),
        organisation=_text(consent.get("organisation")) if role == "helper" else "",
    )


def _person(answers: dict) -> Person:
    who = answers.get("who", {})
    person = answers.get("person", {})
    age = _age(who)
    role = who.get("role", "self")
    return Person(
        full_name=_text(person.get("full_name")),
        other_names=_text(person.get("other_names")),
        date_of_birth=_date(person.get("date_of_birth")),
        age=age,
        applies_alone_at_14_to_17=role == "self" and age is not None and 14 <= age < 18,
        is_child_under_14=role == "parent" and age is not None and age < 14,
    )


def _contact(answers: dict) -> Contact:
    contact = answers.get("contact", {})
    return Contact(
        phone=_text(contact.get("phone")),
        can_call=contact.get("can_call") is True,
        can_leave_message=contact.get("can_leave_message") is True,
        email=_text(contact.get("email")),
        can_email=contact.get("can_email") is True,
        address=_text(contact.get("address")),
    )


def _facts(answers: dict) -> Facts:
    situation = answers.get("situation", {})
    items = tuple(
        Item(
            number=number,
            kind=item.get("kind", ""),
            kind_label=labels.ITEM_KIND.get(item.get("kind"), ""),
            description=_text(item.get("description")),
            made_when=_text(item.get("made_when")),
            under_18_then_label=labels.YES_NO_UNKNOWN.get(item.get("under_18_then"), ""),
            privacy_reason=_text(item.get("privacy_reason")),
        )
        for number, item in enumerate(answers.get("items", []), start=1)
    )
    return Facts(
        kind=situation.get("kind", "shared"),
        where_labels=_labels([k for k in situation.get("where", []) if k != "other"], labels.WHERE),
        where_other=_text(situation.get("where_other")),
        first_seen=_date(situation.get("first_seen")),
        ongoing_label=labels.ONGOING.get(situation.get("ongoing"), ""),
        summary=_text(situation.get("summary")),
        items=items,
    )


def _places(answers: dict, numbers: dict[str, int]) -> tuple[Place, ...]:
    return tuple(
        Place(
            number=number,
            is_url=place.get("kind") == "url",
            location=_text(place.get("url" if place.get("kind") == "url" else "description")),
            seen_on=_date(place.get("seen_on")),
            respondent_numbers=tuple(
                sorted(numbers[rid] for rid in place.get("respondents", []) if rid in numbers)
            ),
        )
        for number, place in enumerate(answers.get("places", []), start=1)
    )


def _company_names(party: dict) -> tuple[str, str]:
    """(name to print, service): a legal name only when the directory allows showing it."""
    platform = _lookup("platform", _text(party.get("platform_id")))
    service = _text(party.get("service"))
    if platform is None:
        return _text(party.get("company_name")), service
    name = _text(platform.legal_name_for_display) or _text(platform.name)
    return name, service or ", ".join(_strings(getattr(platform, "services", ())))


def _orders(party: dict, chosen: dict) -> tuple[str, ...]:
    keys = chosen.get(party.get("id"))
    if keys is None:  # not reviewed yet: the suggestion from the answers doc
        keys = [SUGGESTED_ORDER[a] for a in party.get("actions", []) if a in SUGGESTED_ORDER]
    return tuple(key for key in ORDER_KEYS if key in keys)


@dataclass(frozen=True)
class FirstOfSeveralNames:
    """The first name used, and how many others, in the language the document is printed
    in: the full list is in the respondent's own section, so orders and headings stay short."""

    first: str
    others: int

    def __str__(self) -> str:
        return ngettext(
            "%(first)s and %(count)s other name", "%(first)s and %(count)s other names",
            self.others,
        ) % {"first": self.first, "count": self.others}


def _handles_short(handles: tuple[str, ...]):
    if len(handles) <= 1:
        return handles[0] if handles else ""
    return FirstOfSeveralNames(handles[0], len(handles) - 1)


def _respondent(number: int, party: dict, places: tuple[Place, ...], chosen: dict) -> Respondent:
    kind = party.get("kind", "known")
    handles = _strings(party.get("handles")) if kind == "pseudonym" else ()
    company_name, service = _company_names(party) if kind == "company" else ("", "")
    full_name = _text(party.get("full_name")) if kind == "known" else ""
    display_name = {
        "known": full_name, "pseudonym": _handles_short(handles), "company": company_name
    }
    return Respondent(
        number=number,
        kind=kind,
        display_name=display_name.get(kind, ""),
        full_name=full_name,
        other_names=_text(party.get("other_names")) if kind == "known" else "",
        relationship=_text(party.get("relationship")) if kind == "known" else "",
        address=_text(party.get("address")) if kind == "known" else "",
        handles=handles,
        platform=_text(party.get("platform")) if kind == "pseudonym" else "",
        profile_urls=_strings(party.get("profile_urls")) if kind == "pseudonym" else (),
        company_name=company_name,
        service=service,
        action_labels=_labels(party.get("actions"), labels.ACTIONS),
        places=tuple(place for place in places if number in place.respondent_numbers),
        orders=_orders(party, chosen),
    )


def _consent(answers: dict) -> Consent | None:
    if answers.get("who", {}).get("role") != "helper" or "consent" not in answers:
        return None
    consent = answers["consent"]
    return Consent(
        consented_by=_text(consent.get("consented_by")),
        consent_date=_date(consent.get("consent_date")),
        method_label=labels.CONSENT_METHOD.get(consent.get("consent_method"), ""),
        scope_labels=_labels(consent.get("consent_scope"), labels.CONSENT_SCOPE),
    )


def _recorded_consent(record: dict) -> Consent:
    return Consent(
        consented_by=_text(record.get("consented_by")),
        consent_date=_date(record.get("consent_date")),
        method_label=labels.CONSENT_METHOD.get(record.get("consent_method"), ""),
        scope_labels=_labels(record.get("consent_scope"), labels.CONSENT_SCOPE),
        recorded_by=_text(record.get("recorded_by")),
    )


def build_application_context(
    answers: dict, *, reference_date: date, recorded_consents: tuple[dict, ...] = ()
) -> "ApplicationContext":
    """Everything the application document says, from the stored answers.

    `recorded_consents` are the person's consents to helpers who worked on the application
    (same keys as answers["consent"], plus `recorded_by`); they are printed in Annex B.
    """
    parties = answers.get("parties", [])
    numbers = {party.get("id"): number for number, party in enumerate(parties, start=1)}
    places = _places(answers, numbers)
    chosen_orders = answers.get("orders", {})
    applicant = _applicant(answers)
    person = _person(answers)
    urgency = answers.get("urgency", {})
    return ApplicationContext(
        reference_date=reference_date,
        court=_court(answers.get("contact", {})),
        applicant=applicant,
        person=person,
        contact=_contact(answers),
        facts=_facts(answers),
        respondents=tuple(
            _respondent(number, party, places, chosen_orders)
            for number, party in enumerate(parties, start=1)
        ),
        places=places,
        urgency=Urgency(
            reason_labels=_labels(urgency.get("reasons"), labels.URGENCY),
            explanation=_text(urgency.get("explanation")),
        ),
        consent=_consent(answers),
        recorded_consents=tuple(_recorded_consent(record) for record in recorded_consents),
        signer_name=applicant.full_name if applicant.role != "self" else person.full_name,
    )
