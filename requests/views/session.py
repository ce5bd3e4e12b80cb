"""The person's session: come back with a code, download or import the answers, delete
everything, and say “I'm still here”."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.network import client_address
from requests import answers_io, selectors, services
from requests.access import (
    ANSWERS,
    ANSWERS_FILE,
    APPLICATION,
    DELETED,
    EXPORTED,
    IMPORTED,
    Visit,
    case_page,
    person_only,
)
from requests.forms.session import DeleteForm, ImportForm, ResumeForm
from requests.views.common import code_page, resume_point, start_for


@require_http_methods(["GET", "POST"])
@person_only
def resume(request, *, visit: Visit):
    """Only the person comes back with their code: a helper is given a share code instead."""
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = client_address(request)
        limited = services.resume_client_is_limited(client=client)
        application = services.application_resume(
            code=form.cleaned_data["code"], client=client, session=request.session
        )
        if application is not None:
            return redirect(resume_point(application.answers))
        if limited:
            form.add_error(
                "code",
                _(
                    "Too many codes that did not work came from this connection. Check your "
                    "code letter by letter; if it still does not work, wait 15 minutes."
                ),
            )
        else:
            form.add_error(
                "code", _("This code does not open a saved draft. Check it and try again.")
            )
    return render(request, "requests/resume.html", {"form": form})


@require_GET
@case_page
def answers_download(request, *, visit: Visit):
    application = visit.application
    if application is None:
        return redirect("applications:start")
    visit.record(EXPORTED, ANSWERS_FILE)
    response = HttpResponse(
        answers_io.answers_export_json(application.answers),
        content_type="application/json; charset=utf-8",
    )
    filename = f"answers-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, max-age=0"
    return response


@require_http_methods(["GET", "POST"])
@case_page
def answers_import(request, *, visit: Visit):
    form = ImportForm(request.POST or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            answers = answers_io.answers_import(form.cleaned_data["text"])
        except answers_io.ImportRefused as refused:
            errors = refused.errors
            form.add_error("text", ValidationError(_("These answers could not be imported.")))
        else:
            code = None
            with transaction.atomic():  # a draft is created only with answers that fit in it
                if visit.application is None:
                    _application, code = start_for(visit)
                application = services.application_import(
                    application=visit.application, answers=answers
                )
            visit.record(IMPORTED, ANSWERS)
            next_url = resume_point(application.answers)
            if code:
                return code_page(request, application, code, next_url)
            return redirect(next_url)
    return render(
        request,
        "requests/import.html",
        {"form": form, "import_errors": errors, "application": visit.application},
    )


@require_http_methods(["GET", "POST"])
@case_page
def delete(request, *, visit: Visit):
    application = visit.application
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if application is not None:
            visit.record(DELETED, APPLICATION)  # kept by id: the trail outlives the draft
        if visit.by_helper:  # the helper stays signed in; the draft leaves their session
            request.session.pop(selectors.SESSION_KEY, None)
            if application is not None:
                services.application_delete(application=application)
        elif application is not None:
            services.application_delete(application=application, session=request.session)
        else:
            request.session.flush()
        return render(request, "requests/deleted.html")
    return render(request, "requests/delete.html", {"form": form, "application": application})


@require_GET
@case_page
def keep_alive(request, *, visit: Visit):
    """“I'm still here”: this request restarts the idle limit at once (the session is written
    now, not at most once a minute as for other requests: portal.middleware).

    204 while a draft is open; 410 once the session has expired, so the page leaves.
    """
    if visit.application is None:
        return HttpResponse(status=410)
    request.session.modified = True
    return HttpResponse(status=204)
