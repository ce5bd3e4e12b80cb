"""A form the anti-forgery check refused, given back with what the person typed in it.

Used only by the CSRF failure page (portal/errors.py), for forms that hold nothing secret:
the walkthrough's questions and the pasted answers. Nothing here is saved: the person sends
the form again, with a fresh token.
"""

from django import forms

from requests import selectors, steps
from requests.forms.session import ImportForm
from requests.views.session import answers_import
from requests.views.walkthrough import EntryView, StepView


def _typed(form_class, data, **kwargs) -> forms.Form:
    """An unbound form showing `data` (a POST) as its initial values, field by field."""
    form = form_class(**kwargs)
    initial = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.MultipleChoiceField):
            initial[name] = data.getlist(key)
        elif isinstance(field, forms.BooleanField):
            initial[name] = bool(data.get(key))
        elif key in data:
            initial[name] = data.get(key)
    form.initial = initial
    return form


def _entry_form_class(step, kwargs: dict, answers: dict):
    """The form of the entry being added (its kind is in the address) or changed (its kind
    is the stored entry's)."""
    if kwargs.get("number") is not None:
        entries = answers.get(step.slug) or []
        if not 1 <= kwargs["number"] <= len(entries):
            return None
        kind = step.entry_kind_of(entries[kwargs["number"] - 1])
    else:
        kind = step.entry_kind(kwargs.get("kind") or step.entry_kinds[0].key)
    return kind.form_class if kind else None


def form_for_refused_post(request, match) -> dict | None:
    """{"form", "draft_open"} for a refused step, entry or import form; None for any other
    (a password, a code: never shown back)."""
    application = selectors.application_get_for_session(session=request.session)
    answers = application.answers if application else {}
    view_class = getattr(match.func, "view_class", None)
    form = None
    if view_class in (StepView, EntryView):
        step = steps.step_get(match.kwargs.get("slug", ""))
        if step is not None:
            form_class = step.form_class
            if view_class is EntryView:
                form_class = _entry_form_class(step, match.kwargs, answers)
            if form_class is not None and step.kind != "stop":
                form = _typed(form_class, request.POST, answers=answers)
    elif match.func is answers_import:
        form = _typed(ImportForm, request.POST)
    if form is None:
        return None
    return {"form": form, "draft_open": application is not None}
