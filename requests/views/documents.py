"""Printed documents: ask for one, wait for the worker, download it. The application and
the letters to companies."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from requests import after, selectors, services
from requests.access import (
    DOCUMENT,
    DOWNLOADED,
    LETTER,
    RENDERED,
    Visit,
    ready_application_required,
)
from requests.documents.cover_letter import cover_letter_filename
from requests.documents.render import document_filename
from requests.forms.after import CoverLetterForm
from requests.views.common import after_page


@require_http_methods(["GET", "POST"])
@ready_application_required
def document(request, *, visit: Visit):
    """The answers are complete: ask for the document (a worker renders it)."""
    application = visit.application
    if request.method == "POST":
        services.document_request(application=application)
        visit.record(RENDERED, DOCUMENT)
        return redirect("applications:document-status")
    return render(
        request,
        "requests/document.html",
        {
            "application": application,
            "document": selectors.document_current(application=application),
        },
    )


@require_GET
@ready_application_required
def document_status(request, *, visit: Visit):
    """'Preparing your document': refreshes itself without JavaScript, polled with it. It
    only reads: it never renders (a worker does)."""
    application = visit.application
    document = selectors.document_current(application=application)
    if document is None:
        return redirect("applications:document")
    if document.status == document.Status.PENDING:
        # Asked for while Redis was down? The person's own polling hands it over again.
        services.documents_enqueue_stale(
            older_than_seconds=services.STALE_DOCUMENT_SECONDS_ON_STATUS_PAGE,
            application=application,
        )
    if request.GET.get("format") == "json":
        return JsonResponse({"status": document.status})
    return render(
        request,
        "requests/document_status.html",
        {
            "application": application,
            "document": document,
            "failure_message": _(document.failure_message) if document.failure_message else "",
        },
    )


@require_GET
@ready_application_required
def document_download(request, *, visit: Visit):
    """The PDF as an attachment with a discreet name; never cached (middleware: no-store)."""
    application = visit.application
    document = selectors.document_current(application=application)
    if document is None or document.status != document.Status.READY:
        return redirect("applications:document-status")
    visit.record(DOWNLOADED, DOCUMENT)
    response = HttpResponse(document.pdf, content_type="application/pdf")
    filename = document_filename(document.language, timezone.localdate(document.rendered_at))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@ready_application_required
def cover_letter(request, respondent_id, *, visit: Visit):
    """Ask the worker for a letter to this company, then wait for it on its own page."""
    application = visit.application
    if after.company_for(application.answers, respondent_id) is None:
        raise Http404
    form = CoverLetterForm(request.POST)
    if not form.is_valid():
        return after_page(request, "companies.html", application, form=form,
                     companies=after.companies_for(application.answers))
    letter = services.cover_letter_request(
        application=application, respondent_id=respondent_id,
        language=form.cleaned_data["language"],
    )
    visit.record(RENDERED, LETTER)
    return redirect("applications:after-cover-letter-status", letter_id=letter.pk)


def _letter(application, letter_id):
    """One of the application's own letters, never another person's."""
    letter = selectors.cover_letter_for(application=application, letter_id=letter_id)
    if letter is None:
        raise Http404
    return letter


@require_GET
@ready_application_required
def cover_letter_status(request, letter_id, *, visit: Visit):
    """'Preparing your letter': refreshes itself without JavaScript, polled with it. It only
    reads: it never renders (a worker does)."""
    application = visit.application
    letter = _letter(application, letter_id)
    if letter.status == letter.Status.PENDING:
        # Asked for while Redis was down? The person's own polling hands it over again.
        services.cover_letters_enqueue_stale(
            older_than_seconds=services.STALE_DOCUMENT_SECONDS_ON_STATUS_PAGE,
            application=application,
        )
    if request.GET.get("format") == "json":
        return JsonResponse({"status": letter.status})
    return after_page(request, "letter.html", application, letter=letter,
                 company=after.company_for(application.answers, letter.respondent_id),
                 failure_message=_(letter.failure_message) if letter.failure_message else "")


@require_GET
@ready_application_required
def cover_letter_download(request, letter_id, *, visit: Visit):
    """The letter as an attachment with a discreet name (nothing about the company)."""
    letter = _letter(visit.application, letter_id)
    if letter.status != letter.Status.READY:
        return redirect("applications:after-cover-letter-status", letter_id=letter.pk)
    visit.record(DOWNLOADED, LETTER)
    response = HttpResponse(letter.pdf, content_type="application/pdf")
    filename = cover_letter_filename(letter.language, timezone.localdate(letter.rendered_at))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
