"""The vocabulary, the forms and the documents agree: every choice a form offers is a term of
one family, every family is offered somewhere, and every printed term reaches the document in
its own words, in French and in English."""

import re
from datetime import date
from html import unescape

import pytest
from django import forms
from django.utils import translation

from requests import vocabulary
from requests.documents import build_application_context, render_application_html
from requests.forms.after import TRACKER_FORMS
from requests.steps import STEPS
from tests.requests.documents import answers as builder

# Fields whose choices come from elsewhere than the vocabulary, and why.
CHOICES_FROM_ELSEWHERE = {
    "platform_id": "the platforms' directory (requests/data), with its sources",
    "district": "the judicial districts' directory (requests/data)",
    "respondents": "the respondents this person named",
}


def every_form():
    """One instance of every form a person fills, with answers that make every field appear."""
    answers = builder.build_answers(
        applicant="parent", victim_age=12, parties=[builder.known(), builder.company()]
    )
    classes = []
    for step in STEPS:
        classes.append(step.form_class)
        classes.extend(kind.form_class for kind in step.entry_kinds)
    classes.extend(TRACKER_FORMS.values())
    seen = set()
    for form_class in classes:
        if form_class is None or form_class in seen:
            continue
        seen.add(form_class)
        try:
            yield form_class(answers=answers)
        except TypeError:  # the tracker's forms read no answers
            yield form_class()


def offered_choices():
    """(form, field name, the keys it offers) for every choice field of every form."""
    for form in every_form():
        for name, field in form.fields.items():
            if isinstance(field, forms.ChoiceField) and not name.startswith("orders_"):
                keys = frozenset(str(key) for key, _label in field.choices if key != "")
                yield type(form).__name__, name, keys
            elif name.startswith("orders_"):
                yield type(form).__name__, "orders", frozenset(k for k, _l in field.choices)


def family_keys():
    return {name: frozenset(family) for name, family in vocabulary.FAMILIES.items()}


def test_every_choice_a_form_offers_is_exactly_one_family_of_the_vocabulary():
    families = family_keys()
    for form_name, field, keys in offered_choices():
        if field in CHOICES_FROM_ELSEWHERE:
            continue
        matching = [name for name, family in families.items() if family == keys]
        assert matching, f"{form_name}.{field} offers {sorted(keys)}, which no family defines"


def test_every_family_is_offered_by_a_form_or_names_the_kinds_of_a_list():
    offered = {keys for _form, _field, keys in offered_choices()}
    offered |= {
        frozenset(kind.key for kind in step.entry_kinds)
        for step in STEPS
        if step.entry_kind_key
    }
    unused = [name for name, keys in family_keys().items() if keys not in offered]
    assert unused == []


def test_a_printed_family_has_document_words_for_every_term():
    for name, family in vocabulary.FAMILIES.items():
        if not family.printed:
            continue
        for term in family.values():
            assert str(term.in_document) or term.typed_out_in, (
                f"{name}[{term.key}] has no words for the document"
            )


def test_a_term_the_law_decides_names_the_line_of_the_legal_reference():
    for family in vocabulary.FAMILIES.values():
        for term in family.values():
            assert term.source == "" or term.source.startswith("law.md, ")


# How each printed family reaches the answers: one key set where the person would choose it.
def _set(path):
    def put(answers, key):
        target = answers
        for part in path[:-1]:
            target = target[part]
        last = path[-1]
        target[last] = [key] if isinstance(target[last], list) else key
        return answers

    return put


PLACES_IN_ANSWERS = {
    "CAPACITIES": ("parent", _set(("applicant", "capacity"))),
    "HELPER_KINDS": ("helper", _set(("consent", "helper_kind"))),
    "CONSENT_METHODS": ("helper", _set(("consent", "consent_method"))),
    "CONSENT_SCOPES": ("helper", _set(("consent", "consent_scope"))),
    "WHERE": ("self", _set(("situation", "where"))),
    "ONGOING": ("self", _set(("situation", "ongoing"))),
    "MATERIALS": ("self", _set(("items", 0, "kind"))),
    "YES_NO_UNKNOWN": ("self", _set(("items", 0, "under_18_then"))),
    "ACTIONS": ("self", _set(("parties", 0, "actions"))),
    "URGENCY": ("self", _set(("urgency", "reasons"))),
}


def plain(text: str) -> str:
    """Spaces of every kind made one, apostrophes made straight: as a reader compares words."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).replace("\u2019", "'").lower()


def document_text(answers, language):
    context = build_application_context(answers, reference_date=date(2026, 11, 23))
    html = render_application_html(context, language=language)
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    return plain(text.replace("\u200b", "").replace("\u00ad", ""))


def test_every_printed_family_has_a_place_in_the_answers_for_this_test():
    printed = {name for name, family in vocabulary.FAMILIES.items() if family.printed}
    assert printed == set(PLACES_IN_ANSWERS)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("family_name", sorted(PLACES_IN_ANSWERS))
def test_each_printed_term_is_in_the_document_in_its_own_words(family_name, language):
    role, put = PLACES_IN_ANSWERS[family_name]
    for term in vocabulary.FAMILIES[family_name].values():
        victim_age = 12 if role == "parent" else 15
        answers = put(builder.build_answers(applicant=role, victim_age=victim_age), term.key)
        if term.typed_out_in:  # the person's own words stand for the choice
            phrase = "words the person typed"
            answers["situation"][term.typed_out_in] = phrase
        with translation.override(language):
            phrase = plain(str(term.in_document or phrase))
        assert phrase in document_text(answers, language), (
            f"{family_name}[{term.key}]: “{phrase}” is not in the {language} document"
        )


def test_the_consent_a_helper_records_takes_the_keys_of_the_walkthroughs_consent_step():
    from portal.accounts.forms import ConsentForm
    from portal.accounts.models import ConsentRecord

    form = ConsentForm()
    assert [key for key, _l in form.fields["method"].choices] == list(vocabulary.CONSENT_METHODS)
    assert [key for key, _l in form.fields["scope"].choices] == list(vocabulary.CONSENT_SCOPES)
    stored = ConsentRecord._meta.get_field("method")
    assert [key for key, _l in stored.choices] == list(vocabulary.CONSENT_METHODS)
