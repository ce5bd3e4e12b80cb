"""The notice of withdrawn consent through the pages: offered where it fits, one per holder,
printed by the worker like every printed kind, its text ready to copy, the tracker keeping
when it was sent; and the case reference, random and printed on every kind."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from requests import codes, printed, services, tasks
from requests.models import Application, WithdrawalNotice
from requests.selectors import SESSION_KEY
from tests.factories import (
    ApplicationFactory,
    answers_factory,
    company,
    known,
    open_in_session,
    printed_now,
    unknown,
)

pytestmark = pytest.mark.django_db


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"applications:{name}", kwargs=kwargs)


def agreed_answers(**traits):
    answers = answers_factory(parties=[known(), company(id="r2"), unknown()], **traits)
    answers["items"][0]["agreed_then"] = "yes"
    answers["orders"]["r5"] = ["stop_and_destroy"]
    return answers


@pytest.fixture
def enqueued(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.render_printed, "delay",
                        lambda kind, row_id: calls.append((kind, row_id)))
    return calls


def test_the_notices_page_offers_a_notice_to_each_holder_with_its_text_ready_to_copy(client):
    open_in_session(client, ApplicationFactory(answers=agreed_answers()))
    page = client.get(_url("notices")).content.decode()
    assert "Withdraw a consent you had given" in page
    assert page.count("Prepare the notice to print") == 2  # the person, the company; not r5
    assert "Notice of withdrawal of consent" in page  # the text, ready to copy
    assert "never a condition of the court application" in page
    french = client.get(_url("notices", "fr")).content.decode()
    assert "Avis de retrait du consentement" in french


def test_without_an_image_agreed_to_the_page_says_how_a_notice_becomes_possible(client):
    open_in_session(client, ApplicationFactory(answers=answers_factory()))
    page = client.get(_url("notices")).content.decode()
    assert "Prepare the notice" not in page
    assert _url("step", slug="items") in page


def test_a_notice_is_asked_for_printed_by_the_worker_and_downloaded_with_a_discreet_name(
    client, enqueued, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(answers=agreed_answers(complete=False))  # not finished
    open_in_session(client, application)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("notice-request", respondent_id="r1"), {"r1-language": "fr"})
    notice = WithdrawalNotice.objects.get()
    assert response["Location"] == _url("notice-status", notice_id=notice.pk)
    assert enqueued == [("notice", str(notice.pk))]  # only its id goes to the broker
    assert "We are preparing your notice" in client.get(response["Location"]).content.decode()
    services.printed_render(kind="notice", row_id=notice.pk)
    download = client.get(_url("notice-download", notice_id=notice.pk))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="avis-')
    text = subprocess.run(["pdftotext", "-", "-"], input=download.content, capture_output=True,
                          check=True).stdout.decode()
    assert "Avis de retrait du consentement" in text
    assert application.reference in text


def test_a_person_nobody_can_name_and_a_stranger_s_notice_are_not_found(client, enqueued):
    open_in_session(client, ApplicationFactory(answers=agreed_answers()))
    assert client.post(_url("notice-request", respondent_id="r5"),
                       {"r5-language": "fr"}).status_code == 404
    other = ApplicationFactory(answers=agreed_answers())
    theirs = printed_now(other, "notice", respondent_id="r1", language="fr")
    assert client.get(_url("notice-status", notice_id=theirs.pk)).status_code == 404
    assert client.get(_url("notice-download", notice_id=theirs.pk)).status_code == 404


def test_a_bad_language_keeps_the_page_with_a_message(client, enqueued):
    open_in_session(client, ApplicationFactory(answers=agreed_answers()))
    response = client.post(_url("notice-request", respondent_id="r1"), {"r1-language": "de"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not WithdrawalNotice.objects.exists()


def test_the_stop_rules_of_the_application_hold_for_the_notice(client):
    answers = answers_factory(role="parent", victim_age=12, shared_by_household="yes")
    open_in_session(client, ApplicationFactory(answers=answers))
    response = client.get(_url("notices"))
    assert response.status_code == 302
    assert response["Location"] == _url("step", slug="safe-options")


def test_a_notice_no_longer_wanted_is_not_printed(client):
    application = ApplicationFactory(answers=agreed_answers())
    notice = services.printed_request(kind="notice", application=application,
                                      respondent_id="r1", language="en")
    application.answers["items"][0]["agreed_then"] = "no"
    application.save()
    services.printed_render(kind="notice", row_id=notice.pk)
    notice.refresh_from_db()
    assert notice.status == WithdrawalNotice.Status.FAILED and not notice.pdf


def test_the_tracker_keeps_when_a_notice_was_sent_and_what_came_back(client):
    open_in_session(client, ApplicationFactory(answers=agreed_answers()))
    client.post(_url("after-tracker"), {"part": "notices", "notices-to": "Sam Gagnon",
                                        "notices-sent_on": "2026-12-01",
                                        "notices-reply": "Removed the same day"})
    page = client.get(_url("after-tracker", "fr")).content.decode()
    assert "1er décembre 2026" in page
    assert "Sam Gagnon" in page and "Removed the same day" in page


# --- The case reference --------------------------------------------------------------------------


def test_every_application_has_its_own_random_reference_not_drawn_from_the_answers():
    answers = agreed_answers()
    first, second = ApplicationFactory(answers=answers), ApplicationFactory(answers=answers)
    assert first.reference != second.reference  # the same answers, two references
    assert len(first.reference) == 7 and first.reference[3] == "-"
    assert all(c in codes.ALPHABET for c in first.reference.replace("-", ""))
    flat = str(answers)
    assert first.reference not in flat and first.reference.replace("-", "") not in flat


@pytest.mark.parametrize(("kind", "fields"), [
    ("application", {}), ("guide", {}), ("letter", {"respondent_id": "r2", "language": "fr"}),
    ("notice", {"respondent_id": "r1", "language": "en"}),
])
def test_the_reference_is_printed_on_every_kind(kind, fields):
    assert set(printed.KINDS) == {"application", "guide", "letter", "notice"}
    application = ApplicationFactory(answers=agreed_answers())
    row = printed_now(application, kind, **fields)
    text = subprocess.run(["pdftotext", "-", "-"], input=bytes(row.pdf), capture_output=True,
                          check=True).stdout.decode()
    assert application.reference in text


def test_the_reference_is_shown_on_the_tracker_and_never_opens_anything(client):
    application = ApplicationFactory(answers=agreed_answers())
    open_in_session(client, application)
    assert application.reference in client.get(_url("after-tracker")).content.decode()
    stranger = client.__class__()
    response = stranger.post(_url("resume"), {"code": application.reference})
    assert response.status_code == 200
    assert Application.objects.count() == 1
    assert SESSION_KEY not in stranger.session  # the reference opened nothing
    assert "Who is filling this in?" not in response.content.decode()
