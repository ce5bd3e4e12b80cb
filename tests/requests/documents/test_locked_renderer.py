"""Nothing typed in an answer can make the renderer read a file or touch the network."""

import http.server
import subprocess
import threading
from datetime import date

import pytest

from requests.documents import html_to_pdf, render_application_pdf
from requests.documents.fetcher import LockedURLFetcher, RefusedResourceError

from . import answers as builder


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { background: red; }")

    def log_message(self, format, *args):
        pass


@pytest.fixture
def listening_server():
    """A local HTTP server on a free port that records every request it receives."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def hostile_text(port: int) -> str:
    base = f"http://127.0.0.1:{port}"
    return (
        f'<img src="{base}/img.png"> file:///etc/passwd '
        f'<link rel=stylesheet href="{base}/link.css"> '
        f"<style>@import url({base}/import.css)</style> url({base}/url.png)"
    )


def answers_with_hostile_text_everywhere(text: str, port: int) -> dict:
    """Every free-text answer (and every address) holds `text` or a local URL."""
    url = f"http://127.0.0.1:{port}/profile"
    answers = builder.build_answers(
        applicant="helper",
        parties=[
            builder.known(
                id="r1", full_name=text, other_names=text, relationship=text, address=text
            ),
            builder.pseudonym(id="r2", handles=[text, text], platform=text, profile_urls=[url]),
            builder.other_company(id="r3", company_name=text, service=text),
        ],
        places=[
            builder.place(["r1"], url=url),
            builder.place_without_address(["r2", "r3"], text),
        ],
    )
    answers["person"].update(full_name=text, other_names=text)
    answers["situation"].update(where_other=text, summary=text)
    answers["items"][0].update(description=text, made_when=text, privacy_reason=text)
    answers["urgency"]["explanation"] = text
    answers["contact"].update(phone=text, email=text, address=text)
    answers["applicant"]["full_name"] = text
    answers["consent"].update(organisation=text, consented_by=text)
    return answers


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_hostile_answers_are_printed_literally_and_nothing_is_fetched(listening_server, tmp_path):
    port = listening_server.server_address[1]
    text = hostile_text(port)
    answers = answers_with_hostile_text_everywhere(text, port)

    pdf = render_application_pdf(answers, language="both", reference_date=date(2026, 11, 23))

    assert listening_server.paths == []
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    printed = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    printed = squeezed(printed.replace("\u202f", " ").replace("\u00a0", " "))
    assert printed.count(squeezed(text)) >= 2 * 20  # each field, in French and in English
    assert squeezed(f"http://127.0.0.1:{port}/profile") in printed


def test_even_raw_html_given_to_the_renderer_cannot_reach_the_network(listening_server):
    base = f"http://127.0.0.1:{listening_server.server_address[1]}"
    html = (
        f'<html><head><link rel="stylesheet" href="{base}/link.css">'
        f"<style>@import url({base}/import.css); p {{ background: url({base}/bg.png) }}"
        f'@font-face {{ font-family: x; src: url({base}/font.ttf) }}</style></head>'
        f'<body><p>Text</p><img src="{base}/img.png"><img src="file:///etc/passwd">'
        f'<img src="data:image/png;base64,iVBORw0KGgo="><object data="{base}/object"></object>'
        f'<iframe src="{base}/iframe"></iframe><svg><image href="{base}/svg.png"/></svg>'
        "</body></html>"
    )
    assert html_to_pdf(html).startswith(b"%PDF")
    assert listening_server.paths == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.css",
        "https://example.org/font.ttf",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "ftp://example.org/x",
        "portal-asset:../../portal/settings.py",
        "portal-asset:fonts/../../manage.py",
        "portal-asset:css/portal.css",
    ],
)
def test_the_fetcher_refuses_anything_but_the_bundled_assets(url):
    with pytest.raises(RefusedResourceError):
        LockedURLFetcher().fetch(url)


def test_the_fetcher_serves_the_bundled_fonts():
    font = LockedURLFetcher().fetch("portal-asset:fonts/DejaVuSansCondensed-Bold.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    assert font.content_type == "font/ttf"
