"""A CAVAC worker's workspace in a real browser: several cases on one dashboard, at 320 px.

Each case is a card whose every field (label, reference, status, next step, consent, who
shared it and since when, who sees it, deletion date) shows on a 320 px phone, inside the
window, with nothing scrolling sideways; the page passes axe-core in French and English.
The case page of a case with no consent leads with recording it. With SCREENSHOT_DIR set,
the dashboard and the case page are saved at 320 and 1280 px (workspace-*.png).
"""

import os

import pytest
from django.utils import translation
from playwright.sync_api import expect

from portal.accounts import services
from portal.accounts.models import HelperRole, Organisation
from requests.models import Application
from tests.browser.helpers import (
    assert_every_request_succeeded,
    assert_no_axe_violations,
    assert_only_local_requests,
    horizontal_overflow,
    save_screenshot,
)
from tests.browser.test_helpers import DESKTOP, LOCALES, PHONE, helper_with_app, sign_in, t
from tests.factories import ApplicationFactory

# Long enough to wrap on a phone; a made-up word so that it is easy to find.
LONG_LABEL = "Dossier 2026-1142 Zq9Label, suivi avec l'intervenante de Longueuil"


def shot(page, name: str) -> None:
    if os.environ.get("SCREENSHOT_DIR"):
        save_screenshot(page, name)


def several_cases(worker):
    """Three cases as a CAVAC worker has them: shared by the person with the whole team and
    labelled; started by the worker; confirmed, with consent."""
    shared = ApplicationFactory(complete=False)
    code = services.share_code_create(application=shared, share_with_organisation=True)
    services.share_code_redeem(code=code, helper=worker)
    services.case_label_set(application=shared, helper=worker, text=LONG_LABEL)

    started = ApplicationFactory(answers={"who": {"role": "helper", "victim_age": 16}})
    services.access_grant_to_starter(application=started, helper=worker)

    ready = ApplicationFactory(status=Application.Status.READY)
    code = services.share_code_create(application=ready)
    services.share_code_redeem(code=code, helper=worker)
    services.consent_record(
        application=ready, helper=worker, consented_by="Alex Tremblay",
        consent_date=ready.created_at.date(), method="phone", scope=["prepare"],
    )
    services.case_label_set(application=ready, helper=worker, text="Suivi Laval")
    return shared, started, ready


def every_field_shows(page) -> None:
    """Each card's field names and values are visible and inside the window."""
    width = page.viewport_size["width"]
    cards = page.locator(".case-card")
    expect(cards).to_have_count(3)
    for index in range(3):
        card = cards.nth(index)
        fields = card.locator("dt, dd")
        assert fields.count() >= 12, card.inner_text()
        for field_index in range(fields.count()):
            field = fields.nth(field_index)
            expect(field).to_be_visible()
            box = field.bounding_box()
            assert box is not None and box["width"] > 0
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (
                f"{field.inner_text()!r} is cut off at {width} px"
            )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_worker_runs_several_cases_from_a_phone(page_at, live_server, language):
    organisation = services.organisation_create(
        name="CAVAC de la Montérégie", kind=Organisation.Kind.CAVAC
    )
    email = "julie.gagnon@cavac-monteregie.example.org"
    worker = helper_with_app(organisation, email, name="Julie Gagnon", role=HelperRole.CAVAC_WORKER)
    _shared, started, _ready = several_cases(worker)
    page = page_at(PHONE, locale=LOCALES[language])

    sign_in(page, live_server, language, email)

    # The dashboard: three cards, every field in view, nothing sideways, axe clean.
    assert horizontal_overflow(page) <= 0
    every_field_shows(page)
    main = page.locator("main")
    expect(main).to_contain_text("Zq9Label")
    expect(main).to_contain_text(started.reference)
    with translation.override(language):
        expect(main).to_contain_text(t(language, "Not recorded yet: record it first"))
        expect(main).to_contain_text(
            t(language, "Your colleagues at %(organisation)s can see it too.")
            % {"organisation": organisation.name}
        )
        expect(main).to_contain_text(t(language, "Only you can see it, not your colleagues."))
    assert_no_axe_violations(page)
    assert_only_local_requests(page, live_server)
    # The helpers' own header and footer, with the quick exit within reach.
    expect(page.locator(".helper-site-name")).to_have_text(t(language, "Helper space"))
    expect(page.locator("#quick-exit")).to_be_in_viewport()
    expect(page.locator("footer")).not_to_contain_text("1 866 532-2822")
    shot(page, f"workspace-dashboard-{language}-{PHONE}")
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    every_field_shows(page)
    shot(page, f"workspace-dashboard-{language}-{DESKTOP}")
    page.set_viewport_size({"width": PHONE, "height": 800})

    # The shared case, with no consent yet: the page leads with recording it.
    page.get_by_role("link", name="Zq9Label").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zq9Label")
    lead = page.get_by_role("heading", level=2).first
    expect(lead).to_have_text(t(language, "First, record the person's consent"))
    record = page.get_by_role("link", name=t(language, "Record the person's consent"))
    work = page.get_by_role("button", name=t(language, "Work on the application"))
    assert record.bounding_box()["y"] < work.bounding_box()["y"]
    assert horizontal_overflow(page) <= 0
    assert_no_axe_violations(page)
    shot(page, f"workspace-case-{language}-{PHONE}")
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    shot(page, f"workspace-case-{language}-{DESKTOP}")

    # The label changed from the case page; the dashboard shows the new one.
    page.get_by_label(t(language, "Your label for this case")).fill("Suivi Brossard")
    page.get_by_role("button", name=t(language, "Save the label")).click()
    expect(page.get_by_role("status")).to_contain_text(t(language, "The label is saved."))
    expect(page.get_by_role("heading", level=1)).to_have_text("Suivi Brossard")
    page.get_by_role("link", name=t(language, "My applications")).click()
    expect(page.locator("main")).to_contain_text("Suivi Brossard")
    expect(page.locator("main")).not_to_contain_text("Zq9Label")
    assert_every_request_succeeded(page)
