"""Factories with traits for answers and applications (no JSON fixtures).

`answers_factory(role="parent", victim_age=12)` gives a complete, valid answers object for a
journey (the one builder of answers: every test and benchmark starts from it);
`ApplicationFactory(...)` saves one, with its resume code.
"""

import copy

from requests import codes, vocabulary
from requests.models import Application

PERSON = {"full_name": "Alex Tremblay", "other_names": "", "date_of_birth": ""}
SITUATION = {
    "kind": "shared",
    "where": ["social_network"],
    "where_other": "",
    "first_seen": "2026-11-01",
    "ongoing": "yes",
    "summary": "My ex posted a photo of me on Instagram.",
}
ITEM = {
    "kind": "photo",
    "how_many": "one",
    "description": "Photo taken in my room, 2023, I am not dressed.",
    "made_when": "2023",
    "under_18_then": "no",
    "privacy_reason": "I sent it only to my partner at the time.",
}
KNOWN_PARTY = {
    "id": "r1",
    "kind": "known",
    "full_name": "Sam Gagnon",
    "other_names": "",
    "relationship": "ex-partner",
    "address": "",
    "actions": ["shared"],
}
META = {
    "id": "r2",
    "kind": "company",
    "platform_id": "meta",
    "company_name": "",
    "service": "Instagram",
    "actions": ["hosts"],
}
PLACE = {
    "kind": "url",
    "url": "https://www.instagram.com/p/abc123/",
    "seen_on": "2026-11-02",
    "respondents": ["r1", "r2"],
}
URGENCY = {"reasons": ["spreading"], "explanation": "It was shared 40 times since yesterday."}
CONTACT = {
    "phone": "514 555-0123",
    "can_call": True,
    "can_leave_message": False,
    "email": "",
    "can_email": False,
    "address": "",
    "district": "montreal",
}


def known(**overrides) -> dict:
    """A person the applicant can name."""
    return {**KNOWN_PARTY, **overrides}


def pseudonym(**overrides) -> dict:
    """Someone known only by accounts or pseudonyms."""
    party = {
        "id": "r2",
        "kind": "pseudonym",
        "actions": ["threatened"],
        "handles": ["nightowl_77", "owl.secret"],
        "platform": "Instagram",
        "profile_urls": ["https://www.instagram.com/nightowl_77/"],
    }
    return {**party, **overrides}


def unknown(**overrides) -> dict:
    """Someone with no name and no pseudonym, described by what they did and where."""
    party = {
        "id": "r5",
        "kind": "unknown",
        "actions": ["hosts"],
        "description": "whoever runs the website leaks-example.net",
    }
    return {**party, **overrides}


def company(**overrides) -> dict:
    """A company of the platforms' directory (Meta, by default)."""
    return {**META, **overrides}


def other_company(**overrides) -> dict:
    """A company the directory does not know."""
    party = {
        "id": "r4",
        "kind": "company",
        "actions": ["hosts"],
        "platform_id": "",
        "company_name": "Hébergement Boréal inc.",
        "service": "boreal-photos.example",
    }
    return {**party, **overrides}


def place(respondents: list[str], *, url: str = PLACE["url"], seen_on: str = "2026-11-02") -> dict:
    return {"kind": "url", "url": url, "seen_on": seen_on, "respondents": respondents}


def place_without_address(respondents: list[str], description: str) -> dict:
    return {"kind": "other", "description": description, "seen_on": "2026-11-20",
            "respondents": respondents}


def suggested_orders(parties: list[dict]) -> dict:
    """The orders the orders step checks first for each respondent (requests/vocabulary.py)."""
    return {party["id"]: vocabulary.orders_suggested(party["actions"]) for party in parties}


def answers_factory(
    *,
    role: str = "self",
    victim_age: int = 16,
    shared_by_household: str = "no",
    helper_kind: str = "teacher",
    kind: str = "shared",
    item_kinds: tuple[str, ...] = ("photo",),
    parties: list[dict] | None = None,
    places: list[dict] | None = None,
    document_language: str = "fr",
    complete: bool = True,
    **sections,
) -> dict:
    """The one builder of stored answers: a complete, valid answers object for a journey.

    Traits: who applies (`role`, `victim_age`, `shared_by_household`, `helper_kind`), what
    happened (`kind`, `item_kinds`), who it is against and where (`parties`, with their orders
    suggested from what each did, and `places`, by default one address for them all), the
    document's language, and `complete=False` to stop before the final check. `sections`
    replace whole steps' answers by slug (`person={...}`, `urgency={...}`; `home_safety` for
    "home-safety").
    """
    answers = {"who": {"role": role, "victim_age": victim_age}}
    if role == "parent":
        answers["home-safety"] = {"shared_by_household": shared_by_household}
        if shared_by_household == "yes":
            return answers
    if role == "helper":
        answers["consent"] = {
            "helper_kind": helper_kind,
            "organisation": "École secondaire du Plateau" if helper_kind == "teacher" else "",
            "consented_by": "Alex Tremblay",
            "consent_date": "2026-11-20",
            "consent_method": "in_person",
            "consent_scope": ["prepare", "present"],
        }
    if role != "self":
        answers["applicant"] = {
            "full_name": "Dominique Roy",
            "capacity": "parent" if role == "parent" else "",
        }
    parties = copy.deepcopy(parties) if parties is not None else [known(), company()]
    ids = [party["id"] for party in parties]
    answers.update(
        {
            "person": dict(PERSON),
            "situation": {**SITUATION, "kind": kind},
            "items": [{**ITEM, "kind": item_kind} for item_kind in item_kinds],
            "parties": parties,
            "orders": suggested_orders(parties),
            "places": copy.deepcopy(places) if places is not None else [place(ids)],
            "urgency": dict(URGENCY),
            "contact": dict(CONTACT),
        }
    )
    if complete:
        answers["check"] = {"document_language": document_language}
    for name, value in sections.items():
        answers[name.replace("_", "-")] = copy.deepcopy(value)
    return copy.deepcopy(answers)


def ApplicationFactory(*, answers=None, status=Application.Status.DRAFT, code=None, **traits):
    """An application saved in the database; `.resume_code` holds its code for tests."""
    code = code or codes.resume_code_generate()
    answers = answers if answers is not None else answers_factory(**traits)
    application = Application.objects.create(
        answers=answers,
        status=status,
        applicant_role=(answers.get("who") or {}).get("role", ""),
        resume_code_digest=codes.resume_code_digest(code),
    )
    application.resume_code = code
    return application


def open_in_session(client, application) -> None:
    """The test client's browser now works on `application`, as after starting or resuming."""
    from requests.selectors import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()


def printed_now(application, kind: str = "application", **fields):
    """What asking for a document and the worker do together, here and now: the printed row
    (None if nothing was printed). Nothing is handed to a broker."""
    from requests import services
    from requests.models import PrintedDocument

    application.refresh_from_db()  # the answers as they are now, as a request would read them
    row = services.printed_request(kind=kind, application=application, **fields)
    if row.status != PrintedDocument.Status.PENDING:
        return row
    return services.printed_render(kind=kind, row_id=row.pk)


def differences_but_blanks(stored, given, where: str = "answers") -> list[str]:
    """Where `stored` differs from `given`, other than blank answers to questions `given` did
    not have (a field added since, saved empty by its form). [] when nothing was lost or
    invented."""
    if isinstance(given, dict) and isinstance(stored, dict):
        found = []
        for key in sorted(given.keys() | stored.keys(), key=str):
            if key not in given:
                if stored[key] not in ("", [], None, False):
                    found.append(f"{where}.{key}: {stored[key]!r} was invented")
            elif key not in stored:
                found.append(f"{where}.{key} was lost")
            else:
                found.extend(differences_but_blanks(stored[key], given[key], f"{where}.{key}"))
        return found
    if isinstance(given, list) and isinstance(stored, list) and len(given) == len(stored):
        return [found for index, (s, g) in enumerate(zip(stored, given))
                for found in differences_but_blanks(s, g, f"{where}[{index}]")]
    return [] if stored == given else [f"{where}: {given!r} became {stored!r}"]
