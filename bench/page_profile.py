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
import os
import pstats
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.profiles import where_the_time_goes  # noqa: E402
from tests.journey_data import JOURNEY  # noqa: E402

REPEAT = 300
PAGES = {"check": "/fr/form/check/", "contact": "/fr/form/contact/",
         "staying-safe": "/fr/staying-safe/",
         "person": "/fr/form/person/", "places": "/fr/form/places/"}


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
    heading = (f"== {name} ({path}): {mean_ms:.2f} ms per GET under the profiler "
               f"({REPEAT} GETs; cProfile roughly doubles pure-Python time)")
    return "\n".join([heading, *where_the_time_goes(stats, ROOT)])


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
