"""Assertions for browser tests: only our own host, no axe violations, screenshots."""

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
AXE_SOURCE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCREENSHOT_DIR = Path(
    os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "portal-screenshots"
)
LOCAL_SCHEMES = {"data", "about", "blob"}


def assert_only_local_requests(page, live_server) -> None:
    """Fail if the page asked anything of another host (CDN, fonts, analytics …)."""
    ours = urlsplit(live_server.url).netloc
    foreign = [
        url for url in page.requested_urls
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != ours
    ]
    assert page.requested_urls, "the page recorded no request at all"
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)


def assert_every_request_succeeded(page) -> None:
    """Fail if a page, stylesheet or script came back with an error (a missing CSS file …)."""
    assert not page.failed_responses, "failed requests:\n" + "\n".join(page.failed_responses)


REFLOW_WIDTH = 320  # WCAG 1.4.10: content reflows at 320 CSS pixels without sideways scrolling


def assert_reflows_at_320(page) -> None:
    """Fail if the page, shown 320 px wide, is wider than that (it would scroll sideways).

    The page is measured at 320 px and put back at its own width, so any test can call it
    wherever it checks a page (assert_no_axe_violations does).
    """
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size(size)
    assert width <= REFLOW_WIDTH, (
        f"{page.url} is {width} px wide at {REFLOW_WIDTH} px: it scrolls sideways"
    )


def assert_no_axe_violations(page) -> None:
    """Run axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules; list every violation.
    Every page checked this way is also checked to reflow at 320 px (assert_reflows_at_320).

    The portal's CSP forbids inline scripts, so `add_script_tag(content=...)` would be
    blocked. `page.evaluate` runs the source through the DevTools protocol, which CSP does
    not govern, so the page keeps its real policy while axe checks it.
    """
    assert_reflows_at_320(page)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text())
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        WCAG_TAGS,
    )
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["targets"])
        for v in violations
    )


def save_screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for a human to look at; returns its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
