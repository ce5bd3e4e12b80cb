"""Pages after the document: filing it, what happens next, the removal plan, the companies,
a reshare, and the tracker. The work is in requests/after.py."""

from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from requests import after, directory
from requests.access import (
    ANSWERS,
    CHANGED,
    TRACKER,
    VIEWED,
    Visit,
    helper_gate,
    ready_application_required,
)
from requests.forms.after import TRACKER_FORMS, CoverLetterForm, ReshareForm
from requests.views.common import after_page, code_page, resume_point


@require_GET
@ready_application_required
def filing_guide(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)  # the district chosen in the answers
    district = after.district_for(application.answers)
    return after_page(request, "guide.html", application, district=district,
                 online=directory.resource("quebec-imagesintimes"))


@require_GET
@ready_application_required
def filing_copy(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)
    return after_page(request, "copy.html", application,
                 blocks=after.copy_blocks_for(application.answers))


@require_GET
@ready_application_required
def court(request, *, visit: Visit):
    """What happens next, and what to do if the order is not obeyed (law.md)."""
    application = visit.application
    return after_page(request, "court.html", application, sources=after.SOURCES,
                 cavac=directory.resource("cavac"))


@require_GET
@ready_application_required
def removal(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)  # the plan follows the ages and the companies named
    return after_page(request, "removal.html", application,
                 plan=after.removal_plan_for(application.answers),
                 companies=after.companies_for(application.answers))


@require_GET
@ready_application_required
def companies(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)
    return after_page(request, "companies.html", application,
                 companies=after.companies_for(application.answers), form=CoverLetterForm())


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
            return redirect(resume_point(new.answers))
        return code_page(request, new, code, resume_point(new.answers))
    return after_page(request, "reshare.html", application, form=form)


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
    return after_page(request, "tracker.html", application, forms=forms,
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
