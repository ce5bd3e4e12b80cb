"""Every string the helper pages show has a French text in locale/fragments/accounts.json."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "locale" / "fragments" / "accounts.json"
OUR_SOURCES = ("portal/accounts/", "templates/accounts/")


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid


@pytest.fixture(scope="module")
def our_msgids(tmp_path_factory) -> set[str]:
    """What `makemessages` finds in the helper-account sources, run in a throw-away copy."""
    copy = tmp_path_factory.mktemp("accounts-messages")
    for name in ("manage.py", "portal", "requests", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    (copy / "locale").mkdir()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings", DATA_DIR=str(copy / "data"))
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "-v", "0"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    catalogue = polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    return {
        _key(entry)
        for entry in catalogue
        if any(path.startswith(OUR_SOURCES) for path, _line in entry.occurrences)
    }


def test_every_helper_page_string_has_a_french_text_in_the_fragment(our_msgids):
    fragment = json.loads(FRAGMENT.read_text())

    missing = sorted(our_msgids - fragment.keys())
    assert our_msgids
    assert not missing, "Missing from accounts.json:\n" + "\n".join(missing)


def test_no_french_text_in_the_fragment_is_empty_or_a_copy_of_long_english():
    fragment = json.loads(FRAGMENT.read_text())

    empty = [msgid for msgid, text in fragment.items() if not text.strip()]
    untranslated = [msgid for msgid, text in fragment.items() if text == msgid and len(msgid) > 15]
    assert not empty
    assert not untranslated


def test_placeholders_are_kept_in_french():
    import re

    fragment = json.loads(FRAGMENT.read_text())
    placeholder = re.compile(r"%\(\w+\)s")

    wrong = [
        m
        for m, t in fragment.items()
        if sorted(placeholder.findall(m)) != sorted(placeholder.findall(t))
    ]
    assert not wrong
