"""The site's own error pages: in the address's language, with the quick exit and a way back.

Django's defaults have no quick exit, no main landmark and an English `lang`, and a refused
form loses what the person typed. Every handler here renders `templates/errors/`, and never
needs the database (the 500 page may be shown because the database is down).
"""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Shown if even the 500 template cannot be drawn: plain, but with a way out.
BARE_SERVER_ERROR = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<link rel="icon" href="/favicon.ico"></head>
<body><main><h1>{title}</h1><p>{text}</p><p><a href="/{lang}/exit/">{exit}</a> ·
<a href="/{lang}/">{home}</a></p></main></body></html>"""


def _page(request, template: str, status: int, **context) -> HttpResponse:
    if not hasattr(request, "LANGUAGE_CODE"):
        # Refused before LocaleMiddleware ran (a plain-HTTP request for another host fails in
        # SecurityMiddleware's redirect): take the language from the address, as it would,
        # for this page only (the worker's thread goes on to other requests).
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            return _page(request, template, status, **context)
    return render(request, f"errors/{template}", {"error_page": True, **context}, status=status)


def bad_request(request, exception=None):
    return _page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _page(request, "404.html", 404)


def server_error(request):
    try:
        return _page(request, "500.html", 500)
    except Exception:  # the page that says something went wrong must not fail in turn
        logger.exception("the error page could not be drawn")
        lang = "en" if (get_language() or "fr").startswith("en") else "fr"
        html = BARE_SERVER_ERROR.format(
            lang=lang, title=_("Something went wrong"), exit=_("Quick exit"), home=_("Home"),
            text=_("Your saved answers are safe. Try again in a few minutes."),
        )
        return HttpResponse(html, status=500)


def unsupported_body(request):
    """A form sent as multipart/form-data: no page of this site takes a file."""
    return _page(request, "415.html", 415)


def _same_origin(request) -> bool:
    """The refused form was sent from one of our own pages (Origin or Referer say so), so
    showing its words back cannot put a stranger's text on our site."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    ours = request.build_absolute_uri("/").rstrip("/")
    return bool(source) and (source == ours or source.startswith(ours + "/"))


def csrf_failure(request, reason=""):
    """The anti-forgery check refused a form: the page had been open too long, or the quick
    exit or a closed browser ended the session. A step's answers come back in its form, not
    saved, so that nothing the person typed is lost."""
    from requests.refused_forms import form_for_refused_post  # the walkthrough's forms

    again = None
    if request.method == "POST" and _same_origin(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None:
            again = form_for_refused_post(request, match)
    return _page(request, "csrf.html", 403, again=again)
