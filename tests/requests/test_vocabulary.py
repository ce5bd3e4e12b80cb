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
from requests.steps import STEPS, step_applies
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


def family_of(choices) -> str | None:
    """The family whose very labels a field offers (two families may share keys and words,
    as ONGOING and YES_NO_UNKNOWN do: only the objects tell them apart)."""
    labels = [label for key, label in choices if key != ""]
    for name, family in vocabulary.FAMILIES.items():
        terms = list(family.values())
        if len(terms) == len(labels) and all(t.label is l for t, l in zip(terms, labels)):
            return name
    return None


def offered_choices():
    """(form, field name, family name or None, the keys it offers) for every choice field."""
    for form in every_form():
        for name, field in form.fields.items():
            if isinstance(field, forms.ChoiceField):
                keys = frozenset(str(key) for key, _label in field.choices if key != "")
                field_name = "orders" if name.startswith("orders_") else name
                yield type(form).__name__, field_name, family_of(field.choices), keys


def test_every_choice_a_form_offers_is_one_family_of_the_vocabulary_with_the_same_keys():
    for form_name, field, family, keys in offered_choices():
        if field in CHOICES_FROM_ELSEWHERE:
            continue
        assert family is not None, f"{form_name}.{field} offers choices of no family"
        assert keys == frozenset(vocabulary.FAMILIES[family]), f"{form_name}.{field}"


def test_every_family_is_offered_by_a_form_or_names_the_kinds_of_a_list():
    offered = {family for _form, _field, family, _keys in offered_choices()}
    offered |= {
        family_of([(kind.key, kind.add_label) for kind in step.entry_kinds])
        for step in STEPS
        if step.entry_kind_key
    }
    assert set(vocabulary.FAMILIES) - offered == set()


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
            assert term.source == "" or term.source.startswith(("law.md, ", "platforms-and-law.md, "))


# Where each printed family is chosen, read from the forms: (step, field, in a list step).
ROLES_TO_TRY = (("self", 15), ("parent", 12), ("helper", 15))


def places_in_answers() -> dict[str, tuple[str, str, bool]]:
    places = {}
    for step in STEPS:
        classes = [kind.form_class for kind in step.entry_kinds] or [step.form_class]
        for form_class in classes:
            if form_class is None:
                continue
            form = form_class(answers=ANSWERS_WITH_EVERY_FIELD)
            for field_name, field in form.fields.items():
                family = family_of(getattr(field, "choices", ()))
                if family is not None and vocabulary.FAMILIES[family].printed:
                    places.setdefault(family, (step.slug, field_name, step.kind == "collection"))
    return places


ANSWERS_WITH_EVERY_FIELD = builder.build_answers(
    applicant="parent", victim_age=12, parties=[builder.known(), builder.company()]
)
PLACES_IN_ANSWERS = places_in_answers()


def answers_choosing(family_name: str, key: str) -> dict:
    """Answers of a journey on which the family's question is asked, with `key` chosen."""
    slug, field_name, in_list = PLACES_IN_ANSWERS[family_name]
    step = next(step for step in STEPS if step.slug == slug)
    for role, age in ROLES_TO_TRY:
        answers = builder.build_answers(applicant=role, victim_age=age)
        if step_applies(step, answers):
            break
    target = answers[slug][0] if in_list else answers[slug]
    target[field_name] = [key] if isinstance(target.get(field_name), list) else key
    return answers


def plain(text: str) -> str:
    """Spaces of every kind made one, apostrophes made straight: as a reader compares words."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).replace("\u2019", "'").lower()


def document_text(answers, language):
    context = build_application_context(answers, reference_date=date(2026, 11, 23))
    html = render_application_html(context, language=language)
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    return plain(text.replace("\u200b", "").replace("\u00ad", ""))


def test_every_printed_family_is_chosen_on_some_screen():
    printed = {name for name, family in vocabulary.FAMILIES.items() if family.printed}
    assert printed == set(PLACES_IN_ANSWERS)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("family_name", sorted(PLACES_IN_ANSWERS))
def test_each_printed_term_is_in_the_document_in_its_own_words(family_name, language):
    slug, _field, in_list = PLACES_IN_ANSWERS[family_name]
    for term in vocabulary.FAMILIES[family_name].values():
        answers = answers_choosing(family_name, term.key)
        if term.typed_out_in:  # the person's own words stand for the choice
            phrase = "words the person typed"
            (answers[slug][0] if in_list else answers[slug])[term.typed_out_in] = phrase
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


def test_where_a_family_says_it_is_stored_is_the_field_that_offers_it():
    for name, family in vocabulary.FAMILIES.items():
        if not family.stored_as:
            continue
        slug, field_name = family.stored_as
        step = next(step for step in STEPS if step.slug == slug)
        assert step.kind == "form", f"{name}: a list step's entries have no single answer"
        field = step.form_class(answers=ANSWERS_WITH_EVERY_FIELD).fields[field_name]
        assert family_of(field.choices) == name, f"{name} is not offered by {slug}.{field_name}"
