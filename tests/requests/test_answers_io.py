"""“Download my answers” and “Import my answers”: round trip and strict refusals."""

import copy
import json

import pytest
from django.utils import translation

from requests import answers_io
from requests.forms.images import ITEMS_MAX
from requests.steps import STEPS_BY_SLUG
from tests.factories import answers_factory, differences_but_blanks


def envelope(answers, **changes):
    data = answers_io.answers_export(answers)
    data.update(changes)
    return json.dumps(data)


def refusal(text) -> str:
    """The refusal's messages in English, whatever language an earlier test left active."""
    with translation.override("en"), pytest.raises(answers_io.ImportRefused) as refused:
        answers_io.answers_import(text)
    return " | ".join(refused.value.errors)


@pytest.mark.parametrize("role", ["self", "parent", "helper"])
def test_export_then_import_gives_identical_answers(role):
    answers = answers_factory(role=role, victim_age=12 if role == "parent" else 16)
    once = answers_io.answers_import(answers_io.answers_export_json(answers))
    assert differences_but_blanks(once, answers) == []
    assert answers_io.answers_import(answers_io.answers_export_json(once)) == once


def test_the_export_carries_the_envelope():
    data = json.loads(answers_io.answers_export_json(answers_factory()))
    assert data["schema"] == "portal-answers"
    assert data["version"] == 2
    assert data["exported_at"][:4].isdigit()


def test_import_of_a_stop_page_path_is_refused_with_the_stop_message():
    answers = answers_factory(role="parent", victim_age=9, shared_by_household="yes")
    with pytest.raises(answers_io.AnswersStopped) as stopped:
        answers_io.answers_import(answers_io.answers_export_json(answers))
    assert stopped.value.errors == [str(STEPS_BY_SLUG["safe-options"].stop_message)]


def test_text_that_is_not_json_is_refused_clearly():
    assert "could not be read" in refusal("{not json")


def test_another_schema_or_version_is_refused():
    assert "not a file of answers" in refusal(envelope({}, schema="other"))
    assert "version" in refusal(envelope({}, version=3))


def test_an_unknown_step_is_named():
    assert "Unknown step “favourite-colour”" in refusal(envelope({"favourite-colour": {}}))


def test_an_unknown_field_names_the_step_and_the_field():
    answers = answers_factory()
    answers["person"]["shoe_size"] = "9"
    message = refusal(envelope(answers))
    assert "The person the order protects" in message and "shoe_size" in message


def test_a_wrong_type_names_the_field():
    answers = answers_factory()
    answers["who"]["victim_age"] = "16"
    assert "How old is the person in the image today?" in refusal(envelope(answers))
    answers = answers_factory()
    answers["contact"]["can_call"] = "yes"
    assert "It is safe to call me" in refusal(envelope(answers))


def test_a_value_outside_the_choices_is_refused():
    answers = answers_factory()
    answers["situation"]["kind"] = "maybe"
    assert "What is happening" in refusal(envelope(answers))


def test_a_text_longer_than_allowed_is_refused():
    answers = answers_factory()
    answers["items"][0]["description"] = "x" * 5000
    message = refusal(envelope(answers))
    assert "entry 1" in message and "Describe it in a few words" in message


def test_an_unsafe_address_is_refused_and_a_loose_one_is_normalised():
    answers = answers_factory()
    answers["places"][0]["url"] = "javascript:alert(1)"
    assert "http://" in refusal(envelope(answers))
    answers = answers_factory()
    answers["places"][0]["url"] = "HTTPS://WWW.Instagram.com:443/p/abc123/#top"
    assert (
        answers_io.answers_import(envelope(answers))["places"][0]["url"]
        == "https://www.instagram.com/p/abc123/"
    )


def test_places_must_point_at_known_respondents_and_orders_at_listed_ones():
    answers = answers_factory()
    answers["places"][0]["respondents"] = ["r7"]
    assert "Where the image is" in refusal(envelope(answers))
    answers = answers_factory()
    answers["orders"]["r9"] = ["remove_link"]
    assert "r9" in refusal(envelope(answers))


def test_respondent_ids_must_be_present_and_unique():
    answers = answers_factory()
    answers["parties"][1]["id"] = "r1"
    assert "id" in refusal(envelope(answers))


def test_a_step_that_does_not_fit_the_other_answers_is_refused():
    answers = answers_factory(role="self")
    answers["consent"] = copy.deepcopy(answers_factory(role="helper")["consent"])
    assert "do not fit" in refusal(envelope(answers))


def test_too_many_entries_are_refused():
    answers = answers_factory()
    answers["items"] = [answers["items"][0]] * (ITEMS_MAX + 1)
    assert f"{ITEMS_MAX} entries at most" in refusal(envelope(answers))


def test_a_routing_rule_is_enforced_on_import_too():
    answers = answers_factory(role="self", victim_age=12)
    assert "parent or tutor" in refusal(envelope(answers))


def test_the_comparison_of_imported_answers_sees_a_lost_a_changed_and_an_invented_answer():
    given = {"person": {"full_name": "Alex", "other_names": ""}, "items": [{"kind": "photo"}]}
    assert differences_but_blanks({**given, "check": {"x": ""}}, given) == [
        "answers.check: {'x': ''} was invented"
    ]
    assert differences_but_blanks({"person": {"full_name": "Alex", "new": ""},
                                   "items": [{"kind": "photo"}]}, given) == [
        "answers.person.other_names was lost"
    ]
    assert differences_but_blanks({"person": {"full_name": "Sam", "other_names": ""},
                                   "items": [{"kind": "video"}]}, given) == [
        "answers.items[0].kind: 'photo' became 'video'",
        "answers.person.full_name: 'Alex' became 'Sam'",
    ]
