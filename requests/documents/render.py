"""Context → HTML → PDF. Pure functions: no request, no database, no network.

    pdf = render_application_pdf(answers, language="both", reference_date=date.today())

The document's language is chosen explicitly ("fr", "en" or "both": French first, then a
complete English version), never taken from the request.
"""

import threading
from datetime import date

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext
from weasyprint.text.fonts import FontConfiguration

from .context import ApplicationContext, build_application_context
from .fetcher import LockedURLFetcher
from .typography import printed_text_html

LANGUAGES = ("fr", "en", "both")
TEMPLATE = "requests/documents/application.html"
BODY_TEMPLATE = "requests/documents/_application_body.html"
# Print stylesheets (templates holding plain CSS); FONTS_CSS goes with each of them.
FONTS_CSS = "requests/documents/fonts.css"
APPLICATION_CSS = "requests/documents/application.css"
COVER_LETTER_CSS = "requests/documents/cover_letter.css"


class DocumentRenderError(Exception):
    """The PDF could not be produced; the caller may try again."""


def _languages(language: str) -> tuple[str, ...]:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return ("fr", "en") if language == "both" else (language,)


def _css_string(text: str) -> str:
    """A CSS string literal that cannot close the string nor the <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return '"' + escaped.replace("<", "\\3C ").replace(">", "\\3E ") + '"'


def _page_counter(label: str) -> str:
    """'page %(page)s of %(pages)s' → CSS content with counter(page) and counter(pages)."""
    marker = "\x00"
    text = label % {"page": marker + "page" + marker, "pages": marker + "pages" + marker}
    parts = []
    for index, piece in enumerate(text.split(marker)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def _page_css(context: ApplicationContext, language: str) -> str:
    """Running header and page numbers for one language, as named CSS pages."""
    with translation.override(language):
        court = gettext("Court of Québec")
        if context.court.district_name:
            court = gettext("%(court)s, judicial district of %(district)s") % {
                "court": court,
                "district": context.court.district_name,
            }
        counter = _page_counter(gettext("page %(page)s of %(pages)s"))
        not_part = gettext("Not part of the application")
    return (
        f"@page application-{language} {{"
        f" @top-left {{ content: {_css_string(court)}; }}"
        f" @bottom-right {{ content: {counter}; }} }}\n"
        f"@page next-steps-{language} {{"
        f" @top-left {{ content: {_css_string(not_part)}; }}"
        f" @bottom-right {{ content: {counter}; }} }}\n"
    )


def _render_body(context: ApplicationContext, language: str) -> str:
    with translation.override(language):
        body = render_to_string(BODY_TEMPLATE, {"application": context, "language": language})
    return printed_text_html(body, language=language)


def render_application_html(context: ApplicationContext, *, language: str) -> str:
    """The whole document as HTML, for WeasyPrint only (never served to a browser)."""
    languages = _languages(language)
    bodies = [(code, mark_safe(_render_body(context, code))) for code in languages]
    with translation.override(languages[0]):
        titles = []
        for code in languages:
            with translation.override(code):
                titles.append(pgettext("document title", "Application"))
        return render_to_string(
            TEMPLATE,
            {
                "document_language": languages[0],
                "document_title": " / ".join(titles),
                "bodies": bodies,
                "page_css": SafeString("".join(_page_css(context, code) for code in languages)),
            },
        )


class _PrintSetup(threading.local):
    """The fonts and the compiled print stylesheets, built once per thread and kept.

    Built for each document, they cost about 30 ms of its 250: a new Pango font map with cold
    caches, the @font-face files registered again, every CSS selector compiled again. Per
    thread, not per process, because Pango's font map must not be shared between threads
    (`make run` renders in the web server's threads; a Celery worker process has one).
    """

    _font_config: FontConfiguration | None = None

    def __init__(self) -> None:  # runs once in each thread that uses it
        self.stylesheets: dict[str, weasyprint.CSS] = {}

    @property
    def font_config(self) -> FontConfiguration:
        # Built on first use, not at import: web processes import this module but never print.
        if self._font_config is None:
            self._font_config = FontConfiguration()
        return self._font_config

    def stylesheet(self, template_name: str) -> weasyprint.CSS:
        if template_name not in self.stylesheets:
            self.stylesheets[template_name] = weasyprint.CSS(
                string=render_to_string(template_name),
                font_config=self.font_config,
                url_fetcher=LockedURLFetcher(),
            )
        return self.stylesheets[template_name]


_print_setup = _PrintSetup()


def html_to_pdf(html: str, *, stylesheet: str = APPLICATION_CSS) -> bytes:
    """A tagged PDF (PDF/UA-1) from the document HTML, printed with the bundled fonts and the
    given print stylesheet (a template name); only bundled assets are ever read."""
    try:
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=LockedURLFetcher())
        return document.write_pdf(
            pdf_variant="pdf/ua-1",
            font_config=_print_setup.font_config,
            stylesheets=[_print_setup.stylesheet(FONTS_CSS), _print_setup.stylesheet(stylesheet)],
        )
    except Exception as error:  # WeasyPrint raises many kinds; the caller needs one
        raise DocumentRenderError("The application PDF could not be rendered.") from error


def warm_up() -> None:
    """Load WeasyPrint, the fonts and the print stylesheets now (a Celery worker process calls
    this at start), so that the first person to ask for a document does not wait for them."""
    html_to_pdf('<!DOCTYPE html><html lang="fr"><body><p>Prêt.</p></body></html>')
    _print_setup.stylesheet(COVER_LETTER_CSS)


def render_application_pdf(
    answers: dict, *, language: str, reference_date: date, recorded_consents: tuple[dict, ...] = ()
) -> bytes:
    context = build_application_context(
        answers, reference_date=reference_date, recorded_consents=recorded_consents
    )
    return html_to_pdf(render_application_html(context, language=language))


def document_filename(language: str, reference_date: date) -> str:
    """A discreet file name: nothing about what the application is for."""
    stem = {"fr": "demande", "en": "application", "both": "demande-application"}
    _languages(language)
    return f"{stem[language]}-{reference_date.isoformat()}.pdf"
