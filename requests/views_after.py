"""Pages after the document: filing it, what happens next, the removal plan, the companies,
a reshare, and the tracker. HTTP in and out; the work is in requests/after.py."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from requests import after, directory, selectors, services
from requests.access import (
    ANSWERS,
    CHANGED,
    DOWNLOADED,
    LETTER,
    RENDERED,
    TRACKER,
    VIEWED,
    Visit,
    helper_gate,
    ready_application_required,
)
from requests.documents.cover_letter import cover_letter_filename
from requests.forms.after import TRACKER_FORMS, CoverLetterForm, ReshareForm
from requests.views import _code_page, _resume_point


def _page(request, template, application, **context):
    return render(request, f"requests/after/{template}", {"application": application, **context})


@require_GET
@ready_application_required
def filing_guide(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)  # the district chosen in the answers
    district = after.district_for(application.answers)
    return _page(request, "guide.html", application, district=district,
                 online=directory.resource("quebec-imagesintimes"))


@require_GET
@ready_application_required
def filing_copy(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)
    return _page(request, "copy.html", application,
                 blocks=after.copy_blocks_for(application.answers))


@require_GET
@ready_application_required
def court(request, *, visit: Visit):
    """What happens next, and what to do if the order is not obeyed (law.md)."""
    application = visit.application
    return _page(request, "court.html", application, sources=after.SOURCES,
                 cavac=directory.resource("cavac"))


@require_GET
@ready_application_required
def removal(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)  # the plan follows the ages and the companies named
    return _page(request, "removal.html", application,
                 plan=after.removal_plan_for(application.answers),
                 companies=after.companies_for(application.answers))


@require_GET
@ready_application_required
def companies(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)
    return _page(request, "companies.html", application,
                 companies=after.companies_for(application.answers), form=CoverLetterForm())


@require_POST
@ready_application_required
def cover_letter(request, respondent_id, *, visit: Visit):
    """Ask the worker for a letter to this company, then wait for it on its own page."""
    application = visit.application
    if after.company_for(application.answers, respondent_id) is None:
        raise Http404
    form = CoverLetterForm(request.POST)
    if not form.is_valid():
        return _page(request, "companies.html", application, form=form,
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
    return _page(request, "letter.html", application, letter=letter,
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


@require_http_methods(["GET", "POST"])
@ready_application_required
def reshare(request, *, visit: Visit):
    application = visit.application
    form = ReshareForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        visit.record(VIEWED, ANSWERS)  # they are copied into the new application
        new, code = after.application_start_reshare(
            source=application, session=request.session,
            keep_items=form.cleaned_data["keep_items"],
        )
        if visit.by_helper:  # they keep the access they had; the code is the person's
            helper_gate().carried_over(visit.helper, application, new)
            return redirect(_resume_point(new.answers))
        return _code_page(request, new, code, _resume_point(new.answers))
    return _page(request, "reshare.html", application, form=form)


@require_http_methods(["GET", "POST"])
@ready_application_required
def tracker(request, *, visit: Visit):
    application = visit.application
    part = request.POST.get("part") if request.method == "POST" else None
    if part is not None and part not in TRACKER_FORMS:
        raise Http404
    forms = {
        key: form_class(request.POST if key == part else None, prefix=key)
        for key, form_class in TRACKER_FORMS.items()
    }
    if part is not None and forms[part].is_valid():
        after.tracker_update(application=application, part=part, value=forms[part].value())
        visit.record(CHANGED, TRACKER)
        return redirect("applications:after-tracker")
    visit.record(VIEWED, TRACKER)
    return _page(request, "tracker.html", application, forms=forms,
                 posted=forms.get(part),
                 entries=after.tracker_for_display(after.tracker_for(application=application)))


@require_POST
@ready_application_required
def tracker_remove(request, *, visit: Visit):
    application = visit.application
    try:
        index = int(request.POST.get("index", ""))
    except ValueError:
        raise Http404 from None
    after.tracker_remove(application=application, part=request.POST.get("part", ""), index=index)
    visit.record(CHANGED, TRACKER)
    return redirect("applications:after-tracker")
