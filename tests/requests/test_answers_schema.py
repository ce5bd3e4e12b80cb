"""docs/answers-schema.json, the published shape of the answers, read against the forms that
write them: the same keys for every step and kind of entry, the same choices, the same limits.
A field added to a form without the schema (or the other way round) fails here."""

import json
from pathlib import Path

import pytest
from django import forms

from requests import vocabulary
from requests.forms.base import URL_MAX
from requests.slugs import Slug
from requests.steps import STEPS
from tests.requests.documents import answers as builder

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA = json.loads((DOCS / "answers-schema.json").read_text())
STEP_SCHEMAS = SCHEMA["$defs"]["answers"]["properties"]
ANSWERS = builder.build_answers(applicant="parent", victim_age=12,
                                parties=[builder.known(), builder.company()])


def resolved(node: dict) -> dict:
    ref = node.get("$ref", "")
    return SCHEMA["$defs"][ref.rsplit("/", 1)[1]] if ref.startswith("#/$defs/") else node


def forms_and_schemas():
    """(name, form, the schema of the object it stores, keys the walkthrough adds itself)."""
    for step in STEPS:
        if step.form_class is None or step.slug == "orders":
            continue
        schema = STEP_SCHEMAS[step.slug]
        if step.kind != "collection":
            yield step.slug, step.form_class(answers=ANSWERS), schema, set()
            continue
        added = {"id"} if step.entry_id_prefix else set()
        for kind in step.entry_kinds:
            entry = schema["items"]
            if step.entry_kind_key:
                entry = next(
                    option for option in entry["oneOf"]
                    if option["properties"][step.entry_kind_key].get("const") == kind.key
                )
                added_here = added | {step.entry_kind_key}
            else:
                added_here = added
            yield f"{step.slug}/{kind.key}", kind.form_class(answers=ANSWERS), entry, added_here


CASES = list(forms_and_schemas())
# A web address may be typed longer than it is stored: tracking parameters are removed first.
STORED_SHORTER = {"url": URL_MAX}


@pytest.mark.parametrize(("name", "form", "schema", "added"), CASES, ids=[c[0] for c in CASES])
def test_a_stored_object_has_the_keys_its_form_writes_and_no_other(name, form, schema, added):
    assert set(schema["properties"]) == set(form.fields) | added


@pytest.mark.parametrize(("name", "form", "schema", "added"), CASES, ids=[c[0] for c in CASES])
def test_the_schema_allows_the_choices_and_lengths_the_form_allows(name, form, schema, added):
    for field_name, field in form.fields.items():
        node = resolved(schema["properties"][field_name])
        if isinstance(field, forms.MultipleChoiceField) and "enum" in node.get("items", {}):
            keys = {str(key) for key, _label in field.choices}
            assert set(node["items"]["enum"]) == keys, f"{name}.{field_name}"
        elif isinstance(field, forms.ChoiceField) and "enum" in node:
            keys = {str(key) for key, _label in field.choices if key != ""}
            assert set(node["enum"]) - {""} == keys, f"{name}.{field_name}"
        elif getattr(field, "max_length", None) and node.get("type") == "string":
            stored_max = STORED_SHORTER.get(field_name, field.max_length)
            assert node.get("maxLength") == stored_max, f"{name}.{field_name}"


def test_the_orders_the_schema_allows_are_the_orders_of_the_vocabulary():
    allowed = STEP_SCHEMAS["orders"]["additionalProperties"]["items"]["enum"]
    assert allowed == list(vocabulary.ORDERS)


def test_the_schema_lists_every_step_in_the_walkthroughs_order_then_what_no_screen_writes():
    assert list(STEP_SCHEMAS) == [step.slug for step in STEPS] + [Slug.EARLIER]


def test_the_schema_is_the_version_the_export_writes_and_the_import_still_reads_version_1():
    from requests import answers_io

    assert SCHEMA["properties"]["version"] == {"const": answers_io.VERSION}
    assert SCHEMA["$id"] == f"portal-answers-v{answers_io.VERSION}.json"
    assert 1 in answers_io.READABLE_VERSIONS
    old = json.loads((DOCS / "answers-schema-v1.json").read_text())
    assert old["properties"]["version"] == {"const": 1}
