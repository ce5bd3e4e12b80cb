"""HTTP in and out for the application; the work is in services and selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_http_methods

from portal.accounts.access import helper_can_access
from portal.accounts.audit import audit_log
from portal.accounts.services import helper_start_application
from requests import answers_io, selectors, services
from requests.documents.render import document_filename
from requests.forms.session import DeleteForm, ImportForm, ResumeForm
from requests.steps import STEPS

RETURN_TO_CHECK = "check"


def _step_url(step, *, back_to_check=False):
    url = reverse("applications:step", args=[step.slug])
    return f"{url}?next={RETURN_TO_CHECK}" if back_to_check else url


def _back_to_check(request) -> bool:
    return (request.GET.get("next") or request.POST.get("next")) == RETURN_TO_CHECK


def _session_application(request):
    """The application this browser works on. A signed-in helper keeps it only while the
    person's sharing (and consent) lasts: withdrawing access closes it at once."""
    application = selectors.application_get_for_session(session=request.session)
    if application is None or not request.user.is_authenticated:
        return application
    if helper_can_access(request.user, application):
        return application
    request.session.pop(selectors.SESSION_KEY, None)
    return None


def _audit(request, application, action: str) -> None:
    """What a helper does with someone's application goes to the person's audit trail."""
    if request.user.is_authenticated:
        audit_log(actor=request.user, application=application, action=action)


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def start(request):
    application = _session_application(request)
    return render(request, "requests/start.html", {"application": application})


def _resume_point(answers):
    """Where a person picks up: the first unanswered step, or the check page."""
    step = selectors.step_first_missing(answers) or selectors.steps_applicable(answers)[-1]
    return _step_url(step)


def _code_page(request, application, code, next_url):
    return render(
        request,
        "requests/code.html",
        {"code": code, "application": application, "next_url": next_url},
    )


class StepView(View):
    """Walks every screen of STEPS: one view, no per-step branches."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = selectors.step_get(kwargs["slug"])
        if self.step is None:
            raise Http404
        self.application = _session_application(request)
        self.answers = self.application.answers if self.application else {}

    def dispatch(self, request, *args, **kwargs):
        if self.application is None and self.step != STEPS[0]:
            return redirect(_step_url(STEPS[0]))
        applicable = selectors.steps_applicable(self.answers)
        if self.step not in applicable:
            return redirect(_resume_point(self.answers))
        missing = selectors.step_first_missing(self.answers, before=self.step)
        if missing is not None:
            return redirect(_step_url(missing))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        stored = self.answers.get(self.step.slug)
        initial = self.step.form_class.data_from_value(stored) if stored else None
        return self.step.form_class(data=data, initial=initial, answers=self.answers)

    def context(self, **extra):
        number, total = selectors.step_position(self.step, self.answers)
        previous = selectors.step_previous(self.step, self.answers)
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
        if self.step.kind == "collection":
            return self.render_step(entries=self.entries())
        extra = {"form": self.get_form()}
        if self.step.finishes:
            extra["summary"] = selectors.answers_summary(self.answers)
            if self.application is not None:
                _audit(request, self.application, "viewed")  # the summary shows everything
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
        if self.application is None and request.user.is_authenticated:
            # A signed-in helper starts it for someone: shared with them, no code to show.
            self.application = helper_start_application(helper=request.user)
            request.session[selectors.SESSION_KEY] = str(self.application.pk)
        elif self.application is None:
            self.application, code = services.application_start(session=request.session)
        application = services.application_save_step(
            application=self.application, step=self.step, value=form.value()
        )
        _audit(request, application, "changed")
        if self.step.finishes:
            if not selectors.answers_are_complete(application.answers):
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
        following = selectors.step_next(self.step, answers)
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
        if not self.step.complete(self.answers):
            return self.render_step(
                entries=self.entries(),
                list_error=_("Some entries need another look: open them with “Change”."),
            )
        return redirect(self.next_url(self.answers))


class EntryView(View):
    """Add or change one entry of a list step (an image, a respondent, a place)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = selectors.step_get(kwargs["slug"])
        if self.step is None or self.step.kind != "collection":
            raise Http404
        self.application = _session_application(request)
        self.answers = self.application.answers if self.application else {}
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

    def dispatch(self, request, *args, **kwargs):
        if self.application is None:
            return redirect(_step_url(STEPS[0]))
        if self.step not in selectors.steps_applicable(self.answers):
            return redirect(_resume_point(self.answers))
        missing = selectors.step_first_missing(self.answers, before=self.step)
        if missing is not None:
            return redirect(_step_url(missing))
        entries = self.answers.get(self.step.slug) or []
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
        number, total = selectors.step_position(self.step, self.answers)
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
        _audit(request, self.application, "changed")
        return redirect(self.list_url())


@require_http_methods(["GET", "POST"])
def entry_remove(request, slug, number):
    step = selectors.step_get(slug)
    application = _session_application(request)
    if step is None or step.kind != "collection" or application is None:
        raise Http404
    entries = application.answers.get(slug) or []
    if not 1 <= number <= len(entries):
        raise Http404
    list_url = _step_url(step, back_to_check=_back_to_check(request))
    if request.method == "POST":
        services.application_remove_entry(application=application, step=step, index=number - 1)
        _audit(request, application, "changed")
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


def _ready_application(request):
    """The session's application if its answers are complete; else where to go instead."""
    application = _session_application(request)
    if application is None:
        return None, redirect("applications:start")
    if not selectors.answers_are_complete(application.answers):
        return None, redirect(_resume_point(application.answers))
    return application, None


@require_http_methods(["GET", "POST"])
def document(request):
    """The answers are complete: ask for the document (a worker renders it)."""
    application, elsewhere = _ready_application(request)
    if elsewhere:
        return elsewhere
    if request.method == "POST":
        services.document_request(application=application)
        _audit(request, application, "rendered")
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
def document_status(request):
    """'Preparing your document': refreshes itself without JavaScript, polled with it."""
    application, elsewhere = _ready_application(request)
    if elsewhere:
        return elsewhere
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
def document_download(request):
    """The PDF as an attachment with a discreet name; never cached (middleware: no-store)."""
    application, elsewhere = _ready_application(request)
    if elsewhere:
        return elsewhere
    document = selectors.document_current(application=application)
    if document is None or document.status != document.Status.READY:
        return redirect("applications:document-status")
    _audit(request, application, "downloaded")
    response = HttpResponse(document.pdf, content_type="application/pdf")
    filename = document_filename(document.language, timezone.localdate(document.rendered_at))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def resume(request):
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_resume(
                code=form.cleaned_data["code"],
                client_ip=_client_ip(request),
                session=request.session,
            )
        except services.ResumeLocked:
            form.add_error(
                "code",
                _("Too many tries. For your safety, wait 15 minutes before you try again."),
            )
        else:
            if application is not None:
                return redirect(_resume_point(application.answers))
            form.add_error(
                "code", _("This code does not open a saved draft. Check it and try again.")
            )
    return render(request, "requests/resume.html", {"form": form})


@require_GET
def answers_download(request):
    application = _session_application(request)
    if application is None:
        return redirect("applications:start")
    response = HttpResponse(
        answers_io.answers_export_json(application.answers),
        content_type="application/json; charset=utf-8",
    )
    filename = f"answers-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, max-age=0"
    return response


@require_http_methods(["GET", "POST"])
def answers_import(request):
    application = _session_application(request)
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
            if application is None:
                application, code = services.application_start(session=request.session)
            application = services.application_import(application=application, answers=answers)
            next_url = _resume_point(application.answers)
            if code:
                return _code_page(request, application, code, next_url)
            return redirect(next_url)
    return render(
        request,
        "requests/import.html",
        {"form": form, "import_errors": errors, "application": application},
    )


@require_http_methods(["GET", "POST"])
def delete(request):
    application = _session_application(request)
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if application is not None:
            services.application_delete(application=application, session=request.session)
        else:
            request.session.flush()
        return render(request, "requests/deleted.html")
    return render(request, "requests/delete.html", {"form": form, "application": application})


@require_GET
def keep_alive(request):
    """“I'm still here”: this request restarts the idle limit at once (the session is written
    now, not at most once a minute as for other requests: portal.middleware).

    204 while a draft is open; 410 once the session has expired, so the page leaves.
    """
    if _session_application(request) is None:
        return HttpResponse(status=410)
    request.session.modified = True
    return HttpResponse(status=204)
