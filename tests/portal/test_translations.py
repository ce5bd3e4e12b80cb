"""The French catalogue is complete: every string a person can see has a reviewed French text.

`makemessages` runs in a throw-away copy of the project, so the real .po files never change.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FRENCH_PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
NOT_SOURCES = (".venv", ".git", "data", "tests", "bench", "node_modules", "__pycache__", "*.mo")


def entry_key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def describe(key: tuple[str | None, str]) -> str:
    context, msgid = key
    return f"[{context}] {msgid!r}" if context else repr(msgid)


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete and entry.msgid]


@pytest.fixture(scope="module")
def extracted_catalogue(tmp_path_factory) -> polib.POFile:
    """What `makemessages -l fr` finds in today's sources, merged into a copy of the catalogue."""
    copy = tmp_path_factory.mktemp("messages") / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCES), symlinks=True)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings", DATA_DIR=str(copy / "data"))
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "-v", "0"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))


def test_every_string_in_the_code_is_already_in_the_french_catalogue(extracted_catalogue):
    known = {entry_key(entry) for entry in live_entries(polib.pofile(str(FRENCH_PO)))}
    missing = [
        describe(entry_key(entry))
        for entry in live_entries(extracted_catalogue)
        if entry_key(entry) not in known
    ]

    assert not missing, f"{len(missing)} msgid(s) missing from {FRENCH_PO.name}:\n" + "\n".join(
        missing
    )


def test_no_french_translation_is_empty_or_fuzzy():
    problems = []
    for entry in live_entries(polib.pofile(str(FRENCH_PO))):
        if entry.fuzzy:
            problems.append(f"fuzzy: {describe(entry_key(entry))}")
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if not all(text.strip() for text in translations):
            problems.append(f"empty: {describe(entry_key(entry))}")

    assert not problems, "\n".join(problems)


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return {named or braced for named, braced in PLACEHOLDER.findall(text)}


def test_each_french_text_fills_the_same_blanks_as_its_english_text():
    """A blank that the English text does not give would crash or print `%(name)s` as is."""
    problems = []
    for entry in live_entries(polib.pofile(str(FRENCH_PO))):
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if not placeholders(text) <= expected or (
                not entry.msgid_plural and placeholders(text) != expected
            ):
                problems.append(f"{describe(entry_key(entry))} -> {text!r}")

    assert not problems, "\n".join(problems)


def test_english_has_no_catalogue_to_drift_from_the_source_text():
    assert not (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").exists()


def french_texts(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_no_french_text_puts_a_plain_space_or_none_before_a_colon():
    """« Adresse : … » with a non-breaking space (U+00A0), which never starts a line (#14).
    Web addresses, tel: links, times (14:30) and HTML attributes are not text."""
    po = polib.pofile(str(FRENCH_PO))
    wrong = []
    for entry in live_entries(po):
        for text in french_texts(entry):
            text = re.sub(r"<[^>]*>|\S*://\S*|\b\d{1,2}:\d{2}\b", " ", text)
            if re.search(r"(?:^|[^\u00a0\u202f]):", text):
                wrong.append(f"{describe(entry_key(entry))} -> {text!r}")
    assert not wrong, "\n".join(wrong)


# Placeholders that hold a name, which may begin with a vowel (« Alex », « École du
# Plateau »): French cannot write « de » before them without knowing whether to elide it, so
# the sentence is turned another way. (A district, « de Montréal » but « d’Abitibi », needs
# its elided form from the data: the printed document's court heading still writes « de ».)
NAMES = r"%\((?:name|organisation|who|company|place)\)s"


def test_no_french_text_puts_de_or_que_before_a_name_that_may_begin_with_a_vowel():
    po = polib.pofile(str(FRENCH_PO))
    wrong = [
        f"{describe(entry_key(entry))} -> {text!r}"
        for entry in live_entries(po)
        for text in french_texts(entry)
        if re.search(rf"\b(?:de|De|que|Que|le|Le)\s+(?:{NAMES}|\{{\{{\s*\w+\s*\}}\}})", text)
    ]
    assert not wrong, "\n".join(wrong)
