"""The notice of withdrawn consent: one per holder, offered when the person had agreed to an
image at the time; before the court application or beside it, never a condition of it. The
work is in requests/documents/notice.py and the printed-document services."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_POST

from requests import printed, selectors, services, steps
from requests.access import ANSWERS, RENDERED, VIEWED, Visit, case_page
from requests.documents.notice import (
    build_notice_context,
    holders,
    notice_fits,
    notice_may_go_to,
    notice_text,
)
from requests.forms.after import NoticeForm
from requests.views.common import step_url
from requests.views.documents import _download, _waiting


def notices_page(view):
    """A case page with an application whose answers the walkthrough does not stop (the
    same rules as the application: a child in danger at home gets the safe options)."""

    @case_page
    def wrapper(request, *args, visit: Visit, **kwargs):
        if visit.application is None:
            return redirect("applications:start")
        stop = steps.walkthrough_stop(visit.application.answers)
        if stop is not None:
            return redirect(step_url(stop))
        return view(request, *args, visit=visit, **kwargs)

    wrapper.__name__ = view.__name__
    return wrapper


def _notices_page(request, application, *, form=None, failed_for=""):
    """The page of notices: one section per holder, with its text in the page's language
    ready to copy; `form` is the one just posted with an error, for `failed_for`."""
    answers = application.answers
    fits = notice_fits(answers)
    language = translation.get_language() or "fr"
    shown = []
    for holder in holders(answers) if fits else ():
        context = build_notice_context(answers, respondent_id=holder.id,
                                       reference_date=timezone.localdate(),
                                       reference=application.reference)
        shown.append({
            "holder": holder,
            "text": notice_text(context, language=language),
            "form": form if holder.id == failed_for else NoticeForm(prefix=holder.id),
        })
    return render(request, "requests/after/notices.html", {
        "application": application, "fits": fits, "holders": shown,
        "items_url": reverse("applications:step", args=["items"]),
    })


@require_GET
@notices_page
def notices(request, *, visit: Visit):
    visit.record(VIEWED, ANSWERS)
    return _notices_page(request, visit.application)


@require_POST
@notices_page
def notice_request(request, respondent_id, *, visit: Visit):
    """Ask the worker for the notice to this holder, then wait for it on its own page."""
    application = visit.application
    if not notice_may_go_to(application.answers, respondent_id):
        raise Http404
    form = NoticeForm(request.POST, prefix=respondent_id)
    if not form.is_valid():
        return _notices_page(request, application, form=form, failed_for=respondent_id)
    notice = services.printed_request(
        kind=printed.NOTICE.key, application=application, respondent_id=respondent_id,
        language=form.cleaned_data["language"],
    )
    visit.record(RENDERED, printed.NOTICE.audit_subject)
    return redirect("applications:notice-status", notice_id=notice.pk)


def _notice(application, notice_id):
    """One of the application's own notices, never another person's."""
    notice = selectors.notice_for(application=application, notice_id=notice_id)
    if notice is None:
        raise Http404
    return notice


@require_GET
@notices_page
def notice_status(request, notice_id, *, visit: Visit):
    notice = _notice(visit.application, notice_id)
    holder = next((h for h in holders(visit.application.answers)
                   if h.id == notice.respondent_id), None)
    return _waiting(request, visit, notice, "requests/after/notice.html", notice=notice,
                    holder=holder)


@require_GET
@notices_page
def notice_download(request, notice_id, *, visit: Visit):
    notice = _notice(visit.application, notice_id)
    return _download(visit, notice, reverse("applications:notice-status",
                                             kwargs={"notice_id": notice.pk}))
