"""“Download my answers” and “Import my answers”: the envelope of docs/answers-schema.md.

Import is strict: every step is validated by the very form that screen uses, in walkthrough
order (later screens depend on earlier answers), after a check of keys and JSON types. Each
refusal names the step and the field, in the person's language. Answers the walkthrough would
stop (steps.walkthrough_stop) are refused with the stop page's message, and the same place
given twice is kept once (forms/places.py, places_merged).
"""

import json
import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from requests.forms.places import places_merged
from requests.slugs import Slug
from requests.steps import (
    BESIDE_THE_STEPS,
    STEPS,
    STEPS_BY_SLUG,
    Step,
    step_applies,
    step_may_be_left_empty,
    walkthrough_stop,
)

SCHEMA = "portal-answers"
# Version 2 (docs/answers-schema.md, "Changes"): `how_many` on each image, the respondent kind
# `unknown`, `earlier` (a reshare names the first application), no place needed for a threat.
VERSION = 2
READABLE_VERSIONS = (1, VERSION)
IMPORT_MAX_CHARS = 500_000
# The answers nest four deep (envelope, answers, a list step, an entry's list of strings).
IMPORT_MAX_DEPTH = 8
# A key quoted in a refusal is cut to this length, so that a message stays readable.
QUOTED_KEY_MAX = 40
ENTRY_ID = re.compile(r"^[a-z]\d{1,4}$")


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class AnswersStopped(ImportRefused):
    """The walkthrough would stop these answers (steps.walkthrough_stop): nothing is imported
    or printed, and the one message is the stop page's."""

    def __init__(self, step: Step):
        super().__init__([str(step.stop_message)])
        self.step = step


def answers_export(answers: dict) -> dict:
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "answers": answers,
    }


def answers_export_json(answers: dict) -> str:
    return json.dumps(answers_export(answers), ensure_ascii=False, indent=2, sort_keys=False)


def _quoted(key) -> str:
    text = str(key)
    return text if len(text) <= QUOTED_KEY_MAX else text[: QUOTED_KEY_MAX - 1] + "…"


def _type_ok(value, expected: type) -> bool:
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, expected)


def _validate(form_class, value, answers: dict, where: str, entry_index=None):
    """(stored value, errors) for one screen's value."""
    if not isinstance(value, dict):
        return None, [
            _("%(where)s: this should be a group of answers (an object).") % {"where": where}
        ]
    form = form_class(answers=answers, entry_index=entry_index)
    types = form.json_types()
    errors = []
    for key, item in value.items():
        if key not in types:
            errors.append(
                _("%(where)s: unknown field “%(field)s”.") % {"where": where, "field": _quoted(key)}
            )
        elif not _type_ok(item, types[key]):
            errors.append(
                _("%(where)s, %(field)s: the value has the wrong type.")
                % {"where": where, "field": form.field_label(key)}
            )
    if errors:
        return None, errors
    bound = form_class(
        data=form_class.data_from_value(value), answers=answers, entry_index=entry_index
    )
    if not bound.is_valid():
        for name, messages in bound.errors.items():
            label = bound.fields[name].label if name in bound.fields else ""
            for message in messages:
                if label:
                    errors.append(
                        _("%(where)s, %(field)s: %(message)s")
                        % {"where": where, "field": label, "message": message}
                    )
                else:
                    errors.append(
                        _("%(where)s: %(message)s") % {"where": where, "message": message}
                    )
        return None, errors
    return bound.value(), []


def _validate_collection(step: Step, value, answers: dict, where: str):
    if not isinstance(value, list):
        return None, [_("%(where)s: this should be a list.") % {"where": where}]
    if len(value) > step.max_entries:
        return None, [
            _("%(where)s: %(max)s entries at most.") % {"where": where, "max": step.max_entries}
        ]
    stored, errors, ids = [], [], set()
    working = dict(answers)
    for number, entry in enumerate(value, start=1):
        entry_where = _("%(where)s, entry %(number)s") % {"where": where, "number": number}
        if not isinstance(entry, dict):
            errors.append(
                _("%(where)s: this should be a group of answers (an object).")
                % {"where": entry_where}
            )
            continue
        entry = dict(entry)
        kind_key = entry.pop(step.entry_kind_key, None) if step.entry_kind_key else None
        kind = step.entry_kind(kind_key) if step.entry_kind_key else step.entry_kinds[0]
        if kind is None:
            errors.append(
                _("%(where)s: unknown kind “%(kind)s”.")
                % {"where": entry_where, "kind": _quoted(kind_key)}
            )
            continue
        entry_id = None
        if step.entry_id_prefix:
            entry_id = entry.pop("id", None)
            if not isinstance(entry_id, str) or not ENTRY_ID.match(entry_id) or entry_id in ids:
                errors.append(
                    _("%(where)s: the id is missing, badly written or used twice.")
                    % {"where": entry_where}
                )
                continue
            ids.add(entry_id)
        working[step.slug] = stored
        clean, entry_errors = _validate(kind.form_class, entry, working, entry_where)
        if entry_errors:
            errors.extend(entry_errors)
            continue
        if step.entry_kind_key:
            clean[step.entry_kind_key] = kind.key
        if entry_id:
            clean = {"id": entry_id, **clean}
        stored.append(clean)
    if not value and not step_may_be_left_empty(step, answers):
        errors.append(_("%(where)s: add at least one entry.") % {"where": where})
    return stored, errors


EARLIER_TYPES = {"filed_on": str, "decided_on": str, "file_number": str, "same_images": bool}
FILE_NUMBER_MAX = 40


def _validate_earlier(value) -> tuple[dict | None, list[str]]:
    """The first application a reshare follows: dates, a court file number, a yes/no."""
    where = _("The earlier application")
    if not isinstance(value, dict) or set(value) - set(EARLIER_TYPES) or not all(
        isinstance(value.get(key, kind()), kind) for key, kind in EARLIER_TYPES.items()
    ):
        return None, [_("%(where)s: these answers cannot be read.") % {"where": where}]
    clean = {key: value.get(key, kind()) for key, kind in EARLIER_TYPES.items()}
    for key in ("filed_on", "decided_on"):
        try:
            if clean[key]:
                date.fromisoformat(clean[key])
        except ValueError:
            return None, [_("%(where)s: a date is badly written.") % {"where": where}]
    if len(clean["file_number"]) > FILE_NUMBER_MAX:
        return None, [_("%(where)s: the court file number is too long.") % {"where": where}]
    return clean, []


def upgraded_from_version_1(answers):
    """Version 1 answers read as version 2: each image described is one image."""
    if not isinstance(answers, dict) or not isinstance(answers.get(Slug.ITEMS), list):
        return answers
    items = [
        {"how_many": "one", **item} if isinstance(item, dict) else item
        for item in answers[Slug.ITEMS]
    ]
    return {**answers, Slug.ITEMS: items}


def answers_validate(answers) -> dict:
    """The answers object, validated and normalised; raises ImportRefused with every error."""
    if not isinstance(answers, dict):
        raise ImportRefused([_("The answers should be a group of steps (an object).")])
    errors = [
        _("Unknown step “%(slug)s”.") % {"slug": _quoted(slug)}
        for slug in answers
        if slug not in STEPS_BY_SLUG and slug not in BESIDE_THE_STEPS
    ]
    valid = {}
    if Slug.EARLIER in answers:
        earlier, earlier_errors = _validate_earlier(answers[Slug.EARLIER])
        errors.extend(earlier_errors)
        if earlier is not None:
            valid[Slug.EARLIER] = earlier
    for step in STEPS:
        if step.slug not in answers:
            continue
        where = _("Step “%(title)s”") % {"title": step.title}
        if not step_applies(step, valid):
            errors.append(
                _("%(where)s: these answers do not fit your other answers.") % {"where": where}
            )
            continue
        value = answers[step.slug]
        if step.kind == "collection":
            clean, step_errors = _validate_collection(step, value, valid, where)
        else:
            clean, step_errors = _validate(step.form_class, value, valid, where)
        if step_errors:
            errors.extend(step_errors)
        else:
            valid[step.slug] = clean
    stop = walkthrough_stop(valid)
    if stop is not None:  # the same decision as the walkthrough's, with the same words
        raise AnswersStopped(stop)
    if errors:
        raise ImportRefused(errors)
    if valid.get(Slug.PLACES):  # one row per place, as when the person adds them on the screen
        valid[Slug.PLACES] = places_merged(valid[Slug.PLACES])
    return valid


def nesting_depth(text: str) -> int:
    """How deeply the JSON text's arrays and objects nest (brackets inside strings do not
    count). A linear scan, so that a text nested thousands deep is refused before the
    parser, which would recurse once per level, ever sees it."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _strings_are_readable(value) -> bool:
    """Every key and text can be written as UTF-8: a JSON escape such as \\ud83d can spell
    half of a character pair (a lone surrogate), which no database or document can store."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_strings_are_readable(k) and _strings_are_readable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_strings_are_readable(item) for item in value)
    return True


def answers_import(text: str) -> dict:
    """Parse pasted text (the downloaded file's content) and return validated answers.

    Every malformed text raises ImportRefused with a message the person can act on; nothing
    else escapes, whatever the text (tests/security/test_import_attacks.py)."""
    if len(text or "") > IMPORT_MAX_CHARS:
        raise ImportRefused([_("This text is too long to be a file of answers.")])
    if nesting_depth(text or "") > IMPORT_MAX_DEPTH:
        raise ImportRefused([_("This is not a file of answers from this site.")])
    try:
        envelope = json.loads(text)
    except RecursionError:  # cannot happen below IMPORT_MAX_DEPTH; kept as a last lock
        raise ImportRefused([_("This is not a file of answers from this site.")]) from None
    except (TypeError, ValueError):
        raise ImportRefused(
            [
                _(
                    "This text could not be read. Paste the whole content of the answers file, from the first { to the last }."
                )
            ]
        ) from None
    if not _strings_are_readable(envelope):
        raise ImportRefused(
            [
                _(
                    "Some characters in this text cannot be read. Download your answers "
                    "again, or paste the file exactly as it was saved."
                )
            ]
        )
    if not isinstance(envelope, dict) or envelope.get("schema") != SCHEMA:
        raise ImportRefused([_("This is not a file of answers from this site.")])
    version = envelope.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise ImportRefused(
            [_("This file of answers comes from a version of the site we do not know.")]
        )
    unknown = set(envelope) - {"schema", "version", "exported_at", "answers"}
    if unknown:
        raise ImportRefused(
            [_("Unknown field “%(field)s” in the file.") % {"field": _quoted(min(unknown))}]
        )
    answers = envelope.get("answers")
    if version == 1:
        answers = upgraded_from_version_1(answers)
    return answers_validate(answers)
