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
from requests.documents.notice import build_notice_context, holders, notice_fits, notice_text
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


def _holders_shown(application, form=None, failed_for=""):
    answers = application.answers
    language = translation.get_language() or "fr"
    shown = []
    for holder in holders(answers):
        context = build_notice_context(
            answers, respondent_id=holder.id, reference_date=timezone.localdate(),
            reference=getattr(application, "reference", ""),
        )
        shown.append({
            "holder": holder,
            "text": notice_text(context, language=language),
            "form": form if form is not None and failed_for == holder.id else NoticeForm(
                prefix=holder.id
            ),
        })
    return shown


@require_GET
@notices_page
def notices(request, *, visit: Visit):
    application = visit.application
    visit.record(VIEWED, ANSWERS)
    fits = notice_fits(application.answers)
    return render(request, "requests/after/notices.html", {
        "application": application, "fits": fits,
        "holders": _holders_shown(application) if fits else [],
        "items_url": reverse("applications:step", args=["items"]),
    })


@require_POST
@notices_page
def notice_request(request, respondent_id, *, visit: Visit):
    """Ask the worker for the notice to this holder, then wait for it on its own page."""
    application = visit.application
    if not notice_fits(application.answers) or respondent_id not in {
        holder.id for holder in holders(application.answers)
    }:
        raise Http404
    form = NoticeForm(request.POST, prefix=respondent_id)
    if not form.is_valid():
        return render(request, "requests/after/notices.html", {
            "application": application, "fits": True,
            "holders": _holders_shown(application, form, respondent_id),
            "items_url": reverse("applications:step", args=["items"]),
        })
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
