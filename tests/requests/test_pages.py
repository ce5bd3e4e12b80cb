"""Pages around the walkthrough: safety, privacy, saving, coming back, deleting."""

import json
import re

import pytest
from django.test.html import parse_html
from django.utils import translation

from requests import selectors
from requests.forms.images import ITEMS_MAX
from requests.models import Application
from requests.steps import STEPS
from tests.factories import ApplicationFactory, answers_factory, differences_but_blanks

pytestmark = pytest.mark.django_db


def open_in_session(client, application):
    session = client.session
    session[selectors.SESSION_KEY] = str(application.pk)
    session.save()


def walkthrough_urls(language):
    urls = [
        f"/{language}/form/{step.slug}/"
        for step in STEPS
        if step.slug not in {"home-safety", "safe-options", "consent", "applicant"}
    ]
    urls += [
        f"/{language}/form/items/new/",
        f"/{language}/form/items/1/",
        f"/{language}/form/items/1/remove/",
        f"/{language}/form/parties/new/known/",
        f"/{language}/form/parties/new/pseudonym/",
        f"/{language}/form/parties/new/company/",
        f"/{language}/form/parties/2/",
        f"/{language}/form/places/new/url/",
        f"/{language}/form/places/new/other/",
        f"/{language}/form/places/1/",
        f"/{language}/form/document/",
        f"/{language}/form/resume/",
        f"/{language}/form/answers/import/",
        f"/{language}/form/delete/",
        f"/{language}/start/",
    ]
    return urls


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_walkthrough_page_has_a_file_input_and_every_page_is_private(client, language):
    open_in_session(client, ApplicationFactory(status=Application.Status.READY))
    for url in walkthrough_urls(language):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'type="file"' not in html, url
        assert "no-store" in response["Cache-Control"], url
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
        assert "Alex" not in title and "image" not in title.lower(), (url, title)


@pytest.mark.parametrize("role", ["parent", "helper"])
def test_the_parent_and_helper_screens_have_no_file_input_either(client, role):
    open_in_session(
        client, ApplicationFactory(role=role, victim_age=12 if role == "parent" else 16)
    )
    slugs = ["home-safety", "applicant"] if role == "parent" else ["consent", "applicant"]
    for slug in slugs:
        html = client.get(f"/fr/form/{slug}/").content.decode()
        assert 'type="file"' not in html


def test_titles_say_only_the_step_number_in_french_and_english(client):
    open_in_session(client, ApplicationFactory())
    fr = client.get("/fr/form/situation/").content.decode()
    en = client.get("/en/form/situation/").content.decode()
    assert re.search(r"<title>\s*Étape 3 de 10", fr) or "Step 3 of 10" in fr
    assert re.search(r"<title>\s*Step 3 of 10", en)
    assert 'lang="fr"' in fr and 'lang="en"' in en


def test_an_error_summary_links_to_each_field_and_keeps_what_was_typed(client):
    open_in_session(client, ApplicationFactory(complete=False))
    response = client.post("/en/form/situation/", {"summary": "What I typed", "where": ["other"]})
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'href="#id_kind_0"' in html and 'href="#id_where_other"' in html
    assert 'id="id_kind_0"' in html
    assert "What I typed" in html



def elements(node, name):
    """Every element called `name` under a django.test.html tree, in document order."""
    for child in getattr(node, "children", []):
        if getattr(child, "name", None) == name:
            yield child
        yield from elements(child, name)


def text_of(node) -> str:
    return " ".join(
        text_of(child) if hasattr(child, "children") else str(child) for child in node.children
    )


def test_each_refused_answer_is_tied_to_its_message_and_choices_stay_ticked(client):
    open_in_session(client, ApplicationFactory(complete=False))
    with translation.override("en"):
        response = client.post(
            "/en/form/situation/",
            {"where": ["social_network", "other"], "first_seen": "2099-01-01", "summary": ""},
        )
    page = parse_html(response.content.decode())
    by_id = {
        dict(element.attributes).get("id"): element
        for tag in ("div", "p", "span") for element in elements(page, tag)
    }

    def described_by(element) -> str:
        ids = dict(element.attributes).get("aria-describedby", "").split()
        return " ".join(text_of(by_id[i]) for i in ids if i in by_id)

    date_input = next(e for e in elements(page, "input") if ("name", "first_seen") in e.attributes)
    assert ("aria-invalid", "true") in date_input.attributes
    assert "This date is in the future" in described_by(date_input)
    assert ("value", "2099-01-01") in date_input.attributes  # what was typed stays

    summary = next(e for e in elements(page, "textarea") if ("name", "summary") in e.attributes)
    assert "This field is required" in described_by(summary)

    # A group of choices: the fieldset names the error, its legend says the field is required.
    kind_group = next(
        f for f in elements(page, "fieldset")
        if any(("name", "kind") in i.attributes for i in elements(f, "input"))
    )
    assert "This field is required" in described_by(kind_group)
    assert "*" in text_of(next(elements(kind_group, "legend")))
    ticked = [
        dict(i.attributes)["value"] for i in elements(page, "input")
        if ("name", "where") in i.attributes and "checked" in dict(i.attributes)
    ]
    assert ticked == ["social_network", "other"]
    # Every label points at an input that exists.
    inputs = {dict(e.attributes).get("id") for t in ("input", "textarea", "select")
              for e in elements(page, t)}
    for label in elements(page, "label"):
        assert dict(label.attributes)["for"] in inputs

def test_going_back_shows_stored_answers(client):
    open_in_session(client, ApplicationFactory())
    html = client.get("/en/form/person/").content.decode()
    assert 'value="Alex Tremblay"' in html
    assert 'href="/en/form/who/"' in html  # the back link


def test_a_later_step_redirects_to_the_first_missing_one(client):
    answers = answers_factory(complete=False)
    del answers["items"]
    open_in_session(client, ApplicationFactory(answers=answers))
    assert client.get("/fr/form/urgency/")["Location"] == "/fr/form/items/"
    assert client.get("/fr/form/urgency/")["Location"] == "/fr/form/items/"


def test_without_a_draft_every_step_leads_to_the_first_question(client):
    assert client.get("/fr/form/items/")["Location"] == "/fr/form/who/"
    assert client.get("/fr/form/items/new/")["Location"] == "/fr/form/who/"


def test_a_change_from_the_summary_returns_to_the_summary(client):
    application = ApplicationFactory()
    open_in_session(client, application)
    response = client.post("/en/form/person/?next=check", {"full_name": "Alex T."})
    assert response["Location"] == "/en/form/check/"
    application.refresh_from_db()
    assert application.answers["person"]["full_name"] == "Alex T."
    assert application.answers["urgency"]  # nothing else lost


def test_a_list_step_refuses_to_continue_empty(client):
    answers = answers_factory(complete=False)
    answers["items"] = []
    open_in_session(client, ApplicationFactory(answers=answers))
    assert "Add at least one" in client.post("/en/form/items/").content.decode()


@pytest.mark.parametrize(("slug", "french"), [
    ("items", "Ajoutez-en au moins une avant de continuer."),  # une image
    ("parties", "Ajoutez au moins une personne ou une entreprise avant de continuer."),
    ("places", "Ajoutez-en au moins un avant de continuer."),  # un endroit
])
def test_an_empty_list_is_refused_in_words_that_agree_with_its_noun(client, slug, french):
    answers = answers_factory(complete=False)
    answers[slug] = []
    open_in_session(client, ApplicationFactory(answers=answers))
    page = client.post(f"/fr/form/{slug}/").content.decode()
    assert french in page


def test_a_list_step_respects_its_limit_with_a_clear_message(client):
    full = answers_factory(complete=False)
    full["items"] = [full["items"][0]] * ITEMS_MAX
    open_in_session(client, ApplicationFactory(answers=full))
    response = client.get("/en/form/items/new/", follow=True)
    assert f"limit of {ITEMS_MAX}" in response.content.decode()


def test_removing_an_entry_asks_first_then_removes_it(client):
    application = ApplicationFactory()
    open_in_session(client, application)
    assert "Yes, remove it" in client.get("/en/form/parties/2/remove/").content.decode()
    response = client.post("/en/form/parties/2/remove/")
    assert response["Location"] == "/en/form/parties/"
    application.refresh_from_db()
    assert [p["id"] for p in application.answers["parties"]] == ["r1"]


def test_the_code_is_shown_once_with_advice_and_the_deletion_date(client):
    response = client.post("/en/form/who/", {"role": "self", "victim_age": "16"})
    html = response.content.decode()
    assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", html)
    assert "Do not keep it where someone else could see it" in html
    assert "will be deleted on" in html
    again = client.post("/en/form/who/", {"role": "self", "victim_age": "16"})
    assert again.status_code == 302  # never shown a second time


def test_the_resume_page_opens_a_draft_with_its_code(client):
    application = ApplicationFactory(complete=False)
    response = client.post("/en/form/resume/", {"code": application.resume_code.lower()})
    assert response["Location"] == "/en/form/check/"
    assert client.get("/en/form/check/").status_code == 200


def test_the_resume_page_says_clearly_when_a_code_is_wrong_and_when_too_many_were(client):
    application = ApplicationFactory()
    for _ in range(5):
        html = client.post("/en/form/resume/", {"code": "AAAA-BBBB-CCCC-DDDD"}).content.decode()
        assert "This code does not open a saved draft" in html
    html = client.post("/en/form/resume/", {"code": "AAAA-BBBB-CCCC-DDDE"}).content.decode()
    assert "Too many codes that did not work came from this connection" in html
    assert selectors.SESSION_KEY not in client.session

    # The right code still opens the draft: nobody is locked out by someone else's tries.
    response = client.post("/en/form/resume/", {"code": application.resume_code})
    assert response.status_code == 302
    assert client.session[selectors.SESSION_KEY] == str(application.pk)


def test_download_gives_a_discreet_json_file(client):
    application = ApplicationFactory()
    open_in_session(client, application)
    response = client.get("/fr/form/answers/download/")
    assert response["Content-Type"].startswith("application/json")
    assert re.fullmatch(
        r'attachment; filename="answers-\d{4}-\d{2}-\d{2}\.json"', response["Content-Disposition"]
    )
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["answers"] == application.answers


def test_pasted_answers_are_imported_and_a_new_draft_gets_a_code(client):
    text = json.dumps({"schema": "portal-answers", "version": 1, "answers": answers_factory()})
    response = client.post("/en/form/answers/import/", {"text": text})
    assert "Your code to come back later" in response.content.decode()
    assert differences_but_blanks(Application.objects.get().answers, answers_factory()) == []


def test_a_refused_import_names_the_problem_and_keeps_the_pasted_text(client):
    text = json.dumps(
        {
            "schema": "portal-answers",
            "version": 1,
            "answers": {"who": {"role": "boss", "victim_age": 3}},
        }
    )
    html = client.post("/en/form/answers/import/", {"text": text}).content.decode()
    assert "Who is filling this in?" in html and "boss" in html
    assert "<textarea" in html and "&quot;boss&quot;" in html
    assert not Application.objects.exists()


def test_delete_everything_asks_first_then_deletes_and_forgets(client):
    application = ApplicationFactory()
    open_in_session(client, application)
    assert "Delete everything now" in client.get("/en/form/check/").content.decode()
    assert client.get("/en/form/delete/").status_code == 200
    refused = client.post("/en/form/delete/", {})
    assert refused.status_code == 200 and Application.objects.exists()
    response = client.post("/en/form/delete/", {"confirm": "on"})
    assert "Everything was deleted" in response.content.decode()
    assert not Application.objects.exists()
    assert client.get("/en/form/person/")["Location"] == "/en/form/who/"


def test_the_document_page_waits_for_complete_answers(client):
    answers = answers_factory(complete=False)
    open_in_session(client, ApplicationFactory(answers=answers))
    assert client.get("/en/form/document/")["Location"] == "/en/form/check/"
    html = client.post("/en/form/check/", {"document_language": "en"}, follow=True).content.decode()
    assert "Your answers are complete" in html and "deleted on" in html


def test_no_personal_data_appears_in_any_redirect(client):
    response = client.post("/en/form/who/", {"role": "self", "victim_age": "16"})
    response = client.post("/en/form/person/", {"full_name": "Alex Tremblay"})
    assert "Alex" not in response["Location"] and "16" not in response["Location"]


def test_the_summary_shows_dates_as_people_write_them(client):
    from requests.selectors import SESSION_KEY
    from tests.factories import ApplicationFactory

    application = ApplicationFactory()
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()

    french = client.get("/fr/form/check/").content.decode()
    english = client.get("/en/form/check/").content.decode()

    assert "1er novembre 2026" in french  # situation.first_seen = 2026-11-01
    assert "1 November 2026" in english
    assert "2026-11-01" not in french
