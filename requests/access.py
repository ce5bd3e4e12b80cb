"""Who is asking, checked on every request to a case page, every time.

There are three kinds of visitor, and nothing in between:
- **the person**: no account; their browser session holds the id of their application;
- **a helper**: a signed-in account that passed its second factor (a one-time code), working
  on an application the person shared with them and did not take back;
- **nobody**: any other case, including a helper signed in with a password only, or one whose
  access the person withdrew. Nobody sees any answer.

Helper accounts live in `portal.accounts`, which depends on this app and never the other way
round: at start-up it registers a `HelperGate` (`register_helper_gate`) that knows who is a
helper and what they may see, and writes what they do to the audit trail. Without a gate no
signed-in account sees any case.

Views use the decorators at the bottom: `@person_only` for the pages that are the person's
alone (sharing, resuming with a code), `@case_page` for every page that reads or changes an
application, and `@ready_application_required` for the pages that need finished answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Protocol

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from requests import selectors, steps
from requests.models import Application


class HelperGate(Protocol):
    """What the helper accounts tell this app (implemented in portal/accounts/gate.py)."""

    def helper_state(self, user) -> str:
        """"verified" (second factor passed), "unverified", or "none" (not a helper)."""

    def refuse_unverified(self, request: HttpRequest) -> HttpResponse:
        """Where a helper who has not passed the second factor goes instead."""

    def may_work_on(self, user, application: Application) -> bool:
        """The person shared this application with `user` and did not withdraw it."""

    def started(self, user, application: Application) -> None:
        """`user` started this application for someone: it is shared with them."""

    def carried_over(self, user, source: Application, target: Application) -> None:
        """A reshare started by `user` from `source`: they keep the access they had."""

    def record(self, user, application: Application, action: str, subject: str) -> None:
        """Write one read or change by a helper to the person's audit trail."""

    def recorded_consents(self, application: Application) -> tuple[dict, ...]:
        """The person's consents in force, for the document's Annex B."""


_gate: HelperGate | None = None


def register_helper_gate(gate: HelperGate | None) -> None:
    global _gate
    _gate = gate


def helper_gate() -> HelperGate | None:
    return _gate


# Actions and subjects of the audit trail (the words are in portal/accounts/models.py).
VIEWED, CHANGED, RENDERED, DOWNLOADED, EXPORTED, IMPORTED, DELETED = (
    "viewed", "changed", "rendered", "downloaded", "exported", "imported", "deleted",
)
ANSWERS, DOCUMENT, LETTER, ANSWERS_FILE, TRACKER, APPLICATION, NOTICE = (
    "answers", "document", "letter", "answers_file", "tracker", "application", "notice",
)


@dataclass
class Visit:
    """One request's visitor and the application they may see (None: no application)."""

    request: HttpRequest
    application: Application | None
    helper: object | None = None  # the helper's user; None when the person is asking

    @property
    def by_helper(self) -> bool:
        return self.helper is not None

    def record(self, action: str, subject: str) -> None:
        """What a helper reads or changes goes to the person's audit trail; the person's
        own reads and changes do not (it is their trail)."""
        if self.helper is not None and self.application is not None and _gate is not None:
            _gate.record(self.helper, self.application, action, subject)

    def adopt(self, application: Application) -> None:
        """This browser now works on `application` (started, imported or reshared here)."""
        self.application = application
        self.request.session[selectors.SESSION_KEY] = str(application.pk)


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def case_visit(request: HttpRequest) -> Visit | HttpResponse:
    """The visitor of a case page and the application they may see, or a response that
    sends them elsewhere (a helper who still has to type their one-time code)."""
    application = selectors.application_get_for_session(session=request.session)
    if not _signed_in(request):
        return Visit(request, application)
    state = _gate.helper_state(request.user) if _gate is not None else "none"
    if state == "unverified":
        return _gate.refuse_unverified(request)
    if state != "verified":
        raise Http404
    if application is not None and not _gate.may_work_on(request.user, application):
        # Shared once, and withdrawn since (or never shared): the session forgets it at once.
        request.session.pop(selectors.SESSION_KEY, None)
        application = None
    return Visit(request, application, helper=request.user)


def person_visit(request: HttpRequest) -> Visit | HttpResponse:
    """The person's own pages serve the person only: never a signed-in account, whatever
    the session holds (a helper must not give themselves access back, nor share someone's
    application with anyone)."""
    if _signed_in(request):
        return render(request, "requests/for_the_person_only.html", status=403)
    return Visit(request, selectors.application_get_for_session(session=request.session))


def case_page(view):
    """For a function view: passes `visit` (the visitor may have no application yet)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        visit = case_visit(request)
        if isinstance(visit, HttpResponse):
            return visit
        return view(request, *args, visit=visit, **kwargs)

    return wrapper


def person_only(view):
    """For a function view that only the person may use: passes `visit`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        visit = person_visit(request)
        if isinstance(visit, HttpResponse):
            return visit
        return view(request, *args, visit=visit, **kwargs)

    return wrapper


def ready_application_required(view):
    """A case page that needs complete answers: without an application it goes to the start,
    with unfinished answers to the first question left. Passes `visit`."""

    @wraps(view)
    @case_page
    def wrapper(request, *args, visit: Visit, **kwargs):
        if visit.application is None:
            return redirect("applications:start")
        if not steps.answers_are_complete(visit.application.answers):
            step = steps.step_resume_point(visit.application.answers)
            return redirect(reverse("applications:step", args=[step.slug]))
        return view(request, *args, visit=visit, **kwargs)

    return wrapper
