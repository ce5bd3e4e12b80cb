"""Branching rules: which screens a person sees, in which order, and where it stops."""

import pytest

from requests import steps
from requests.steps import STEPS
from tests.factories import answers_factory

COMMON = [
    "person",
    "situation",
    "items",
    "parties",
    "orders",
    "places",
    "urgency",
    "contact",
    "check",
]


def slugs(answers):
    return [step.slug for step in steps.steps_applicable(answers)]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, ["who", *COMMON]),
        ({"who": {"role": "self", "victim_age": 15}}, ["who", *COMMON]),
        ({"who": {"role": "self", "victim_age": 34}}, ["who", *COMMON]),
        (
            {"who": {"role": "parent", "victim_age": 12}},
            ["who", "home-safety", "applicant", *COMMON],
        ),
        (
            {
                "who": {"role": "parent", "victim_age": 12},
                "home-safety": {"shared_by_household": "no"},
            },
            ["who", "home-safety", "applicant", *COMMON],
        ),
        (
            {
                "who": {"role": "parent", "victim_age": 12},
                "home-safety": {"shared_by_household": "yes"},
            },
            ["who", "home-safety", "safe-options"],
        ),
        (
            {"who": {"role": "helper", "victim_age": 16}},
            ["who", "consent", "applicant", *COMMON],
        ),
        (
            {"who": {"role": "helper", "victim_age": 40}},
            ["who", "consent", "applicant", *COMMON],
        ),
    ],
    ids=[
        "nothing-answered",
        "teen-alone",
        "adult-alone",
        "parent",
        "parent-safe-at-home",
        "parent-shared-by-household-stops",
        "helper-of-teen",
        "helper-of-adult",
    ],
)
def test_each_path_shows_exactly_its_screens_in_order(answers, expected):
    assert slugs(answers) == expected


@pytest.mark.parametrize(
    ("role", "current", "expected_next", "expected_previous"),
    [
        ("self", "who", "person", None),
        ("self", "person", "situation", "who"),
        ("parent", "who", "home-safety", None),
        ("parent", "home-safety", "applicant", "who"),
        ("parent", "applicant", "person", "home-safety"),
        ("helper", "who", "consent", None),
        ("helper", "consent", "applicant", "who"),
        ("helper", "contact", "check", "urgency"),
        ("self", "check", None, "contact"),
    ],
)
def test_next_and_previous_skip_screens_that_do_not_apply(
    role, current, expected_next, expected_previous
):
    answers = answers_factory(role=role, victim_age=12 if role == "parent" else 16)
    step = steps.step_get(current)
    following = steps.step_next(step, answers)
    previous = steps.step_previous(step, answers)
    assert (following.slug if following else None) == expected_next
    assert (previous.slug if previous else None) == expected_previous


def test_the_helper_is_asked_for_consent_right_after_saying_who_they_are():
    answers = {"who": {"role": "helper", "victim_age": 15}}
    assert slugs(answers)[:2] == ["who", "consent"]


def test_a_teen_alone_never_sees_a_parent_or_applicant_screen():
    answers = answers_factory(role="self", victim_age=15)
    assert not {"home-safety", "applicant", "consent", "safe-options"} & set(slugs(answers))


def test_progress_counts_only_the_screens_that_apply():
    answers = answers_factory(role="self", victim_age=15)
    assert steps.step_position(steps.step_get("situation"), answers) == (3, 10)
    parent = answers_factory(role="parent", victim_age=12)
    assert steps.step_position(steps.step_get("situation"), parent) == (5, 12)


def test_the_first_missing_screen_is_where_a_person_is_sent_back():
    answers = answers_factory(role="self", complete=False)
    del answers["situation"]
    assert steps.step_first_missing(answers).slug == "situation"
    assert steps.step_first_missing(answers, before=steps.step_get("situation")) is None


def test_a_respondent_added_after_the_orders_reopens_the_orders_screen():
    answers = answers_factory(role="self")
    answers["parties"].append({**answers["parties"][0], "id": "r3"})
    assert steps.step_first_missing(answers).slug == "orders"


def test_complete_answers_have_nothing_missing_and_the_stop_page_is_never_complete():
    assert steps.answers_are_complete(answers_factory(role="helper"))
    stopped = answers_factory(role="parent", victim_age=10, shared_by_household="yes")
    assert not steps.answers_are_complete(stopped)
    assert steps.step_first_missing(stopped).slug == "safe-options"


def test_every_step_slug_is_unique_and_conditions_are_named_functions():
    assert len({step.slug for step in STEPS}) == len(STEPS)
    for step in STEPS:
        assert step.applies.__name__ != "<lambda>"
        assert step.complete.__name__ != "<lambda>"
