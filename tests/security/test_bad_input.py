"""Whatever is typed or posted, a person gets a page they can act on, never a server error.

Every step form and every list-entry form (read from STEPS, not listed by hand), plus the
resume, import, delete and helper forms, receive very long text, control characters, null
bytes, bidirectional overrides, HTML and scripts, `javascript:` addresses, emoji and
combining marks. The answer is a redirect, or the same page with an error summary and every
value the person typed back in its field.
"""

import json

import pytest
from django import forms
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.accounts import forms as helper_forms
from requests import answers_io
from requests.models import Application
from requests.selectors import SESSION_KEY
from requests.steps import STEPS
from tests.factories import ApplicationFactory, answers_factory, unknown

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY_PIECES = [
    "\x00",
    "\x01\x02\x07\x08\x0b\x0c\x1b\x7f",
    "\r\n",
    "\t",
    "\u202e",  # right-to-left override
    "\u202d\u2066\u2067\u2068\u2069\u200f\u200e",
    "\ufeff\u200b\u2028\u2029",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{ request }}{% debug %}",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "http://",
    "https://[::1",
    "http://example.com:99999/",
    "http://exa mple.com/%zz",
    "//evil.example/",
    "😀👩🏽‍💻🏳️‍🌈",
    "e\u0301\u0302\u0303\u0304\u0305\u0306",
    "Z\u0351\u0360\u0361\u0489",
    "\udcff".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "' OR 1=1 --",
    "%s %(x)s {0}",
    "é à ç « » ’",
]

nasty_text = st.one_of(
    st.lists(st.sampled_from(NASTY_PIECES), min_size=1, max_size=6).map("".join),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=300
    ),
    st.builds(
        lambda piece, size: (piece * (size // max(len(piece), 1) + 1))[:size],
        st.sampled_from(NASTY_PIECES + ["a", "é"]),
        st.integers(min_value=10, max_value=100_000),
    ),
)


def field_value(field):
    """A strategy for one field: mostly nasty text, sometimes a valid choice."""
    if isinstance(field, forms.ChoiceField) and field.choices:
        valid = [str(value) for value, _label in field.choices if value != ""]
        if valid:
            choice = st.sampled_from(valid)
            if isinstance(field, forms.MultipleChoiceField):
                return st.lists(st.one_of(choice, nasty_text), max_size=4)
            return st.one_of(choice, nasty_text)
    if isinstance(field, forms.BooleanField):
        return st.one_of(st.just("on"), nasty_text)
    return nasty_text


def form_data(form):
    return st.fixed_dictionaries({name: field_value(field) for name, field in form.fields.items()})


def typed_text_fields(form) -> list[str]:
    """Fields whose value the person typed and that the page must show again."""
    return [
        name
        for name, field in form.fields.items()
        if not isinstance(field, forms.ChoiceField | forms.BooleanField)
        and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
    ]


ROLE_FOR_STEP = {"home-safety": "parent", "consent": "helper", "applicant": "parent"}


def screens():
    """(step, entry kind or None) for every screen of the walkthrough that takes a form."""
    for step in STEPS:
        if step.kind == "form":
            yield pytest.param(step, None, id=step.slug)
        elif step.kind == "collection":
            for kind in step.entry_kinds:
                yield pytest.param(step, kind, id=f"{step.slug}-{kind.key}")


def open_draft(client, answers) -> Application:
    application = ApplicationFactory(answers=answers)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    return application


def assert_error_page_or_redirect(response, data, text_fields):
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        return
    page = response.content.decode()
    assert 'id="error-summary"' in page, "an error page without its error summary"
    for name in text_fields:
        value = data.get(name)
        if not value or "\x00" in value:
            continue  # refused on purpose, with a message
        assert escape(value.strip()) in page or escape(value) in page, (
            f"what was typed in “{name}” did not come back in the form"
        )


PSEUDONYM = {
    "id": "r3",
    "kind": "pseudonym",
    "handles": ["@shadow_1"],
    "platform": "Telegram",
    "profile_urls": [],
    "actions": ["shared"],
}
PLACE_WITHOUT_ADDRESS = {
    "kind": "other",
    "description": "A group chat at school",
    "seen_on": "",
    "respondents": ["r1"],
}


def _answers_for(step):
    """Complete answers in which the step applies, with one entry of every kind."""
    answers = answers_factory(role=ROLE_FOR_STEP.get(step.slug, "self"))
    answers["parties"].extend([dict(PSEUDONYM), unknown()])
    answers["orders"].update({"r3": ["stop_and_destroy"], "r5": ["stop_and_destroy"]})
    answers["places"].append(dict(PLACE_WITHOUT_ADDRESS))
    return answers


@pytest.mark.parametrize(("step", "kind"), screens())
def test_every_screen_answers_nasty_input_with_a_page_the_person_can_act_on(client, step, kind):
    answers = _answers_for(step)
    application = open_draft(client, answers)
    form_class = kind.form_class if kind else step.form_class
    form = form_class(answers=answers)
    url = f"/en/form/{step.slug}/new/{kind.key}/" if kind else f"/en/form/{step.slug}/"
    text_fields = typed_text_fields(form)

    @EXAMPLES
    @given(data=form_data(form))
    def check(data):
        Application.objects.filter(pk=application.pk).update(answers=answers)
        response = client.post(url, data)
        assert_error_page_or_redirect(response, data, text_fields)
        stored = json.dumps(Application.objects.get(pk=application.pk).answers)
        assert "\\u0000" not in stored

    check()


def entry_kinds():
    return [
        pytest.param(step, kind, id=f"{step.slug}-{kind.key}")
        for step in STEPS
        for kind in step.entry_kinds
    ]


@pytest.mark.parametrize(("step", "kind"), entry_kinds())
def test_a_change_to_an_existing_entry_with_nasty_input_never_fails(client, step, kind):
    answers = _answers_for(step)
    application = open_draft(client, answers)
    number = next(
        index
        for index, entry in enumerate(answers[step.slug], start=1)
        if step.entry_kind_of(entry) == kind
    )
    form = kind.form_class(answers=answers, entry_index=number - 1)
    text_fields = typed_text_fields(form)

    @EXAMPLES
    @given(data=form_data(form))
    def check(data):
        Application.objects.filter(pk=application.pk).update(answers=answers)
        response = client.post(f"/en/form/{step.slug}/{number}/", data)
        assert_error_page_or_redirect(response, data, text_fields)

    check()


def list_steps():
    return [pytest.param(step, id=step.slug) for step in STEPS if step.kind == "collection"]


@pytest.mark.parametrize("step", list_steps())
def test_entries_out_of_range_are_not_found_never_a_server_error(client, step):
    answers = _answers_for(step)
    open_draft(client, answers)
    count = len(answers[step.slug])
    for number in (0, count + 1, 10_000, 2**31):
        assert client.get(f"/en/form/{step.slug}/{number}/").status_code == 404
        assert client.post(f"/en/form/{step.slug}/{number}/", {}).status_code == 404
        assert client.post(f"/en/form/{step.slug}/{number}/remove/").status_code == 404
    assert client.get(f"/en/form/{step.slug}/new/no-such-kind/").status_code == 404
    assert client.get(f"/en/form/{step.slug}/-1/").status_code == 404


def distinct(data: dict, number: int, text_fields: list[str]) -> dict:
    """The same entry made different enough not to be refused as a duplicate."""
    changed = {}
    for key, value in data.items():
        if key not in text_fields:
            pass
        elif isinstance(value, str) and value.startswith("http"):
            value = f"{value}?copy={number}"
        elif isinstance(value, str) and value and not value[0].isdigit():
            value = f"{value} {number}"
        changed[key] = value
    return changed


@pytest.mark.parametrize("step", list_steps())
def test_hundreds_of_entries_stop_at_the_limit_with_a_clear_message(client, step):
    answers = _answers_for(step)
    application = open_draft(client, answers)
    kind = step.entry_kinds[0]
    entry = dict(next(e for e in answers[step.slug] if step.entry_kind_of(e) == kind))
    data = {
        key: value
        for key, value in kind.form_class.data_from_value(entry).items()
        if key not in ("id", step.entry_kind_key)
    }
    text_fields = typed_text_fields(kind.form_class(answers=answers))
    for attempt in range(step.max_entries + 20):
        entry_data = distinct(data, attempt, text_fields)
        response = client.post(f"/en/form/{step.slug}/new/{kind.key}/", entry_data)
        assert response.status_code in (200, 302)
    stored = Application.objects.get(pk=application.pk).answers[step.slug]
    assert len(stored) == step.max_entries
    page = client.get(f"/en/form/{step.slug}/").content.decode()
    assert f"You reached the limit of {step.max_entries}" in page


def test_one_post_with_hundreds_of_values_in_each_field_is_answered_calmly(client):
    answers = _answers_for(STEPS[0])
    open_draft(client, answers)
    flood = {f"field_{n}": "x" * 50 for n in range(300)}
    flood["actions"] = ["shared"] * 300
    flood["full_name"] = ["Alex"] * 300
    response = client.post("/en/form/parties/new/known/", flood)
    assert response.status_code in (200, 302)


def test_a_post_over_django_s_field_limit_is_a_bad_request_not_a_server_error(client):
    open_draft(client, _answers_for(STEPS[0]))
    flood = {f"field_{n}": "x" for n in range(1500)}
    assert client.post("/en/form/parties/new/known/", flood).status_code == 400


def test_a_null_byte_is_refused_with_a_message_and_never_stored(client):
    answers = answers_factory()
    application = open_draft(client, answers)
    response = client.post("/en/form/person/", {"full_name": "Alex\x00Tremblay"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page
    assert "Null characters are not allowed" in page
    assert Application.objects.get(pk=application.pk).answers["person"] == answers["person"]


@EXAMPLES
@given(code=nasty_text)
def test_the_resume_form_never_fails_on_nasty_codes(client, code):
    response = client.post("/en/form/resume/", {"code": code})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert 'id="error-summary"' in response.content.decode()


@EXAMPLES
@given(text=nasty_text)
def test_the_import_form_refuses_nasty_text_clearly(client, text):
    response = client.post("/en/form/answers/import/", {"text": text})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()


@EXAMPLES
@given(confirm=nasty_text)
def test_the_delete_form_never_fails(client, confirm):
    response = client.post("/en/form/delete/", {"confirm": confirm})
    assert response.status_code == 200


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | nasty_text,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.one_of(st.sampled_from([s.slug for s in STEPS]), nasty_text),
                      children, max_size=5),
    max_leaves=30,
)


def envelope(answers):
    return {"schema": answers_io.SCHEMA, "version": answers_io.VERSION, "answers": answers}


@EXAMPLES
@given(value=json_values)
def test_importing_random_json_is_refused_with_reasons_never_an_exception(value):
    for text in (json.dumps(value), json.dumps(envelope(value))):
        try:
            answers_io.answers_import(text)
        except answers_io.ImportRefused as refused:
            assert refused.errors and all(isinstance(e, str) and e for e in refused.errors)


def step_shaped(step):
    """Random answers shaped like one step: the right keys, nasty values of any type."""
    kinds = step.entry_kinds or ()
    form_class = kinds[0].form_class if kinds else step.form_class
    keys = list(form_class(answers=answers_factory()).fields) + ["kind", "id"]
    entry = st.dictionaries(st.sampled_from(keys), json_values, max_size=len(keys))
    return st.lists(entry, max_size=4) if step.kind == "collection" else entry


@EXAMPLES
@given(data=st.data())
def test_importing_answers_shaped_like_the_steps_with_nasty_values_never_fails(data):
    answers = answers_factory(role="helper")
    for step in STEPS:
        if step.form_class is not None and data.draw(st.booleans()):
            answers[step.slug] = data.draw(step_shaped(step))
    try:
        valid = answers_io.answers_import(json.dumps(envelope(answers)))
    except answers_io.ImportRefused as refused:
        assert refused.errors
    else:
        assert "\\u0000" not in json.dumps(valid)


HELPER_FORMS = [
    pytest.param(form_class, id=name)
    for name, form_class in vars(helper_forms).items()
    if isinstance(form_class, type)
    and issubclass(form_class, helper_forms.HelperForm)
    and form_class is not helper_forms.HelperForm
]


@pytest.mark.parametrize("form_class", HELPER_FORMS)
def test_helper_forms_refuse_nasty_input_without_an_exception(form_class):
    form = form_class()

    @EXAMPLES
    @given(data=form_data(form))
    def check(data):
        bound = form_class(data=data)
        if bound.is_valid():
            assert "\x00" not in json.dumps(bound.cleaned_data, default=str)
        else:
            assert bound.error_links()

    check()
