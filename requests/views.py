"""HTTP in and out for the application; the work is in services and selectors.

Who may see what is decided in requests/access.py, on every request: each view here is a
`@case_page` (the person, or a helper the person shared the application with),
`@ready_application_required` (the same, with finished answers) or `@person_only`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_http_methods

from portal.network import client_address
from requests import answers_io, selectors, services, steps
from requests.access import (
    ANSWERS,
    ANSWERS_FILE,
    APPLICATION,
    CHANGED,
    DELETED,
    DOCUMENT,
    DOWNLOADED,
    EXPORTED,
    IMPORTED,
    RENDERED,
    VIEWED,
    Visit,
    case_page,
    person_only,
    ready_application_required,
)
from requests.documents.render import document_filename
from requests.forms.session import DeleteForm, ImportForm, ResumeForm
from requests.slugs import Slug
from requests.steps import STEPS

RETURN_TO_CHECK = Slug.CHECK.value


def _step_url(step, *, back_to_check=False):
    url = reverse("applications:step", args=[step.slug])
    return f"{url}?next={RETURN_TO_CHECK}" if back_to_check else url


def _back_to_check(request) -> bool:
    return (request.GET.get("next") or request.POST.get("next")) == RETURN_TO_CHECK


@case_page
def start(request, *, visit: Visit):
    return render(request, "requests/start.html", {"application": visit.application})


def _resume_point(answers):
    """Where a person picks up: the first unanswered step, or the check page."""
    return _step_url(steps.step_resume_point(answers))


def _code_page(request, application, code, next_url):
    return render(
        request,
        "requests/code.html",
        {"code": code, "application": application, "next_url": next_url},
    )


def _start_for(visit: Visit) -> tuple:
    """A new draft for this visitor: (application, the code to show once, or None for a
    helper, who comes back to it through their dashboard)."""
    application, code = services.application_start(
        session=visit.request.session, helper=visit.helper
    )
    visit.application = application
    return application, (None if visit.by_helper else code)


@method_decorator(case_page, name="dispatch")
class StepView(View):
    """Walks every screen of STEPS: one view, no per-step branches."""

    def dispatch(self, request, *args, visit: Visit, **kwargs):
        self.visit = visit
        self.step = steps.step_get(kwargs["slug"])
        if self.step is None:
            raise Http404
        self.application = visit.application
        self.answers = self.application.answers if self.application else {}
        if self.application is None and self.step != STEPS[0]:
            return redirect(_step_url(STEPS[0]))
        applicable = steps.steps_applicable(self.answers)
        if self.step not in applicable:
            return redirect(_resume_point(self.answers))
        missing = steps.step_first_missing(self.answers, before=self.step)
        if missing is not None:
            return redirect(_step_url(missing))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        stored = self.answers.get(self.step.slug)
        initial = self.step.form_class.data_from_value(stored) if stored else None
        return self.step.form_class(data=data, initial=initial, answers=self.answers)

    def context(self, **extra):
        number, total = steps.step_position(self.step, self.answers)
        previous = steps.step_previous(self.step, self.answers)
        return {
            "step": self.step,
            "step_number": number,
            "step_total": total,
            "previous_url": _step_url(previous) if previous else reverse("applications:start"),
            "back_to_check": _back_to_check(self.request),
            "answers": self.answers,
            "application": self.application,
            **selectors.answers_flags(self.answers),
            **extra,
        }

    def render_step(self, **extra):
        template = select_template(
            [f"requests/steps/{self.step.slug}.html", f"requests/{self.step.kind}.html"]
        )
        return HttpResponse(template.render(self.context(**extra), self.request))

    def get(self, request, slug):
        self.visit.record(VIEWED, ANSWERS)  # every screen shows what was answered on it
        if self.step.kind == "collection":
            return self.render_step(entries=self.entries())
        extra = {"form": self.get_form()}
        if self.step.finishes:
            extra["summary"] = selectors.answers_summary(self.answers)
        return self.render_step(**extra)

    def post(self, request, slug):
        if self.step.kind == "stop":
            return redirect(_step_url(self.step))
        if self.step.kind == "collection":
            return self.post_collection()
        form = self.get_form(data=request.POST)
        if not form.is_valid():
            extra = {"form": form}
            if self.step.finishes:
                extra["summary"] = selectors.answers_summary(self.answers)
            return self.render_step(**extra)
        code = None
        if self.application is None:
            self.application, code = _start_for(self.visit)
        application = services.application_save_step(
            application=self.application, step=self.step, value=form.value()
        )
        self.visit.record(CHANGED, ANSWERS)
        if self.step.finishes:
            if not steps.answers_are_complete(application.answers):
                return redirect(_resume_point(application.answers))
            services.application_mark_ready(application=application)
            return redirect("applications:document")
        next_url = self.next_url(application.answers)
        if code:
            return _code_page(request, application, code, next_url)
        return redirect(next_url)

    def next_url(self, answers):
        if _back_to_check(self.request):
            return _resume_point(answers)
        following = steps.step_next(self.step, answers)
        return _step_url(following) if following else _resume_point(answers)

    def entries(self):
        rows = []
        for index, entry in enumerate(self.answers.get(self.step.slug) or [], start=1):
            kind = self.step.entry_kind_of(entry)
            label = kind.form_class.entry_label(entry) if kind else ""
            rows.append({"number": index, "label": label})
        return rows

    def post_collection(self):
        if not self.answers.get(self.step.slug):
            return self.render_step(
                entries=self.entries(), list_error=_("Add at least one before you continue.")
            )
        if not steps.step_is_answered(self.step, self.answers):
            return self.render_step(
                entries=self.entries(),
                list_error=_("Some entries need another look: open them with “Change”."),
            )
        return redirect(self.next_url(self.answers))


@method_decorator(case_page, name="dispatch")
class EntryView(View):
    """Add or change one entry of a list step (an image, a respondent, a place)."""

    def dispatch(self, request, *args, visit: Visit, **kwargs):
        self.visit = visit
        self.step = steps.step_get(kwargs["slug"])
        if self.step is None or self.step.kind != "collection":
            raise Http404
        self.application = visit.application
        if self.application is None:
            return redirect(_step_url(STEPS[0]))
        self.answers = self.application.answers
        entries = self.answers.get(self.step.slug) or []
        self.index = kwargs.get("number")
        self.entry = None
        if self.index is not None:
            self.index -= 1
            if not 0 <= self.index < len(entries):
                raise Http404
            self.entry = entries[self.index]
            self.kind = self.step.entry_kind_of(self.entry)
        else:
            self.kind = self.step.entry_kind(kwargs.get("kind") or self.step.entry_kinds[0].key)
        if self.kind is None:
            raise Http404
        if self.step not in steps.steps_applicable(self.answers):
            return redirect(_resume_point(self.answers))
        missing = steps.step_first_missing(self.answers, before=self.step)
        if missing is not None:
            return redirect(_step_url(missing))
        if self.entry is None and len(entries) >= self.step.max_entries:
            messages.error(
                request,
                _("You reached the limit of %(max)s. Remove one to add another.")
                % {"max": self.step.max_entries},
            )
            return redirect(self.list_url())
        return super().dispatch(request, *args, **kwargs)

    def list_url(self):
        return _step_url(self.step, back_to_check=_back_to_check(self.request))

    def get_form(self, data=None):
        initial = self.kind.form_class.data_from_value(self.entry) if self.entry else None
        return self.kind.form_class(
            data=data, initial=initial, answers=self.answers, entry_index=self.index
        )

    def render_entry(self, form):
        number, total = steps.step_position(self.step, self.answers)
        template = select_template(
            [f"requests/steps/{self.step.slug}_entry.html", "requests/entry.html"]
        )
        return HttpResponse(
            template.render(
                {
                    "step": self.step,
                    "kind": self.kind,
                    "form": form,
                    "editing": self.entry is not None,
                    "step_number": number,
                    "step_total": total,
                    "previous_url": self.list_url(),
                    "back_to_check": _back_to_check(self.request),
                },
                self.request,
            )
        )

    def get(self, request, *args, **kwargs):
        self.visit.record(VIEWED, ANSWERS)  # the entry, or the names it can be tied to
        return self.render_entry(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form(data=request.POST)
        if not form.is_valid():
            return self.render_entry(form)
        services.application_save_entry(
            application=self.application,
            step=self.step,
            kind=self.kind.key,
            index=self.index,
            entry=form.value(),
        )
        self.visit.record(CHANGED, ANSWERS)
        return redirect(self.list_url())


@require_http_methods(["GET", "POST"])
@case_page
def entry_remove(request, slug, number, *, visit: Visit):
    step = steps.step_get(slug)
    application = visit.application
    if step is None or step.kind != "collection" or application is None:
        raise Http404
    entries = application.answers.get(slug) or []
    if not 1 <= number <= len(entries):
        raise Http404
    list_url = _step_url(step, back_to_check=_back_to_check(request))
    if request.method == "POST":
        services.application_remove_entry(application=application, step=step, index=number - 1)
        visit.record(CHANGED, ANSWERS)
        return redirect(list_url)
    return render(
        request,
        "requests/entry_remove.html",
        {
            "step": step,
            "number": number,
            "list_url": list_url,
            "back_to_check": _back_to_check(request),
        },
    )


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
            return redirect(_resume_point(application.answers))
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
                    _application, code = _start_for(visit)
                application = services.application_import(
                    application=visit.application, answers=answers
                )
            visit.record(IMPORTED, ANSWERS)
            next_url = _resume_point(application.answers)
            if code:
                return _code_page(request, application, code, next_url)
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

