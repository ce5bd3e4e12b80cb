"""Factories with traits for answers and applications (no JSON fixtures).

`answers_factory(role="parent", victim_age=12)` gives a complete, valid answers object for a
journey; `ApplicationFactory(...)` saves one through the services, with its resume code.
"""

from requests import codes
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


def answers_factory(*, role="self", victim_age=16, shared_by_household="no", complete=True):
    """A full answers object; `complete=False` stops before the final check."""
    answers = {"who": {"role": role, "victim_age": victim_age}}
    if role == "parent":
        answers["home-safety"] = {"shared_by_household": shared_by_household}
        if shared_by_household == "yes":
            return answers
    if role == "helper":
        answers["consent"] = {
            "helper_kind": "teacher",
            "organisation": "École secondaire du Plateau",
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
    answers.update(
        {
            "person": dict(PERSON),
            "situation": dict(SITUATION),
            "items": [dict(ITEM)],
            "parties": [dict(KNOWN_PARTY), dict(META)],
            "orders": {"r1": ["stop_and_destroy"], "r2": ["stop_and_destroy"]},
            "places": [dict(PLACE)],
            "urgency": dict(URGENCY),
            "contact": dict(CONTACT),
        }
    )
    if complete:
        answers["check"] = {"document_language": "fr"}
    return answers


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
