"""The waiting page's own timers, read from its script, so that the simulated people poll
for their documents exactly as the page does (bench/load.py hands them to the locustfile)."""

import re
from pathlib import Path

POLL_SCRIPT = Path(__file__).resolve().parent.parent / "static" / "js" / "document-status.js"


def poll_delays_s(script: Path = POLL_SCRIPT) -> list[float]:
    """The pauses before each question: the first, SOON_TRIES at the short interval, then the
    long one (repeated as long as the document is pending)."""
    text = script.read_text(encoding="utf-8")

    def value(name: str) -> int:
        found = re.search(rf"\bvar {name} = (\d+);", text)
        if found is None:
            raise ValueError(f"{script.name} no longer sets {name}: update bench/page_timers.py")
        return int(found.group(1))

    soon = value("SOON_MS") / 1000
    return [value("FIRST_MS") / 1000, *[soon] * value("SOON_TRIES"), value("LATER_MS") / 1000]
