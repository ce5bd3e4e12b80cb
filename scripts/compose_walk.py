"""A person's browser for scripts/compose_check.sh: walks the portal through the TLS proxy on
127.0.0.1 as a browser would (cookies, the CSRF token of each form, an Origin header), with
the answers of tests/journey_data.py. Standard library only: never the PyPI `requests`.

    python3 scripts/compose_walk.py --proxy 127.0.0.1:8443 --host portail.example.org \\
        --ca cert.pem --state DIR COMMAND

COMMAND is one of
    walk      a new application, every step in order; DIR keeps its cookies and resume code
    document  "Prepare my document", wait for the worker, download the PDF and check it
    answers   the session still opens the application, whose check page shows its answers
    resume    a new browser opens the draft with its code, sees its answers, downloads the PDF

Prints one line saying what it saw; exits 1 with the reason when something is wrong. The
resume code stays in DIR (keep it private: mode 0700), never on the terminal.
"""

import argparse
import http.client
import http.cookiejar
import json
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.journey_data import JOURNEY, PERSON  # noqa: E402  (the tests' answers)

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RESUME_CODE = re.compile(r'class="resume-code[^"]*"[^>]*><strong>([A-Z0-9-]+)</strong>')
DOCUMENT_TIMEOUT_SECONDS = 60
REQUEST_TIMEOUT_SECONDS = 30


class WalkError(Exception):
    """What a person would have noticed: an error page, or not where the page should lead."""


class Browser:
    """Cookies kept in DIR between runs; every connection goes to the proxy on 127.0.0.1, with
    the public name in TLS (SNI) and in Host, as a browser sends them."""

    def __init__(self, *, proxy: str, host: str, ca: Path, cookie_file: Path):
        self.proxy_host, proxy_port = proxy.rsplit(":", 1)
        self.port = int(proxy_port)
        self.origin = f"https://{host}:{self.port}"
        self.cookies = http.cookiejar.MozillaCookieJar(str(cookie_file))
        if cookie_file.exists():
            self.cookies.load(ignore_discard=True)
        context = ssl.create_default_context(cafile=str(ca))
        proxy_host = self.proxy_host

        class ToTheProxy(http.client.HTTPSConnection):
            def connect(self):
                raw = socket.create_connection((proxy_host, self.port), self.timeout)
                self.sock = context.wrap_socket(raw, server_hostname=self.host)

        class Handler(urllib.request.HTTPSHandler):
            def https_open(self, request):
                return self.do_open(ToTheProxy, request)

        self.opener = urllib.request.build_opener(
            Handler(), urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def save(self) -> None:
        self.cookies.save(ignore_discard=True)

    def open(self, path: str, data: dict | None = None) -> tuple[str, bytes, dict]:
        """(the path it ended on after redirects, the body, the headers)."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(
            f"{self.origin}{path}", data=body,
            headers={"Accept-Language": "fr-CA,fr;q=0.9", "Origin": self.origin}
            if body is not None else {"Accept-Language": "fr-CA,fr;q=0.9"},
        )
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
                return (urllib.parse.urlsplit(response.geturl()).path, response.read(),
                        dict(response.headers))
        except urllib.error.HTTPError as error:
            raise WalkError(f"{'POST' if body else 'GET'} {path}: HTTP {error.code}") from None

    def post_form(self, path: str, data: dict) -> tuple[str, bytes]:
        """GET the page, then POST its form with the CSRF token, as a browser does."""
        _, page, _ = self.open(path)
        token = CSRF_INPUT.search(page.decode())
        if token is None:
            raise WalkError(f"no form on {path}")
        ended_on, content, _ = self.open(path, {**data, "csrfmiddlewaretoken": token.group(1)})
        return ended_on, content


def walk(browser: Browser, state: dict) -> str:
    # A word of this walk's own, to tell its application from any other in the database.
    state["mark"] = f"check{secrets.token_hex(4)}"
    explanation = f"Shared 40 times since yesterday ({state['mark']})."
    for step, data in JOURNEY:
        posted = {**data, "explanation": explanation} if step == "urgency" else data
        path = f"/fr/form/{step}/"
        ended_on, page = browser.post_form(path, posted)
        if step == "who":
            code = RESUME_CODE.search(page.decode())
            if code is None:
                raise WalkError("the first answer did not show a resume code")
            state["code"] = code.group(1)
        elif ended_on == path:
            raise WalkError(f"POST {path} was refused (the form came back)")
    if ended_on != "/fr/form/document/":
        raise WalkError(f"the last answer led to {ended_on}, not the document page")
    state["explanation"] = explanation
    return f"{len(JOURNEY)} answers posted with their CSRF tokens, ended on {ended_on}"


def pdf_text(pdf: bytes, directory: Path) -> str | None:
    """The PDF's text through poppler's pdftotext, or None where it is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    path = directory / "document.pdf"
    path.write_bytes(pdf)
    try:
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True, timeout=60).stdout
    finally:
        path.unlink()


def check_pdf(browser: Browser, state: dict, directory: Path) -> str:
    ended_on, pdf, headers = browser.open("/fr/form/document/download/")
    if ended_on != "/fr/form/document/download/" or not pdf.startswith(b"%PDF"):
        raise WalkError(f"the download ended on {ended_on} and is not a PDF")
    if "attachment" not in headers.get("Content-Disposition", ""):
        raise WalkError("the PDF is not sent as an attachment")
    text = pdf_text(pdf, directory)
    if text is None:
        return f"a {len(pdf)}-byte PDF (pdftotext not installed: its text was not read)"
    flat = " ".join(text.split())
    for expected in (PERSON["full_name"], state["mark"]):
        if expected not in flat:
            raise WalkError(f"the PDF does not say {expected!r}")
    return f"a {len(pdf)}-byte PDF naming the person and this walk's explanation"


def document(browser: Browser, state: dict, directory: Path) -> str:
    _, page, _ = browser.open("/fr/form/document/")
    token = CSRF_INPUT.search(page.decode())
    if token is None:
        raise WalkError("no 'Prepare my document' form")
    started = time.monotonic()
    browser.open("/fr/form/document/", {"csrfmiddlewaretoken": token.group(1)})
    while True:
        _, body, _ = browser.open("/fr/form/document/status/?format=json")
        status = json.loads(body)["status"]
        if status == "ready":
            break
        if status == "failed" or time.monotonic() - started > DOCUMENT_TIMEOUT_SECONDS:
            raise WalkError(f"the document is {status} after {time.monotonic() - started:.0f} s")
        time.sleep(0.5)
    seconds = time.monotonic() - started
    return f"rendered by the worker in {seconds:.1f} s; {check_pdf(browser, state, directory)}"


def shows_the_answers(browser: Browser, state: dict, path: str = "/fr/form/check/") -> str:
    ended_on, page, _ = browser.open(path)
    text = page.decode()
    if ended_on != "/fr/form/check/":
        raise WalkError(f"{path} led to {ended_on}, not the check page")
    for expected in (PERSON["full_name"], state["explanation"]):
        if expected not in text:
            raise WalkError(f"the check page does not show {expected!r}")
    return "the check page shows this application's answers"


def resume(browser: Browser, state: dict, directory: Path) -> str:
    browser.cookies.clear()
    ended_on, _ = browser.post_form("/fr/form/resume/", {"code": state["code"]})
    if ended_on != "/fr/form/check/":
        raise WalkError(f"the resume code led to {ended_on}, not the check page")
    seen = shows_the_answers(browser, state)
    return f"the code opened the draft in a new browser; {seen}; {check_pdf(browser, state, directory)}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proxy", required=True, help="the TLS proxy, 127.0.0.1:PORT")
    parser.add_argument("--host", required=True, help="the public name the proxy serves")
    parser.add_argument("--ca", required=True, type=Path, help="the proxy's certificate")
    parser.add_argument("--state", required=True, type=Path, help="a private directory")
    parser.add_argument("command", choices=["walk", "document", "answers", "resume"])
    args = parser.parse_args(argv)
    args.state.mkdir(mode=0o700, exist_ok=True)
    state_file = args.state / "state.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    browser = Browser(proxy=args.proxy, host=args.host, ca=args.ca,
                      cookie_file=args.state / "cookies.txt")
    try:
        if args.command == "walk":
            said = walk(browser, state)
        elif args.command == "document":
            said = document(browser, state, args.state)
        elif args.command == "answers":
            said = shows_the_answers(browser, state)
        else:
            said = resume(browser, state, args.state)
    except (WalkError, OSError, ValueError) as error:
        print(error)
        return 1
    browser.save()
    state_file.write_text(json.dumps(state))
    print(said)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
