"""The walkthrough: the start page, one view for every step (branching only on its kind),
the entries of list steps and their removal."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods

from requests import selectors, services, steps
from requests.access import (
    ANSWERS,
    CHANGED,
    VIEWED,
    Visit,
    case_page,
)
from requests.steps import STEPS
from requests.views.common import (
    back_to_check,
    code_page,
    resume_point,
    start_for,
    step_url,
)


@case_page
def start(request, *, visit: Visit):
    return render(request, "requests/start.html", {"application": visit.application})


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
            return redirect(step_url(STEPS[0]))
        applicable = steps.steps_applicable(self.answers)
        if self.step not in applicable:
            return redirect(resume_point(self.answers))
        missing = steps.step_first_missing(self.answers, before=self.step)
        if missing is not None:
            return redirect(step_url(missing))
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
            "previous_url": step_url(previous) if previous else reverse("applications:start"),
            "back_to_check": back_to_check(self.request),
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
            return self.render_step(
                entries=self.entries(),
                may_be_left_empty=steps.step_may_be_left_empty(self.step, self.answers),
            )
        extra = {"form": self.get_form()}
        if self.step.finishes:
            extra["summary"] = selectors.answers_summary(self.answers)
        return self.render_step(**extra)

    def post(self, request, slug):
        if self.step.kind == "stop":
            return redirect(step_url(self.step))
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
            self.application, code = start_for(self.visit)
        application = services.application_save_step(
            application=self.application, step=self.step, value=form.value()
        )
        self.visit.record(CHANGED, ANSWERS)
        if self.step.finishes:
            if not steps.answers_are_complete(application.answers):
                return redirect(resume_point(application.answers))
            services.application_mark_ready(application=application)
            return redirect("applications:document")
        next_url = self.next_url(application.answers)
        if code:
            return code_page(request, application, code, next_url)
        return redirect(next_url)

    def next_url(self, answers):
        if back_to_check(self.request):
            return resume_point(answers)
        following = steps.step_next(self.step, answers)
        return step_url(following) if following else resume_point(answers)

    def entries(self):
        rows = []
        for index, entry in enumerate(self.answers.get(self.step.slug) or [], start=1):
            kind = self.step.entry_kind_of(entry)
            label = kind.form_class.entry_label(entry) if kind else ""
            rows.append({"number": index, "label": label})
        return rows

    def post_collection(self):
        if not self.answers.get(self.step.slug):
            if steps.step_may_be_left_empty(self.step, self.answers):
                # An empty list is an answer here (a threat: no place yet).
                services.application_save_step(
                    application=self.application, step=self.step, value=[]
                )
                self.visit.record(CHANGED, ANSWERS)
                return redirect(self.next_url(self.application.answers))
            return self.render_step(
                entries=self.entries(),
                list_error=self.step.empty_message or _("Add at least one before you continue."),
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
            return redirect(step_url(STEPS[0]))
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
            return redirect(resume_point(self.answers))
        missing = steps.step_first_missing(self.answers, before=self.step)
        if missing is not None:
            return redirect(step_url(missing))
        if self.entry is None and len(entries) >= self.step.max_entries:
            messages.error(
                request,
                _("You reached the limit of %(max)s. Remove one to add another.")
                % {"max": self.step.max_entries},
            )
            return redirect(self.list_url())
        return super().dispatch(request, *args, **kwargs)

    def list_url(self):
        return step_url(self.step, back_to_check=back_to_check(self.request))

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
                    "back_to_check": back_to_check(self.request),
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
        if getattr(form, "saved_message", ""):  # e.g. the same place added twice, merged
            messages.info(request, form.saved_message)
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
    list_url = step_url(step, back_to_check=back_to_check(request))
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
            "back_to_check": back_to_check(request),
        },
    )
