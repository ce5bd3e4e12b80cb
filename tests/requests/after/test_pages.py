import re
import subprocess
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from requests import directory, printed, services, tasks
from requests.models import Application, CoverLetter, Tracker
from requests.selectors import SESSION_KEY
from requests.templatetags.dates import long_date
from tests.factories import ApplicationFactory, answers_factory

pytestmark = pytest.mark.django_db

AFTER_PAGES = ["after-guide", "after-copy", "after-court", "after-removal",
               "after-companies", "after-reshare", "after-tracker"]

GOOGLE = {"id": "r3", "kind": "company", "platform_id": "google", "company_name": "",
          "service": "Google Search", "actions": ["links"]}


def _url(name, language, *args):
    with translation.override(language):
        return reverse(f"applications:{name}", args=args)


@pytest.fixture
def application(client):
    answers = answers_factory()
    answers["parties"].append(dict(GOOGLE))
    answers["orders"]["r3"] = ["remove_link"]
    place = answers["places"][0]
    place["respondents"] = [*place["respondents"], "r3"]  # a new list: the factory's is shared
    application = ApplicationFactory(answers=answers)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    return application


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", AFTER_PAGES)
def test_every_after_page_opens_in_both_languages(client, application, name, language):
    response = client.get(_url(name, language))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_after_pages_send_a_person_without_an_application_to_the_start(client):
    response = client.get(_url("after-guide", "en"))
    assert response.status_code == 302


def test_filing_guide_shows_the_courthouse_address_with_its_source(client, application):
    page = client.get(_url("after-guide", "en")).content.decode()
    montreal = directory.district("montreal")
    assert montreal.address_for_display in page
    assert "Quebec.ca/imagesintimes" in page
    assert "checked on" in page
    assert "identity" not in page.lower()


def test_copy_page_lists_the_answers_in_read_only_boxes_with_a_warning_about_order(
    client, application
):
    page = client.get(_url("after-copy", "en")).content.decode()
    assert "My ex posted a photo of me on Instagram." in page
    assert "Sam Gagnon" in page
    assert "https://www.instagram.com/p/abc123/" in page
    assert "readonly" in page
    assert "its order may be different" in page


def test_court_page_states_penalties_and_remedies_with_their_sources(client, application):
    page = client.get(_url("after-court", "en")).content.decode()
    assert "$500 to $5,000 for each day" in page
    assert "18 months" in page
    assert "According to the government&#x27;s announcements" in page or \
        "According to the government's announcements" in page
    assert "Criminal Code of Canada, section 162.1" in page
    assert "you do not have to prove their fault" in page
    assert page.count("Source:") >= 4


@pytest.fixture
def letters_enqueued(monkeypatch):
    """The letter ids handed to the broker, instead of a real broker (the real worker's part
    is in tests/browser/test_after.py)."""
    calls = []
    monkeypatch.setattr(
        tasks.render_printed, "delay", lambda kind, letter_id: calls.append(letter_id)
    )
    return calls


def _ask_for_letter(client, respondent_id, language, capture):
    with capture(execute=True):
        response = client.post(_url("after-cover-letter", "en", respondent_id),
                               {"language": language})
    assert response.status_code == 302
    return response


def _letter_text(client, respondent_id, language, enqueued, capture):
    response = _ask_for_letter(client, respondent_id, language, capture)
    (letter_id,) = enqueued
    assert response["Location"] == _url("after-cover-letter-status", "en", letter_id)
    tasks.render_printed.apply(args=["letter", letter_id])  # what the worker does with the id
    page = client.get(response["Location"]).content.decode()
    assert "Your letter is ready." in page
    download = client.get(_url("after-cover-letter-download", "en", letter_id))
    assert download["Content-Type"] == "application/pdf"
    assert "instagram" not in download["Content-Disposition"].lower()
    result = subprocess.run(["pdftotext", "-", "-"], input=download.content,
                            capture_output=True, check=True)
    return result.stdout.decode()


@pytest.mark.parametrize(("respondent_id", "company", "place"), [
    # The names people know: the legal names and Google's address are secondary in the data.
    ("r2", "Meta", "https://www.instagram.com/p/abc123/"),
    ("r3", "Google", "https://www.instagram.com/p/abc123/"),
])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_cover_letter_names_the_company_and_is_dated_in_the_chosen_language(
    client, application, letters_enqueued, django_capture_on_commit_callbacks,
    respondent_id, company, place, language
):
    text = _letter_text(client, respondent_id, language, letters_enqueued,
                        django_capture_on_commit_callbacks)
    today = long_date(timezone.localdate(), language)  # « 1er décembre » on the first
    assert company in text
    assert place in text
    assert today in text
    assert "P-9.0002" in text
    assert "Alex Tremblay" in text


def test_asking_for_a_letter_hands_only_its_id_to_the_worker_and_shows_a_waiting_page(
    client, application, letters_enqueued, django_capture_on_commit_callbacks
):
    response = _ask_for_letter(client, "r2", "fr", django_capture_on_commit_callbacks)

    letter = CoverLetter.objects.get(application=application)
    assert letters_enqueued == [str(letter.pk)]
    assert letter.status == CoverLetter.Status.PENDING
    assert letter.pdf is None
    page = client.get(response["Location"]).content.decode()
    assert "We are preparing your letter." in page
    assert '<meta http-equiv="refresh"' in page  # inside <noscript>: no JavaScript needed
    assert client.get(response["Location"] + "?format=json").json() == {"status": "pending"}
    # Not ready yet: the download address leads back to the waiting page.
    download = client.get(_url("after-cover-letter-download", "en", letter.pk))
    assert download.status_code == 302
    assert download["Location"] == response["Location"]


def test_asking_twice_for_the_same_letter_prints_it_once(
    client, application, letters_enqueued, django_capture_on_commit_callbacks
):
    first = _ask_for_letter(client, "r2", "en", django_capture_on_commit_callbacks)
    second = _ask_for_letter(client, "r2", "en", django_capture_on_commit_callbacks)
    other_language = _ask_for_letter(client, "r2", "fr", django_capture_on_commit_callbacks)

    assert first["Location"] == second["Location"]
    assert other_language["Location"] != first["Location"]
    assert len(letters_enqueued) == 2


def test_the_letter_pdf_is_encrypted_at_rest(application, letters_enqueued):
    letter = services.printed_request(kind="letter", application=application,
                                      respondent_id="r2", language="en")
    services.printed_render(kind="letter", row_id=letter.pk)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pdf FROM applications_coverletter WHERE id = %s", [letter.pk.hex
                       if connection.vendor == "sqlite" else letter.pk])
        (raw,) = cursor.fetchone()
    raw_text = raw if isinstance(raw, str) else bytes(raw).decode("ascii", "replace")
    assert "%PDF" not in raw_text
    assert CoverLetter.objects.get(pk=letter.pk).pdf.startswith(b"%PDF")


def test_another_persons_letter_is_not_found(client, application):
    someone_else = ApplicationFactory(answers=application.answers)
    letter = services.printed_request(kind="letter", application=someone_else,
                                      respondent_id="r2", language="en")
    for name in ("after-cover-letter-status", "after-cover-letter-download"):
        assert client.get(_url(name, "en", letter.pk)).status_code == 404


def test_cover_letter_for_a_respondent_that_is_not_a_company_is_not_found(client, application):
    response = client.post(_url("after-cover-letter", "en", "r1"), {"language": "en"})
    assert response.status_code == 404


def test_a_letter_whose_company_was_removed_since_fails_calmly_without_retrying(application):
    letter = services.printed_request(kind="letter", application=application,
                                      respondent_id="r3", language="en")
    application.answers["parties"] = [p for p in application.answers["parties"] if p["id"] != "r3"]
    application.save()

    assert services.printed_render(kind="letter", row_id=letter.pk) is None
    letter.refresh_from_db()
    assert letter.status == CoverLetter.Status.FAILED


def test_letters_past_their_date_are_purged_with_the_documents(application):
    letter = services.printed_request(kind="letter", application=application,
                                      respondent_id="r2", language="en")
    CoverLetter.objects.filter(pk=letter.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert services.expired_data_purge()["printed"]["letter"] == 1
    assert not CoverLetter.objects.exists()


def test_a_letter_left_pending_is_handed_to_the_worker_again(application, monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker, played by `handed`
    handed = []
    monkeypatch.setattr(services, "printed_enqueue",
                        lambda *, kind, row_id: handed.append((kind, str(row_id))) or True)
    letter = services.printed_request(kind="letter", application=application,
                                      respondent_id="r2", language="en")
    CoverLetter.objects.filter(pk=letter.pk).update(
        created_at=timezone.now() - timedelta(seconds=120)
    )

    tasks.enqueue_stale_documents.apply()
    tasks.enqueue_stale_documents.apply()

    assert handed == [("letter", str(letter.pk))]


def test_resources_page_opens_in_both_languages_with_sources(client):
    for language in ("fr", "en"):
        with translation.override(language):
            page = client.get(reverse("resources")).content.decode()
        assert "1 866 532-2822" in page
        assert "1 866 658-9022" in page
        assert "911" in page
    assert "SOS violence conjugale" in page
    assert "checked on" in page
    assert page.count("CAVAC de") >= 17 or page.count("CAVAC") >= 17


def test_footer_links_to_the_resources_page(client):
    page = client.get(reverse("home")).content.decode()
    assert reverse("resources") in page


def test_tracker_saves_the_filing_and_the_decision_and_lists(client, application):
    url = _url("after-tracker", "en")
    client.post(url, {"part": "filed", "filed-filed_on": "2026-11-20", "filed-way": "online"})
    client.post(url, {"part": "decision", "decision-decided_on": "2026-11-21",
                      "decision-outcome": "granted"})
    client.post(url, {"part": "sent", "sent-to": "Meta", "sent-sent_on": "2026-11-22"})
    client.post(url, {"part": "decision", "decision-decided_on": "2026-11-22",
                      "decision-outcome": "partly"})
    entries = Tracker.objects.get(application=application).entries
    assert entries["filed"] == {"filed_on": "2026-11-20", "way": "online"}
    assert entries["decision"]["outcome"] == "partly"
    assert entries["sent"] == [{"to": "Meta", "sent_on": "2026-11-22"}]
    page = client.get(url).content.decode()
    assert "The order was made for part of what I asked" in page


def test_tracker_shows_an_error_summary_for_a_missing_date(client, application):
    response = client.post(_url("after-tracker", "en"), {"part": "breaches", "breaches-note": "x"})
    page = response.content.decode()
    assert "error-summary" in page
    assert 'href="#id_breaches-seen_on"' in page
    assert not Tracker.objects.exists()


def test_tracker_is_deleted_with_the_application(client, application):
    client.post(_url("after-tracker", "en"),
                {"part": "filed", "filed-filed_on": "2026-11-20", "filed-way": "courthouse"})
    assert Tracker.objects.count() == 1
    client.post(_url("delete", "en"), {"confirm": "on"})
    assert not Application.objects.filter(pk=application.pk).exists()
    assert Tracker.objects.count() == 0


def test_reshare_starts_a_new_application_with_the_identities_filled_in(client, application):
    response = client.post(_url("after-reshare", "en"), {"keep_items": "on"})
    page = response.content.decode()
    assert "resume-code" in page
    new = Application.objects.exclude(pk=application.pk).get()
    assert new.answers["person"] == application.answers["person"]
    assert new.answers["contact"] == application.answers["contact"]
    assert new.answers["items"] == application.answers["items"]
    for slug in ("situation", "parties", "orders", "places", "urgency", "check"):
        assert slug not in new.answers
    assert client.session[SESSION_KEY] == str(new.pk)
    assert _url("step", "en", "situation") in page
    follow = client.get(_url("step", "en", "person"))
    assert "Alex Tremblay" in follow.content.decode()


def test_reshare_without_the_images_leaves_the_descriptions_out(client, application):
    client.post(_url("after-reshare", "en"), {})
    new = Application.objects.exclude(pk=application.pk).get()
    assert "items" not in new.answers
    assert new.answers["who"] == application.answers["who"]


def test_tracker_writes_dates_out_in_words_in_the_page_language(client, application):
    client.post(_url("after-tracker", "en"),
                {"part": "breaches", "breaches-seen_on": "2026-11-20",
                 "breaches-note": "Reposted on a new account"})
    page = client.get(_url("after-tracker", "fr")).content.decode()
    assert "20 novembre 2026" in page
    assert "Reposted on a new account" in page


def test_tracker_entry_can_be_removed(client, application):
    client.post(_url("after-tracker", "en"), {"part": "sent", "sent-to": "Google",
                                             "sent-sent_on": "2026-11-22"})
    client.post(_url("after-tracker-remove", "en"), {"part": "sent", "index": "0"})
    assert Tracker.objects.get(application=application).entries["sent"] == []


def test_companies_page_says_when_no_official_page_for_court_orders_was_found(
    client, application
):
    page = client.get(_url("after-companies", "en")).content.decode()
    # Meta's legal request page is unconfirmed; Google's is shown with its status.
    assert "We did not find an official page of this company for court orders." in page
    assert "https://support.google.com/legal/answer/3110420" in page
    assert "Unofficial source, to be checked" in page


def test_a_cover_letter_that_cannot_be_rendered_leaves_a_calm_message(
    client, application, letters_enqueued, django_capture_on_commit_callbacks, monkeypatch
):
    from requests.documents.render import DocumentRenderError

    def broken(*args, **kwargs):
        raise DocumentRenderError("boom")

    response = _ask_for_letter(client, "r2", "en", django_capture_on_commit_callbacks)
    monkeypatch.setattr(printed, "render_cover_letter_pdf", broken)
    result = tasks.render_printed.apply(args=["letter", letters_enqueued[0]])

    assert result.failed()
    page = client.get("/fr" + response["Location"][3:]).content.decode()
    assert "Nous n’avons pas pu préparer la lettre." in page
    assert "Réessayer" in page
    retried = client.post(_url("after-cover-letter", "en", "r2"), {"language": "en"})
    assert retried["Location"] != response["Location"]  # a failed letter is asked for anew


def test_without_a_broker_the_letter_is_ready_when_its_page_opens(
    client, application, django_capture_on_commit_callbacks, monkeypatch
):
    """`make run` has no Redis: the task runs in-process as the request commits."""
    from portal.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", True)
    response = _ask_for_letter(client, "r2", "en", django_capture_on_commit_callbacks)

    page = client.get(response["Location"]).content.decode()
    assert "Your letter is ready." in page
    assert CoverLetter.objects.get(application=application).pdf.startswith(b"%PDF")


def _section(page: str, heading: str) -> str:
    """The HTML from an <h2> to the next one."""
    start = page.index(f"<h2>{heading}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start:end if end != -1 else None]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_statement_about_a_breach_of_the_order_shows_its_source(
    client, application, language
):
    """What the court page says about an order not obeyed comes from law.md: each statement,
    as a list item or a paragraph, carries its source line naming one of after.SOURCES.
    Only the note to write it down, the CAVAC help line and links are not legal statements."""
    from requests.after import SOURCES

    with translation.override(language):
        page = client.get(_url("after-court", language)).content.decode()
        section = _section(page, translation.gettext("If the order is not obeyed"))
        sources = [str(source) for source in SOURCES.values()]
        not_statements = [
            translation.gettext("Write down the date and where you saw it (not the image itself)."),
            translation.gettext("CAVAC offers free and confidential help to victims."),
        ]
    statements = re.findall(r"<(li|p)\b([^>]*)>(.*?)</\1>", section, flags=re.DOTALL)
    assert len(statements) >= 3
    for _tag, attributes, inner in statements:
        if "source" in attributes:
            continue  # a source line itself
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", inner)).split())
        if not text or text in not_statements or inner.lstrip().startswith("<a"):
            continue
        if 'href="tel:' in inner:
            continue  # a help line, with its own source in the directory
        assert 'class="source' in inner, f"no source for: {text[:120]}"
        assert any(source in unescape(inner) for source in sources), text[:120]


def test_the_court_page_does_not_tell_a_person_to_call_the_court_office_or_a_lawyer(
    client, application
):
    """law.md does not say what to do after a breach beyond its penalties (#13)."""
    page = client.get(_url("after-court", "en")).content.decode()
    assert "office of the court" not in page
    assert "lawyer" not in page
