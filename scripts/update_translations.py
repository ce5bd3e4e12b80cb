"""Refresh the catalogues after changing visible text.

1. Runs `makemessages` for fr. English needs no catalogue: the msgids are the English text, and
   a catalogue that only repeated them could drift from them (a stale plural once broke
   `compilemessages`).
2. Fills French entries from JSON files given with --from ({"msgid": "msgstr"}; a msgid with a
   context is written "context\\u0004msgid", as gettext does; plurals take a list).
3. Lists the French entries that are still empty or fuzzy, and exits 1 if there are any.

Usage: .venv/bin/python scripts/update_translations.py [--from FILE.json ...]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
IGNORED = [".venv", "tests", "bench", "data", "node_modules", "scripts", "docs"]


def run_makemessages() -> None:
    command = [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete"]
    command += [f"--ignore={folder}/*" for folder in IGNORED]
    subprocess.run(command, cwd=ROOT, check=True)


def entry_key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def fill_french(translations: dict) -> list[polib.POEntry]:
    catalogue = polib.pofile(str(ROOT / "locale/fr/LC_MESSAGES/django.po"), wrapwidth=0)
    for entry in catalogue:
        translation = translations.get(entry_key(entry))
        if translation is None:
            continue
        if entry.msgid_plural:
            forms = translation if isinstance(translation, list) else [translation, translation]
            entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        else:
            entry.msgstr = translation
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.metadata["Language"] = "fr"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    catalogue.save()
    return [
        entry
        for entry in catalogue
        if "fuzzy" in entry.flags
        or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="sources", action="append", default=[], type=Path)
    args = parser.parse_args()
    translations: dict = {}
    for source in args.sources:
        translations.update(json.loads(source.read_text(encoding="utf-8")))
    run_makemessages()
    missing = fill_french(translations)
    for entry in missing:
        print(f"missing French: {entry_key(entry)!r}")
    print(f"{len(missing)} French entries still to translate.")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
