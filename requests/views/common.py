"""What the views share: the addresses of the steps, the page that shows a new code, and
the frame of the pages after the document."""

from django.shortcuts import render
from django.urls import reverse

from requests import services, steps
from requests.access import (
    Visit,
)
from requests.slugs import Slug

RETURN_TO_CHECK = Slug.CHECK.value


def step_url(step, *, back_to_check=False):
    url = reverse("applications:step", args=[step.slug])
    return f"{url}?next={RETURN_TO_CHECK}" if back_to_check else url


def back_to_check(request) -> bool:
    return (request.GET.get("next") or request.POST.get("next")) == RETURN_TO_CHECK


def resume_point(answers):
    """Where a person picks up: the first unanswered step, or the check page."""
    return step_url(steps.step_resume_point(answers))


def code_page(request, application, code, next_url):
    return render(
        request,
        "requests/code.html",
        {"code": code, "application": application, "next_url": next_url},
    )


def start_for(visit: Visit) -> tuple:
    """A new draft for this visitor: (application, the code to show once, or None for a
    helper, who comes back to it through their dashboard)."""
    application, code = services.application_start(
        session=visit.request.session, helper=visit.helper
    )
    visit.application = application
    return application, (None if visit.by_helper else code)


def after_page(request, template, application, **context):
    return render(request, f"requests/after/{template}", {"application": application, **context})
