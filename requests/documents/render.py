"""Context → HTML → PDF. Pure functions: no request, no database, no network.

    pdf = render_application_pdf(answers, language="both", reference_date=date.today())
    guide = render_guide_pdf(answers, language="both", reference_date=date.today())

Two documents are printed from the same answers: the application, the court's copy, which
the person files and nothing else; and the guide, the person's own pages (what to do now, how
to file, help), which is never filed. The language is chosen explicitly ("fr", "en" or
"both": French first, then a complete English version), never taken from the request.

With "both", each language version is laid out on its own and numbered on its own ("page 2
of 5" counts the pages of that version only): a clerk files one version, complete.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext
from weasyprint.text.fonts import FontConfiguration

from .context import ApplicationContext, build_application_context
from .fetcher import LockedURLFetcher
from .typography import of_place, printed_text_html

LANGUAGES = ("fr", "en", "both")
TEMPLATE = "requests/documents/application.html"  # the page around one or more bodies
BODY_TEMPLATE = "requests/documents/_application_body.html"
GUIDE_BODY_TEMPLATE = "requests/documents/_person_copy_body.html"
# Print stylesheets (templates holding plain CSS); FONTS_CSS goes with each of them.
FONTS_CSS = "requests/documents/fonts.css"
APPLICATION_CSS = "requests/documents/application.css"
COVER_LETTER_CSS = "requests/documents/cover_letter.css"


class DocumentRenderError(Exception):
    """The PDF could not be produced; the caller may try again."""


def languages_of(language: str) -> tuple[str, ...]:
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


def _running_header(context: ApplicationContext) -> str:
    court = gettext("Court of Québec")
    if context.court.district_name:
        court = gettext("%(court)s, judicial district %(of_district)s") % {
            "court": court,
            "of_district": of_place(context.court.district_name, translation.get_language()),
        }
    return court


@dataclass(frozen=True)
class _Printed:
    """What tells the two printed documents apart: the body of one language version, its
    title, and the running header of its pages."""

    body_template: str
    title: Callable[[], str]  # in the active language
    header: Callable[[ApplicationContext], str]  # in the active language


_APPLICATION = _Printed(
    BODY_TEMPLATE, lambda: pgettext("document title", "Application"), _running_header
)
_GUIDE = _Printed(
    GUIDE_BODY_TEMPLATE,
    lambda: pgettext("document title", "Read me"),
    lambda context: gettext("For you: not to be filed with the court"),
)


def _page_css(printed: _Printed, context: ApplicationContext, language: str) -> str:
    """Running header and page numbers for one language version, as a named CSS page. The
    page counters count the pages of the version they are printed on (see _versions_pdf)."""
    with translation.override(language):
        header = printed.header(context)
        counter = _page_counter(gettext("page %(page)s of %(pages)s"))
        reference = gettext("Reference %(reference)s") % {"reference": context.reference}
    footer_left = f" @bottom-left {{ content: {_css_string(reference)}; }}" if (
        context.reference
    ) else ""
    return (
        f"@page version-{language} {{"
        f" @top-left {{ content: {_css_string(header)}; }}{footer_left}"
        f" @bottom-right {{ content: {counter}; }} }}\n"
    )


def _render_body(printed: _Printed, context: ApplicationContext, language: str) -> str:
    with translation.override(language):
        body = render_to_string(
            printed.body_template, {"application": context, "language": language}
        )
    return printed_text_html(body, language=language)


def _document_html(
    printed: _Printed, context: ApplicationContext, languages: tuple[str, ...], *, title: str
) -> str:
    bodies = [(code, mark_safe(_render_body(printed, context, code))) for code in languages]
    with translation.override(languages[0]):
        return render_to_string(
            TEMPLATE,
            {
                "document_language": languages[0],
                "document_title": title,
                "bodies": bodies,
                "page_css": SafeString(
                    "".join(_page_css(printed, context, code) for code in languages)
                ),
            },
        )


def title_in_languages(title: Callable[[], str], languages: tuple[str, ...]) -> str:
    """A document's neutral title in each of its languages: "Demande / Application"."""
    titles = []
    for code in languages:
        with translation.override(code):
            titles.append(title())
    return " / ".join(titles)


def _versions_html(printed: _Printed, context: ApplicationContext, language: str) -> list[str]:
    """One HTML document per language version, each to be laid out on its own."""
    languages = languages_of(language)
    title = title_in_languages(printed.title, languages)
    return [_document_html(printed, context, (code,), title=title) for code in languages]


def render_application_html(context: ApplicationContext, *, language: str) -> str:
    """The application's versions in one HTML document, for reading its text (tests): the PDF
    lays out each version on its own (render_application_pdf). For WeasyPrint only."""
    languages = languages_of(language)
    title = title_in_languages(_APPLICATION.title, languages)
    return _document_html(_APPLICATION, context, languages, title=title)


def render_guide_html(context: ApplicationContext, *, language: str) -> str:
    """The person's own pages in one HTML document, for reading its text (tests)."""
    languages = languages_of(language)
    title = title_in_languages(_GUIDE.title, languages)
    return _document_html(_GUIDE, context, languages, title=title)


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


def _layout(html: str, stylesheet: str):
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=LockedURLFetcher())
    return document.render(
        pdf_variant="pdf/ua-1",
        font_config=_print_setup.font_config,
        stylesheets=[_print_setup.stylesheet(FONTS_CSS), _print_setup.stylesheet(stylesheet)],
    )


def versions_to_pdf(htmls: list[str], *, stylesheet: str = APPLICATION_CSS) -> bytes:
    """One tagged PDF (PDF/UA-1) from HTML documents laid out one after the other, each with
    its own page numbers, printed with the bundled fonts and the given print stylesheet (a
    template name); only bundled assets are ever read. The metadata are the first's."""
    try:
        laid_out = [_layout(html, stylesheet) for html in htmls]
        pages = [page for document in laid_out for page in document.pages]
        return laid_out[0].copy(pages).write_pdf(pdf_variant="pdf/ua-1")
    except Exception as error:  # WeasyPrint raises many kinds; the caller needs one
        raise DocumentRenderError("The PDF could not be rendered.") from error


def html_to_pdf(html: str, *, stylesheet: str = APPLICATION_CSS) -> bytes:
    """A tagged PDF from one HTML document (see versions_to_pdf)."""
    return versions_to_pdf([html], stylesheet=stylesheet)


def warm_up() -> None:
    """Load WeasyPrint, the fonts and the print stylesheets now (a Celery worker process calls
    this at start), so that the first person to ask for a document does not wait for them."""
    html_to_pdf('<!DOCTYPE html><html lang="fr"><body><p>Prêt.</p></body></html>')
    _print_setup.stylesheet(COVER_LETTER_CSS)


def render_application_pdf(
    answers: dict, *, language: str, reference_date: date, recorded_consents: tuple[dict, ...] = (),
    reference: str = "",
) -> bytes:
    """The court's copy: the application alone, each language version numbered on its own."""
    context = build_application_context(
        answers, reference_date=reference_date, recorded_consents=recorded_consents,
        reference=reference,
    )
    return versions_to_pdf(_versions_html(_APPLICATION, context, language))


def render_guide_pdf(
    answers: dict, *, language: str, reference_date: date, reference: str = ""
) -> bytes:
    """The person's copy: what to do now, how to file, help. Not filed with the court."""
    context = build_application_context(
        answers, reference_date=reference_date, reference=reference
    )
    return versions_to_pdf(_versions_html(_GUIDE, context, language))


def document_filename(language: str, reference_date: date) -> str:
    """A discreet file name: nothing about what the application is for."""
    stem = {"fr": "demande", "en": "application", "both": "demande-application"}
    languages_of(language)
    return f"{stem[language]}-{reference_date.isoformat()}.pdf"


def guide_filename(language: str, reference_date: date) -> str:
    """As discreet as the application's: "read me", and the date."""
    stem = {"fr": "a-lire", "en": "read-me", "both": "a-lire-read-me"}
    languages_of(language)
    return f"{stem[language]}-{reference_date.isoformat()}.pdf"
