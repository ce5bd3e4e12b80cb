"""No way around a stop: answers the walkthrough stops are refused, with the same words, by
"Import my answers" and by `manage.py render_application`, which import or print nothing."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.html import escape

from requests import answers_io, steps
from requests.models import Application
from tests.factories import ApplicationFactory, answers_factory, open_in_session

HOUSEHOLD_MESSAGE_EN = "the child's safety comes first"
HOUSEHOLD_MESSAGE_FR = "la sécurité de l’enfant passe avant tout"


def household_answers(*, the_rest: bool) -> dict:
    """A parent says the person who shared lives with the child; `the_rest`: every later step
    answered too, as a hand-made file trying to get past the stop would be."""
    if not the_rest:
        return answers_factory(role="parent", victim_age=9, shared_by_household="yes")
    answers = answers_factory(role="parent", victim_age=9)
    answers["home-safety"] = {"shared_by_household": "yes"}
    return answers


# (name, answers, what the walkthrough says in English, in French)
STOPS = [
    ("household, stopped there", household_answers(the_rest=False),
     HOUSEHOLD_MESSAGE_EN, HOUSEHOLD_MESSAGE_FR),
    ("household, every later step answered", household_answers(the_rest=True),
     HOUSEHOLD_MESSAGE_EN, HOUSEHOLD_MESSAGE_FR),
    ("a child under 14 applying alone", answers_factory(role="self", victim_age=12),
     "Under 14, a parent or tutor has to make this application for you",
     "Avant 14 ans, c’est un parent ou une personne tutrice qui doit faire cette demande"),
    ("a parent for a person 14 or older", answers_factory(role="parent", victim_age=15),
     "At 14 or older, the person can make this application on their own",
     "À 14 ans ou plus, la personne peut faire cette demande seule"),
]
IDS = [stop[0] for stop in STOPS]


def write_envelope(path: Path, answers: dict) -> Path:
    path.write_text(json.dumps(answers_io.answers_export(answers)), encoding="utf-8")
    return path


def test_the_one_decision_names_the_stop_page_and_its_message():
    for answers in (household_answers(the_rest=False), household_answers(the_rest=True)):
        stop = steps.walkthrough_stop(answers)
        assert stop is not None and stop.slug == "safe-options"
        with translation.override("en"):
            assert HOUSEHOLD_MESSAGE_EN in str(stop.stop_message)
    assert steps.walkthrough_stop(answers_factory(role="parent", victim_age=9)) is None
    assert steps.walkthrough_stop(answers_factory()) is None


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("name", "answers", "said_en", "said_fr"), STOPS, ids=IDS)
def test_the_command_refuses_stopped_answers_with_the_message_and_writes_nothing(
    tmp_path, name, answers, said_en, said_fr, language
):
    source = write_envelope(tmp_path / "answers.json", answers)
    output = tmp_path / "out.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("render_application", str(source), "--lang", language,
                     "--output", str(output))
    assert (said_en if language == "en" else said_fr) in str(refused.value)
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_the_command_run_from_the_shell_exits_non_zero_on_a_stop(tmp_path):
    source = write_envelope(tmp_path / "answers.json", household_answers(the_rest=True))
    result = subprocess.run(
        [sys.executable, "manage.py", "render_application", str(source), "--lang", "en",
         "--output", str(tmp_path / "out.pdf")],
        check=False, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert HOUSEHOLD_MESSAGE_EN in result.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(("name", "answers", "said_en", "said_fr"), STOPS, ids=IDS)
def test_the_import_refuses_stopped_answers_with_the_message(name, answers, said_en, said_fr):
    text = answers_io.answers_export_json(answers)
    for language, said in (("en", said_en), ("fr", said_fr)):
        with translation.override(language), pytest.raises(answers_io.ImportRefused) as refused:
            answers_io.answers_import(text)
        assert said in " ".join(refused.value.errors)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "answers", "said_en", "said_fr"), STOPS, ids=IDS)
def test_the_import_page_shows_the_message_and_stores_nothing(
    client, name, answers, said_en, said_fr
):
    text = answers_io.answers_export_json(answers)
    page = client.post("/en/form/answers/import/", {"text": text}).content.decode()
    assert escape(said_en) in page
    assert not Application.objects.exists()
    french = client.post("/fr/form/answers/import/", {"text": text}).content.decode()
    assert escape(said_fr) in french
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_an_import_into_an_open_draft_leaves_it_as_it_was(client):
    application = ApplicationFactory(answers=answers_factory(complete=False))
    open_in_session(client, application)
    before = Application.objects.get(pk=application.pk).answers
    client.post("/en/form/answers/import/",
                {"text": answers_io.answers_export_json(household_answers(the_rest=True))})
    assert Application.objects.get(pk=application.pk).answers == before


@pytest.mark.django_db
def test_the_walkthrough_still_stops_and_nothing_after_the_stop_opens(client):
    client.post("/en/form/who/", {"role": "parent", "victim_age": "9"})
    response = client.post("/en/form/home-safety/", {"shared_by_household": "yes"})
    assert response["Location"].endswith("/form/safe-options/")
    page = client.get("/en/form/safe-options/").content.decode()
    assert HOUSEHOLD_MESSAGE_EN in page
    for later in ("person", "places", "check"):
        assert client.get(f"/en/form/{later}/")["Location"].endswith("/form/safe-options/")


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "age", "said"), [
    ("self", "12", STOPS[2][2]), ("parent", "15", STOPS[3][2]),
])
def test_the_walkthrough_still_refuses_who_may_not_apply(client, role, age, said):
    response = client.post("/en/form/who/", {"role": role, "victim_age": age})
    assert response.status_code == 200
    assert said in response.content.decode()
    assert not Application.objects.exists()


# --- The person applying, or the person shown, is never a respondent -----------------------------


@pytest.mark.parametrize("name", ["Alex Tremblay", "  alex   TREMBLAY "])
def test_the_person_shown_cannot_be_named_as_a_respondent_anywhere(client, name):
    from requests.answers_io import ImportRefused, answers_validate
    from tests.factories import answers_factory, known

    answers = answers_factory(parties=[known(full_name=name)])
    with translation.override("en"):
        with pytest.raises(ImportRefused) as refused:
            answers_validate(answers)
        assert "The order is against someone else" in str(refused.value)


@pytest.mark.django_db
def test_the_person_applying_cannot_add_themselves_as_a_respondent(client):
    from django.urls import reverse
    from django.utils import translation

    from tests.factories import ApplicationFactory, answers_factory, open_in_session

    answers = answers_factory(role="parent", victim_age=12, complete=False)
    application = ApplicationFactory(answers=answers)
    open_in_session(client, application)
    with translation.override("en"):
        url = reverse("applications:entry-new-kind", args=["parties", "known"])
    response = client.post(url, {"full_name": "Dominique Roy", "actions": ["shared"]})
    assert response.status_code == 200
    assert "The order is against someone else" in response.content.decode()
    application.refresh_from_db()
    assert all(p.get("full_name") != "Dominique Roy" for p in application.answers["parties"])
