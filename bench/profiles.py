"""Reading a cProfile: the share of each part of the stack, and the costliest functions.
Used by bench/page_profile.py (in-process) and bench/load.py (gunicorn workers under load)."""

import io
import pstats
import re
from pathlib import Path

# Parts of the stack, by where a function's code lives: the first that matches wins.
PARTS = (
    ("templates (Django's engine)", ("django/template/", "django/templatetags/")),
    ("forms and widgets", ("django/forms/",)),
    ("translations", ("django/utils/translation/", "gettext.py")),
    ("database", ("django/db/", "psycopg")),
    ("encryption", ("cryptography/", "encrypted_model_fields", "requests/fields.py")),
    ("sessions", ("django/contrib/sessions/", "django/core/signing.py")),
    ("our templatetags", ("templatetags/",)),
    ("our views, steps, answers", ("/requests/", "/portal/")),
    ("middleware and handlers", ("django/core/handlers/", "django/middleware/", "csp/",
                                 "whitenoise/", "axes/", "django_otp/", "django/contrib/")),
    ("URLs", ("django/urls/",)),
    ("test client", ("django/test/",)),
)


def part_of(filename: str) -> str:
    for name, needles in PARTS:
        if any(needle in filename for needle in needles):
            return name
    return "other (Python, Django's utilities)"



def where_the_time_goes(stats: pstats.Stats, root: Path, top: int = 30) -> list[str]:
    by_part: dict[str, float] = {}
    total = 0.0
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        by_part[part_of(filename)] = by_part.get(part_of(filename), 0.0) + own
        total += own
    lines = ["  own time by part of the stack:"]
    for part, seconds in sorted(by_part.items(), key=lambda item: -item[1]):
        lines.append(f"    {seconds / total * 100:5.1f} %  {part}")
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats("cumulative").print_stats(top)
    return [*lines, f"  by cumulative time (top {top}):",
            without_machine_paths(buffer.getvalue(), root)]


def without_machine_paths(text: str, root: Path) -> str:
    """File names as the project and its libraries name them: no path of this machine goes
    into a result that is committed."""
    text = "\n".join(line for line in text.splitlines() if not line.endswith(".pstats"))
    text = re.sub(r"\S*/site-packages/", "", text)
    text = text.replace(str(root) + "/", "")
    return re.sub(r"\S*/lib/python3\.\d+/", "", text)
