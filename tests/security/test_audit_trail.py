"""Every read or change of a person's answers or documents by a helper is in the trail.

The probe found that downloading all the answers, importing answers over the person's,
reading the copy page, using the tracker and deleting the whole application left no entry.
Every page of the application app is classified below, so that a new page cannot be added
without saying what it records; each audited one is then used by a helper and its entry
looked for, in the person's trail and in the organisation administrator's.
"""

import json

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation

from portal.accounts import services
from portal.accounts.models import AuditEntry
from requests import answers_io
from requests.models import CoverLetter, PersonGuide, RenderedDocument, WithdrawalNotice
from requests.selectors import answers_digest
from tests.accounts.conftest import helper_make, organisation_make, sign_in_fully
from tests.factories import ApplicationFactory, answers_factory, open_in_session

pytestmark = pytest.mark.django_db

# (method, url name, kwargs, posted data) -> (action, subject) the helper's entry must have.
AUDITED = [
    ("get", "step", {"slug": "person"}, None, ("viewed", "answers")),
    ("post", "step", {"slug": "urgency"},
     {"reasons": ["spreading"], "explanation": "Shared again today."}, ("changed", "answers")),
    ("get", "step", {"slug": "check"}, None, ("viewed", "answers")),
    ("get", "entry", {"slug": "parties", "number": 1}, None, ("viewed", "answers")),
    ("get", "entry-new", {"slug": "items"}, None, ("viewed", "answers")),
    ("get", "entry-new-kind", {"slug": "places", "kind": "url"}, None, ("viewed", "answers")),
    ("post", "entry-remove", {"slug": "places", "number": 1}, {}, ("changed", "answers")),
    ("get", "answers-download", {}, None, ("exported", "answers_file")),
    ("post", "answers-import", {}, "IMPORT", ("imported", "answers")),
    ("post", "document", {}, {}, ("rendered", "document")),
    ("get", "document-download", {}, None, ("downloaded", "document")),
    ("get", "guide-download", {}, None, ("downloaded", "document")),
    ("get", "after-guide", {}, None, ("viewed", "answers")),
    ("get", "after-copy", {}, None, ("viewed", "answers")),
    ("get", "after-removal", {}, None, ("viewed", "answers")),
    ("get", "after-companies", {}, None, ("viewed", "answers")),
    ("post", "after-cover-letter", {"respondent_id": "r2"}, {"language": "fr"},
     ("rendered", "letter")),
    ("get", "after-cover-letter-download", "LETTER", None, ("downloaded", "letter")),
    ("get", "notices", {}, None, ("viewed", "answers")),
    ("post", "notice-request", {"respondent_id": "r1"}, {"r1-language": "fr"},
     ("rendered", "notice")),
    ("get", "notice-download", "NOTICE", None, ("downloaded", "notice")),
    ("post", "after-reshare", {}, {}, ("viewed", "answers")),
    ("get", "after-tracker", {}, None, ("viewed", "tracker")),
    ("post", "after-tracker", {},
     {"part": "filed", "filed-filed_on": "2026-11-25", "filed-way": "online"},
     ("changed", "tracker")),
    ("post", "after-tracker-remove", {}, {"part": "sent", "index": "0"}, ("changed", "tracker")),
    ("post", "delete", {}, {"confirm": "on"}, ("deleted", "application")),
]
# Pages that show nothing of the answers or documents, and why.
NOT_AUDITED = {
    "start": "links to the questions only",
    "resume": "the person's own page: never served to a helper",
    "keep-alive": "says only whether the session is still open",
    "document-status": "says only whether the document is ready",
    "after-cover-letter-status": "says only whether the letter is ready",
    "notice-status": "says only whether the notice is ready, and for whom (a name the helper may see on the parties step)",
    "after-court": "general information from the law, nothing from the answers",
    # The GET of these pages shows a form or a question only; their POST is audited above.
    "answers-import": "GET: an empty box to paste into",
    "delete": "GET: asks to confirm",
    "document": "GET: a button to ask for the document",
    "entry-remove": "GET: asks to confirm, with the entry's number only",
    "after-reshare": "GET: a tick box",
    "after-cover-letter": "POST only (audited)",
    "after-tracker-remove": "POST only (audited)",
    "step": "every step audited",
    "entry": "audited",
    "entry-new": "audited",
    "entry-new-kind": "audited",
    "answers-download": "audited",
    "document-download": "audited",
    "after-guide": "audited",
    "after-copy": "audited",
    "after-removal": "audited",
    "after-companies": "audited",
    "after-cover-letter-download": "audited",
    "notices": "audited",
    "notice-request": "POST only (audited)",
    "notice-download": "audited",
    "after-tracker": "audited",
}


def _application_url_names() -> set[str]:
    resolver = get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        for sub in getattr(pattern, "url_patterns", []):
            if getattr(sub, "namespace", None) == "applications":
                names |= {p.name for p in sub.url_patterns}
    return names


def test_every_page_of_the_application_says_what_it_records():
    names = _application_url_names()
    assert names, "no application page found"
    classified = {row[1] for row in AUDITED} | set(NOT_AUDITED)
    assert names <= classified, f"pages that say nothing about the audit trail: {names - classified}"


@pytest.fixture
def helper_on_case(client):
    answers = answers_factory()
    answers["items"][0]["agreed_then"] = "yes"  # a notice of withdrawn consent fits
    application = ApplicationFactory(answers=answers)
    admin = helper_make(organisation_make(), is_org_admin=True)
    helper = helper_make(admin.helper_profile.organisation)
    services.share_code_redeem(code=services.share_code_create(application=application),
                               helper=helper)
    sign_in_fully(client, helper)
    open_in_session(client, application)
    return application, helper, admin


def _prepare(kwargs, data, application):
    """Make the thing the page works on exist (a document, a letter, a tracker note)."""
    if kwargs == "LETTER":
        letter = CoverLetter.objects.create(
            application=application, respondent_id="r2", language="fr",
            answers_digest=answers_digest(application.answers),
            status=CoverLetter.Status.READY, pdf=b"%PDF-1.7", rendered_at="2026-12-01T10:00Z",
        )
        kwargs = {"letter_id": letter.pk}
    if kwargs == "NOTICE":
        notice = WithdrawalNotice.objects.create(
            application=application, respondent_id="r1", language="fr",
            answers_digest=answers_digest(application.answers),
            status=WithdrawalNotice.Status.READY, pdf=b"%PDF-1.7", rendered_at="2026-12-01T10:00Z",
        )
        kwargs = {"notice_id": notice.pk}
    if data == "IMPORT":
        data = {"text": answers_io.answers_export_json(application.answers)}
    for printed in (RenderedDocument, PersonGuide):  # the application, the person's pages
        printed.objects.create(
            application=application, language="fr", status=printed.Status.READY,
            answers_digest=answers_digest(application.answers), pdf=b"%PDF-1.7",
            rendered_at="2026-12-01T10:00Z",
        )
    from requests import after

    after.tracker_update(application=application, part="sent",
                         value={"to": "Meta", "sent_on": "2026-11-26"})
    return kwargs, data


@pytest.mark.parametrize(
    ("method", "name", "kwargs", "data", "expected"), AUDITED,
    ids=[f"{row[0]}-{row[1]}-{json.dumps(row[2]) if isinstance(row[2], dict) else row[2]}"
         for row in AUDITED],
)
def test_what_a_helper_reads_or_changes_is_in_the_persons_and_the_organisations_trail(
    client, helper_on_case, method, name, kwargs, data, expected, django_capture_on_commit_callbacks
):
    application, helper, admin = helper_on_case
    kwargs, data = _prepare(kwargs, data, application)
    url = reverse(f"applications:{name}", kwargs=kwargs)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data) if method == "post" else client.get(url)

    assert response.status_code in (200, 302), response.status_code
    entry = AuditEntry.objects.filter(application_id=application.pk, actor=helper).first()
    assert entry is not None, f"{method.upper()} {name} left no entry"
    assert (entry.action, entry.subject) == expected
    assert entry.organisation == helper.helper_profile.organisation
    # The organisation's administrator sees it among their staff's actions.
    sign_in_fully(client.__class__(), admin)
    from portal.accounts.selectors import audit_entries_for_organisation

    assert entry in audit_entries_for_organisation(admin.helper_profile.organisation)


def test_the_person_sees_what_the_helper_did_in_words(client, helper_on_case):
    application, helper, _admin = helper_on_case
    client.get(reverse("applications:answers-download"))
    client.get(reverse("applications:after-copy"))

    person = client.__class__()
    open_in_session(person, application)
    html = person.get("/en/helpers/sharing/").content.decode()

    assert "Downloaded the answers file" in html
    assert "Viewed: the answers" in html
    assert helper.helper_profile.display_name in html


def test_a_deleted_application_keeps_its_trail_for_the_organisation(client, helper_on_case):
    application, helper, admin = helper_on_case
    client.post(reverse("applications:delete"), {"confirm": "on"})

    entry = AuditEntry.objects.get(application_id=application.pk, actor=helper, action="deleted")
    with translation.override("en"):
        assert entry.description == "Deleted the whole application"
    assert client.get(reverse("accounts:dashboard")).status_code == 200  # still signed in


def test_the_persons_own_actions_are_not_written_as_a_helpers(client):
    application = ApplicationFactory()
    open_in_session(client, application)
    client.get(reverse("applications:answers-download"))
    client.get(reverse("applications:step", args=["person"]))
    assert not AuditEntry.objects.filter(application_id=application.pk).exists()
