"""Printed documents, any kind (requests/printed.py): ask for one, wait for the worker,
download it. Each kind finds its own row (the application's current document, a letter by
its id); the waiting page and the download are one implementation for all."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from requests import after, printed, selectors, services
from requests.access import DOWNLOADED, RENDERED, Visit, ready_application_required
from requests.forms.after import CoverLetterForm
from requests.models import PrintedDocument
from requests.views.common import after_page


def _status(rows) -> str:
    """One status for what a page waits for: pending while any is, failed if any failed."""
    statuses = {row.status for row in rows if row is not None}
    for status in (PrintedDocument.Status.PENDING, PrintedDocument.Status.FAILED):
        if status in statuses:
            return status
    return PrintedDocument.Status.READY


def _waiting(request, visit: Visit, row: PrintedDocument, template: str, *, also=(), **context):
    """'Being prepared': refreshes itself without JavaScript, polled with it (?format=json),
    until `row` and the rows printed with it (`also`) are all printed or one failed.
    It only reads: it never prints (a worker does)."""
    status = _status((row, *also))
    if status == PrintedDocument.Status.PENDING:
        # Asked for while Redis was down? The person's own waiting hands it over again.
        services.printed_enqueue_stale(
            older_than_seconds=services.STALE_DOCUMENT_SECONDS_ON_STATUS_PAGE,
            application=visit.application,
            kinds=tuple({printed.kind_of(r).key for r in (row, *also) if r is not None}),
        )
    if request.GET.get("format") == "json":
        return JsonResponse({"status": status})
    failure = _(row.failure_message) if row.failure_message else ""
    return render(request, template, {
        "application": visit.application, "failure_message": failure, "status": status,
        **context,
    })


def _download(visit: Visit, row: PrintedDocument, waiting_url: str):
    """The PDF as an attachment with a discreet name; never cached (middleware: no-store)."""
    if row.status != PrintedDocument.Status.READY:
        return redirect(waiting_url)
    kind = printed.kind_of(row)
    visit.record(DOWNLOADED, kind.audit_subject)
    response = HttpResponse(row.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind.filename(row)}"'
    return response


# --- The application, and the person's own pages printed with it -----------------------------
# The application is the court's copy, and nothing else; the guide (what to do now, how to
# file, help) is a document of its own, for the person, never filed.


def _guide(application):
    return printed.GUIDE.current(application)


@require_http_methods(["GET", "POST"])
@ready_application_required
def document(request, *, visit: Visit):
    """The answers are complete: ask for the application and the guide (a worker prints
    them)."""
    application = visit.application
    if request.method == "POST":
        for kind in (printed.APPLICATION, printed.GUIDE):
            services.printed_request(kind=kind.key, application=application)
        visit.record(RENDERED, printed.APPLICATION.audit_subject)
        return redirect("applications:document-status")
    return render(
        request,
        "requests/document.html",
        {
            "application": application,
            "document": selectors.document_current(application=application),
            "guide": _guide(application),
        },
    )


@require_GET
@ready_application_required
def document_status(request, *, visit: Visit):
    document = selectors.document_current(application=visit.application)
    if document is None:
        return redirect("applications:document")
    guide = _guide(visit.application)
    return _waiting(request, visit, document, "requests/document_status.html", also=(guide,),
                    document=document, guide=guide)


@require_GET
@ready_application_required
def document_download(request, *, visit: Visit):
    document = selectors.document_current(application=visit.application)
    if document is None:
        return redirect("applications:document-status")
    return _download(visit, document, "applications:document-status")


@require_GET
@ready_application_required
def guide_download(request, *, visit: Visit):
    guide = _guide(visit.application)
    if guide is None:
        return redirect("applications:document-status")
    return _download(visit, guide, "applications:document-status")


# --- Letters to the companies ------------------------------------------------------------------


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
    letter = services.printed_request(
        kind=printed.LETTER.key, application=application, respondent_id=respondent_id,
        language=form.cleaned_data["language"],
    )
    visit.record(RENDERED, printed.LETTER.audit_subject)
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
    letter = _letter(visit.application, letter_id)
    company = after.company_for(visit.application.answers, letter.respondent_id)
    return _waiting(request, visit, letter, "requests/after/letter.html", letter=letter,
                    company=company)


@require_GET
@ready_application_required
def cover_letter_download(request, letter_id, *, visit: Visit):
    letter = _letter(visit.application, letter_id)
    return _download(visit, letter, reverse("applications:after-cover-letter-status",
                                             kwargs={"letter_id": letter.pk}))
