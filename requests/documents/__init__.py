"""Answers → the application as HTML and PDF. Pure functions: no request, no database."""

from .context import ApplicationContext, build_application_context
from .render import (
    DocumentRenderError,
    document_filename,
    html_to_pdf,
    render_application_html,
    render_application_pdf,
)

__all__ = [
    "ApplicationContext",
    "DocumentRenderError",
    "build_application_context",
    "document_filename",
    "html_to_pdf",
    "render_application_html",
    "render_application_pdf",
]
