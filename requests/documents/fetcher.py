"""The only way the PDF renderer may read a resource: a short whitelist of bundled files.

Answers are printed as typed, so a person (or someone who got hold of an exported answers
file) could type `<img src="http://…">` or `@import url(file:///…)`. Django escapes the HTML,
and this fetcher is the second lock: it never opens the network or the file system outside
the bundled fonts, whatever URL WeasyPrint asks for.
"""

from pathlib import Path
from urllib import request

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSET_SCHEME = "portal-asset:"

# What the print CSS may ask for, as "portal-asset:<path under static/>" → its MIME type.
ASSETS = {
    "fonts/DejaVuSansCondensed.ttf": "font/ttf",
    "fonts/DejaVuSansCondensed-Bold.ttf": "font/ttf",
    "fonts/DejaVuSansCondensed-Oblique.ttf": "font/ttf",
    "fonts/DejaVuSansCondensed-BoldOblique.ttf": "font/ttf",
}


class RefusedResourceError(ValueError):
    """The document asked for something that is not a bundled asset."""


def static_root() -> Path:
    return Path(settings.BASE_DIR) / "static"


class LockedURLFetcher(URLFetcher):
    """Serves the whitelisted assets from static/ and raises for every other URL."""

    def __init__(self) -> None:
        # Skip URLFetcher.__init__: it installs the HTTP, FTP, file and data: handlers.
        request.OpenerDirector.__init__(self)
        self._fail_on_errors = False
        self._request = None

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        name = url.removeprefix(ASSET_SCHEME) if url.startswith(ASSET_SCHEME) else None
        if name not in ASSETS:
            raise RefusedResourceError("The document renderer only reads bundled assets.")
        body = (static_root() / name).read_bytes()
        return URLFetcherResponse(url, body, {"Content-Type": ASSETS[name]})
