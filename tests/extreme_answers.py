"""The longest application the forms accept: every list full, every field at its limit, and
every text one unbroken run (the hardest thing to lay out on a page).

Used by the document tests (nothing leaves the page) and by bench/pdf.py (the worst-case
render time). `tests/requests/documents/test_extreme_answers.py` proves the forms accept it,
so the worst case measured is one a person can really reach.
"""

import string

from requests.forms.base import (
    HANDLE_MAX,
    LINES_MAX,
    LONG_MAX,
    NAME_MAX,
    PROFILE_URL_MAX,
    SHORT_MAX,
    TEXT_MAX,
    URL_MAX,
)
from requests.forms.images import ITEMS_MAX
from requests.forms.parties import PARTIES_MAX
from requests.forms.places import PLACES_MAX
from tests.factories import answers_factory

ALL_ORDERS = ("stop_and_destroy", "not_share_and_destroy", "remove_link")


def unbroken(length: int, seed: int = 0) -> str:
    """`length` letters and digits with no space anywhere."""
    alphabet = string.ascii_letters + string.digits
    return "".join(alphabet[(seed * 7 + i * 13) % len(alphabet)] for i in range(length))


def url(length: int, seed: int) -> str:
    start = f"https://e{seed}.example/"
    return start + unbroken(length - len(start), seed)


def longest_answers() -> dict:
    """A helper presents it (the longest first section), in both languages."""
    parties = [
        {
            "id": f"r{number}",
            "kind": "pseudonym",
            "handles": [unbroken(HANDLE_MAX, number * 10 + n) for n in range(LINES_MAX)],
            "platform": unbroken(NAME_MAX, number),
            "profile_urls": [url(PROFILE_URL_MAX, number * 10 + n) for n in range(LINES_MAX)],
            "actions": ["shared", "threatened", "hosts", "links"],
        }
        for number in range(1, PARTIES_MAX + 1)
    ]
    ids = [party["id"] for party in parties]
    return answers_factory(
        role="helper", victim_age=16, helper_kind="organisation_worker", kind="both",
        parties=parties, document_language="both",
        consent={
            "helper_kind": "organisation_worker",
            "organisation": unbroken(NAME_MAX, 1),
            "consented_by": unbroken(NAME_MAX, 2),
            "consent_date": "2026-11-20",
            "consent_method": "writing",
            "consent_scope": ["prepare", "present"],
        },
        applicant={"full_name": unbroken(NAME_MAX, 3), "capacity": ""},
        person={
            "full_name": unbroken(NAME_MAX, 4),
            "other_names": unbroken(SHORT_MAX, 5),
            "date_of_birth": "",
        },
        situation={
            "kind": "both",
            "where": ["social_network", "website", "messaging", "search", "text_message", "other"],
            "where_other": unbroken(NAME_MAX, 6),
            "first_seen": "2026-11-01",
            "ongoing": "yes",
            "summary": unbroken(LONG_MAX, 7),
        },
        items=[
            {
                "kind": "video",
                "how_many": "several",
                "description": unbroken(TEXT_MAX, 100 + n),
                "made_when": unbroken(100, 200 + n),
                "under_18_then": "yes",
                "privacy_reason": unbroken(TEXT_MAX, 300 + n),
            }
            for n in range(ITEMS_MAX)
        ],
        orders={pid: list(ALL_ORDERS) for pid in ids},
        places=[
            {"kind": "url", "url": url(URL_MAX, 400 + n), "seen_on": "2026-11-02",
             "respondents": ids}
            for n in range(PLACES_MAX)
        ],
        urgency={
            "reasons": ["spreading", "threats", "school_or_work", "safety", "minor", "other"],
            "explanation": unbroken(TEXT_MAX * 2, 8),
        },
        contact={
            "phone": "+1 (514) 555-0123 (1234)",
            "can_call": True,
            "can_leave_message": True,
            "email": f"{unbroken(60, 9)}@{unbroken(60, 10)}.example.org",
            "can_email": True,
            "address": unbroken(SHORT_MAX, 11),
            "district": "montreal",
        },
    )


def wide(length: int, seed: int = 0) -> str:
    """`length` of the widest letters, with no space anywhere: a name typed without spaces is
    the hardest thing to fit in a heading or a narrow column."""
    letters = "WMQOGDHNUÆ" if seed % 2 else "MWOQÉÀDGHN"
    return "".join(letters[(seed + i * 3) % len(letters)] for i in range(length))


def wide_words(length: int, seed: int = 0) -> str:
    """Words of the widest letters, each as long as typography.breakable leaves whole (24):
    the longest words no break opportunity is added to."""
    from requests.documents.typography import LONG_RUN

    run = wide(length, seed)
    return " ".join(run[i : i + LONG_RUN] for i in range(0, length, LONG_RUN + 1))


def every_text_at_its_longest(*, document_language: str = "both", respondents: int = 6) -> dict:
    """Every kind of respondent and of place, and every text the document prints typed as one
    unbroken run, or as words of 24 of them: names, handles and company names of 300 wide
    letters, addresses, web addresses of 500 characters, many places. Beyond what the forms
    accept for some names: the document must still keep it on the page."""
    parties = []
    for number in range(1, respondents + 1):
        kind = ("known", "pseudonym", "unknown", "company")[(number - 1) % 4]
        party = {"id": f"r{number}", "kind": kind, "actions": ["shared", "threatened", "hosts"]}
        if kind == "known":
            party.update(full_name=wide_words(300, number),
                         other_names=wide(SHORT_MAX, number + 1),
                         relationship=unbroken(NAME_MAX, number), address=wide(SHORT_MAX, number))
        elif kind == "pseudonym":
            party.update(handles=[wide(HANDLE_MAX, number * 10 + n) for n in range(LINES_MAX)],
                         platform=wide(NAME_MAX, number),
                         profile_urls=[url(PROFILE_URL_MAX, number * 10 + n)
                                       for n in range(LINES_MAX)])
        elif kind == "unknown":
            party.update(description=wide(SHORT_MAX, number + 2))
        else:
            party.update(platform_id="", company_name=wide_words(300, number),
                         service=wide(NAME_MAX, number + 3))
        parties.append(party)
    ids = [party["id"] for party in parties]
    places = [
        {"kind": "url", "url": url(URL_MAX, 400 + n), "seen_on": "2026-11-02",
         "respondents": ids}
        if n % 2 == 0 else
        {"kind": "other", "description": wide_words(SHORT_MAX, n), "seen_on": "",
         "respondents": ids[:1]}
        for n in range(24)
    ]
    return answers_factory(
        role="helper", victim_age=16, helper_kind="organisation_worker", kind="both",
        parties=parties, places=places, document_language=document_language,
        item_kinds=("photo", "video", "altered"),
        consent={
            "helper_kind": "organisation_worker",
            "organisation": wide(300, 1),
            "consented_by": wide(300, 2),
            "consent_date": "2026-11-20",
            "consent_method": "writing",
            "consent_scope": ["prepare", "present"],
        },
        applicant={"full_name": wide_words(300, 3), "capacity": ""},
        person={"full_name": wide(300, 4), "other_names": wide(SHORT_MAX, 5),
                "date_of_birth": ""},
        situation={
            "kind": "both",
            "where": ["social_network", "website", "other"],
            "where_other": wide_words(NAME_MAX, 6),
            "first_seen": "2026-11-01",
            "ongoing": "yes",
            "summary": unbroken(LONG_MAX, 7),
        },
        items=[
            {"kind": kind, "how_many": "one", "description": wide(TEXT_MAX, 100 + n), "made_when": wide(100, n),
             "under_18_then": "no", "privacy_reason": unbroken(TEXT_MAX, 300 + n)}
            for n, kind in enumerate(("photo", "video", "altered"))
        ],
        urgency={"reasons": ["spreading", "threats", "other"], "explanation": wide(TEXT_MAX, 8)},
        contact={
            "phone": "+1 (514) 555-0123 (1234)", "can_call": True, "can_leave_message": False,
            "email": f"{wide(60, 9)}@{unbroken(60, 10)}.example.org", "can_email": True,
            "address": wide(SHORT_MAX, 11), "district": "montreal",
        },
    )
