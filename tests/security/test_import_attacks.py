"""A malformed file of answers gets a clear message: never a server error, never an empty
draft left behind, and the text stays in the box.

The probe crashed the import (500, and an empty draft created) with a lone surrogate
(`\\ud800`) in a name, one in a step key, and arrays nested 1,000 deep.
"""

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from requests import answers_io
from requests.models import Application
from tests.factories import answers_factory

pytestmark = pytest.mark.django_db

IMPORT_URL = "/en/form/answers/import/"


def _file(answers) -> str:
    return json.dumps({"schema": "portal-answers", "version": 1, "answers": answers})


def _with_name(name_escape: str) -> str:
    """The export of good answers, with the person's name written as a raw JSON escape."""
    answers = answers_factory()
    answers["person"]["full_name"] = "@@NAME@@"
    return _file(answers).replace("@@NAME@@", name_escape)


NASTY_FILES = {
    "lone surrogate in a name": _with_name("Alex \\ud800 Tremblay"),
    "lone low surrogate in a name": _with_name("\\udfff"),
    "lone surrogate in a step key": _file({"\\ud800": {}}).replace("\\\\ud800", "\\ud800"),
    "lone surrogate in the envelope": '{"schema": "portal-answers", "version": 1, "\\ud83d": 1}',
    "arrays nested 1,000 deep": "[" * 1000 + "]" * 1000,
    "objects nested 1,000 deep": '{"a":' * 1000 + "1" + "}" * 1000,
    "answers nested 1,000 deep": _file({"person": {"full_name": "[" * 1000 + "]" * 1000}})
    .replace('"' + "[" * 1000, "[" * 1000).replace("]" * 1000 + '"', "]" * 1000),
    "an enormous key": _file({"x" * 100_000: {}}),
    "not JSON at all": "\x00\x01\x02 not json",
}


@pytest.mark.parametrize("text", NASTY_FILES.values(), ids=NASTY_FILES.keys())
def test_a_malformed_file_is_refused_with_a_message_and_nothing_is_created(client, text):
    count = Application.objects.count()

    response = client.post(IMPORT_URL, {"text": text})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html  # a message tied to the box
    assert Application.objects.count() == count
    assert 'name="text"' in html
    if len(text) < 5000 and "\\ud" in text:
        assert "\\ud8" in html or "\\udf" in html  # the pasted text is still in the box


@pytest.mark.parametrize("text", NASTY_FILES.values(), ids=NASTY_FILES.keys())
def test_the_import_refuses_every_malformed_file_with_import_refused_only(text):
    with pytest.raises(answers_io.ImportRefused) as refused:
        answers_io.answers_import(text)
    for message in refused.value.errors:
        message.encode("utf-8")  # every message can be shown
        assert len(message) < 400


def test_a_key_quoted_in_a_message_is_cut_short():
    with pytest.raises(answers_io.ImportRefused) as refused:
        answers_io.answers_import(_file({"x" * 100_000: {}}))
    assert any("…" in message for message in refused.value.errors)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)


@hypothesis_settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=json_values)
def test_any_json_as_answers_is_either_imported_or_refused_calmly(answers):
    try:
        answers_io.answers_import(_file(answers))
    except answers_io.ImportRefused:
        pass


@hypothesis_settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("[]{}\"\\u:,"),
                    max_size=300))
def test_any_text_is_either_imported_or_refused_calmly(text):
    try:
        answers_io.answers_import(text)
    except answers_io.ImportRefused:
        pass
