"""Where a page's time goes inside Django: cProfile over many GETs of one page, in-process.

Walks the journey of tests/journey_data.py with Django's test client (the whole middleware
stack of bench/settings.py, the database `make bench` started), then profiles REPEAT GETs of
each page asked for and prints, per page: the mean time in Django, the share of that time
spent in each part of the stack, and the functions that cost the most.

    python scripts/run_tests.py --bench page_profile.py [check staying-safe ...]

Writes bench/results/page-profile-<date>.txt. No server, no network: what is left is the CPU each
request costs Django itself, the number the load benchmark calls "in Django".
"""

import cProfile
import io
import os
import pstats
import re
import sys
import time
from datetime import date
from urllib.parse import urlencode
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from tests.journey_data import JOURNEY  # noqa: E402

REPEAT = 300
PAGES = {"check": "/fr/form/check/", "contact": "/fr/form/contact/",
         "staying-safe": "/fr/staying-safe/",
         "person": "/fr/form/person/", "places": "/fr/form/places/"}
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


def walked_client() -> Client:
    """The journey posted as a browser posts a form (the portal refuses multipart bodies)."""
    client = Client()
    for path, data in JOURNEY:
        response = client.post(f"/fr/form/{path}/", urlencode(data, doseq=True),
                               content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 302), (path, response.status_code)
    return client


def profile(client: Client, path: str) -> tuple[float, pstats.Stats]:
    for _ in range(20):
        assert client.get(path).status_code == 200
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(REPEAT):
        client.get(path)
    profiler.disable()
    mean_ms = (time.perf_counter() - started) / REPEAT * 1000
    return mean_ms, pstats.Stats(profiler)


def report(name: str, path: str, mean_ms: float, stats: pstats.Stats) -> str:
    by_part: dict[str, float] = {}
    total = 0.0
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        by_part[part_of(filename)] = by_part.get(part_of(filename), 0.0) + own
        total += own
    lines = [f"== {name} ({path}): {mean_ms:.2f} ms per GET under the profiler "
             f"({REPEAT} GETs; cProfile roughly doubles pure-Python time)",
             "  own time by part of the stack:"]
    for part, seconds in sorted(by_part.items(), key=lambda item: -item[1]):
        lines.append(f"    {seconds / total * 100:5.1f} %  {part}")
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats("cumulative").print_stats(30)
    lines += ["  by cumulative time (top 30):", without_machine_paths(buffer.getvalue())]
    return "\n".join(lines)


def without_machine_paths(text: str) -> str:
    """File names as the project and its libraries name them: no path of this machine goes
    into a result that is committed."""
    text = re.sub(r"\S*/site-packages/", "", text)
    text = text.replace(str(ROOT) + "/", "")
    return re.sub(r"\S*/lib/python3\.\d+/", "", text)


def main() -> int:
    call_command("migrate", "--noinput", verbosity=0)
    chosen = sys.argv[1:] or ["check", "staying-safe"]
    client = walked_client()
    texts = []
    for name in chosen:
        mean_ms, stats = profile(client, PAGES.get(name, name))
        texts.append(report(name, PAGES.get(name, name), mean_ms, stats))
        print(texts[-1].split("  by cumulative")[0], flush=True)
    out = ROOT / "bench" / "results" / f"page-profile-{date.today().isoformat()}.txt"
    out.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    print(f"Written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
