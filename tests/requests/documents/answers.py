"""The document tests' cast, as traits of the one answers builder (tests/factories.py):
Camille Roy, 15, at school, with the document in both languages.

    answers = build_answers(applicant="parent", victim_age=12, parties=[known(), company()])
"""

from tests import factories
from tests.factories import other_company, place_without_address, pseudonym

__all__ = ["build_answers", "company", "known", "other_company", "place",
           "place_without_address", "pseudonym"]

CAMILLE = {"full_name": "Camille Roy", "other_names": "Cam", "date_of_birth": ""}
AT_SCHOOL = {
    "where": ["social_network", "messaging", "other"],
    "where_other": "a group chat at school",
    "first_seen": "2026-11-18",
    "ongoing": "yes",
    "summary": "He posted a photo I sent him in private. Now people at school share it.",
}


def known(**overrides) -> dict:
    return factories.known(**{
        "full_name": "Alex Tremblay", "other_names": "Alex T.", "relationship": "Former boyfriend",
        "address": "123, rue des Érables, Laval QC H7A 1A1", **overrides,
    })


def company(**overrides) -> dict:
    return factories.company(**{"id": "r3", **overrides})


def place(respondents: list[str], *, url: str = "https://www.instagram.com/p/AbC123/") -> dict:
    return factories.place(respondents, url=url, seen_on="2026-11-20")


def build_answers(
    *,
    applicant: str = "self",
    victim_age: int = 15,
    helper_kind: str = "teacher",
    kind: str = "shared",
    item_kinds: tuple[str, ...] = ("photo",),
    parties: list[dict] | None = None,
    places: list[dict] | None = None,
    district: str = "montreal",
) -> dict:
    parties = parties if parties is not None else [known()]
    answers = factories.answers_factory(
        role=applicant, victim_age=victim_age, helper_kind=helper_kind, kind=kind,
        item_kinds=item_kinds, parties=parties,
        places=places if places is not None else [place([party["id"] for party in parties])],
        document_language="both",
        person=CAMILLE,
        situation={**AT_SCHOOL, "kind": kind},
        items=[
            {
                "kind": item_kind,
                "how_many": "one",
                "description": f"A {item_kind} taken in a bedroom, shoulders and chest visible.",
                "made_when": "summer 2026",
                "under_18_then": "yes" if victim_age < 18 else "no",
                "privacy_reason": "It was sent in a private message to one person only.",
            }
            for item_kind in item_kinds
        ],
        urgency={
            "reasons": ["spreading", "school_or_work"],
            "explanation": "More people see it every hour.",
        },
        contact={
            "phone": "514 555-0199", "can_call": True, "can_leave_message": False,
            "email": "camille@example.org", "can_email": True, "address": "",
            "district": district,
        },
    )
    if applicant == "helper":
        answers["consent"].update({
            "organisation": "École secondaire du Parc" if helper_kind == "teacher" else "",
            "consented_by": "Camille Roy",
            "consent_date": "2026-11-21",
        })
        answers["applicant"]["full_name"] = "Jordan Gagnon"
    return answers


def self_15() -> dict:
    return build_answers(applicant="self", victim_age=15)


def parent_for_12() -> dict:
    return build_answers(applicant="parent", victim_age=12)


def teacher_with_consent() -> dict:
    return build_answers(applicant="helper", victim_age=16, helper_kind="teacher")


def every_kind_of_respondent() -> dict:
    parties = [known(id="r1"), pseudonym(id="r2"), company(id="r3"), other_company(id="r4")]
    places = [
        place(["r1", "r3"]),
        place_without_address(["r2"], "Telegram group “Class 4B”, message of 3 June"),
        place(["r4"], url="https://boreal-photos.example/album/981"),
    ]
    return build_answers(applicant="self", victim_age=19, parties=parties, places=places)


def threat_only() -> dict:
    return build_answers(kind="threatened", parties=[pseudonym(id="r1", actions=["threatened"])])


def several_respondents(count: int) -> dict:
    parties = [known(id=f"r{n}", full_name=f"Person Number {n}") for n in range(1, count + 1)]
    return build_answers(parties=parties, places=[place([party["id"]]) for party in parties])


def altered_image_in_search() -> dict:
    google = company(id="r1", platform_id="google", service="Google Search", actions=["links"])
    answers = build_answers(
        victim_age=24,
        item_kinds=("altered",),
        parties=[google],
        places=[place(["r1"], url="https://www.google.com/search?q=camille+roy")],
    )
    answers["situation"]["where"] = ["search"]
    return answers
