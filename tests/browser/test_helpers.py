"""Helper accounts in a real browser: CAVAC workers invited, signed in with a code, helping.

The journey is the one the issue describes: an organisation's administrator invites a CAVAC
worker by a single-use link; the worker chooses a password, sets up an authenticator app
(the test reads the key shown on the page and computes the code the phone would show),
signs out and back in; the person, without an account, creates a share code; the worker
redeems it, records the person's consent, prepares the document with the real Celery worker
and downloads it (Annex B names who consented and who recorded it); then the person
withdraws the access and the worker can no longer see the application.

Every helper page reached is checked for requests to other hosts, and axe-core runs once
per kind of page and language in a test run. `test_every_helper_page_is_accessible` visits
each helper page in French and English, at 1280 px and at 320 px where a phone matters.
"""

import base64
import io
import os
import re
import subprocess
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext, pgettext
from django_otp.oath import hotp, totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from portal.accounts import services
from portal.accounts.models import HelperRole, Organisation
from requests import vocabulary
from tests.browser.helpers import (
    assert_every_request_succeeded,
    assert_no_axe_violations,
    assert_only_local_requests,
    horizontal_overflow,
    save_screenshot,
)
from tests.factories import ApplicationFactory

PHONE, DESKTOP = 320, 1280
LOCALES = {"fr": "fr-CA", "en": "en-CA"}
PASSWORD = "quiet-harbour-maple-17"
SHARE_CODE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$")
UUID_PATH = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

# (language, kind of page) pairs axe-core already passed in this run.
AXE_CHECKED: set[tuple[str, str]] = set()


def t(language: str, msgid: str, context: str = "") -> str:
    """What a person reads for an English msgid, in the given language."""
    with translation.override(language):
        return pgettext(context, msgid) if context else gettext(msgid)


def label(language: str, lazy_label) -> str:
    with translation.override(language):
        return str(lazy_label)


def page_kind(url: str) -> str:
    """`helpers/files/<id>/consent/`, whatever the application or the token."""
    path = urlsplit(url).path.split("/", 2)[-1]
    path = UUID_PATH.sub("<id>", path)
    return path


def checked(page, live_server, language: str, *, kind: str = "") -> None:
    """The page asks nothing of another host, and passes axe-core (once per kind of page)."""
    assert page.evaluate("document.documentElement.lang") == language
    assert_only_local_requests(page, live_server)
    key = (language, kind or page_kind(page.url))
    if key not in AXE_CHECKED:
        assert_no_axe_violations(page)
        AXE_CHECKED.add(key)


def code_from_key(key_text: str) -> str:
    """The code an authenticator app shows now for the key typed from the enrolment page."""
    secret = key_text.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def next_code(email: str) -> str:
    """The phone's next code: one never used before (django-otp refuses a code used twice)."""
    device = TOTPDevice.objects.get(user__username=email, confirmed=True)
    if device.last_t < 0:  # never used yet: the code of this moment
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    else:
        code = hotp(device.bin_key, device.last_t + 1, digits=device.digits)
    return f"{code:0{device.digits}d}"


def organisation_with_admin_link(live_server) -> str:
    """`create_organisation`, as at a deployment: the link it prints for the administrator."""
    out = io.StringIO()
    call_command(
        "create_organisation",
        name="CAVAC de Laval",
        kind="cavac",
        admin_email="direction@cavac-laval.example.org",
        base_url=live_server.url,
        stdout=out,
    )
    return out.getvalue().strip().splitlines()[-2]


def open_invitation_link(page, live_server, language: str, link: str) -> None:
    """Open the link: its code (after "#") fills the code box and leaves the address bar;
    no request the browser made carries it."""
    code = link.partition("#")[2]
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Create your helper account")
    )
    expect(page.get_by_label(t(language, "Invitation code"))).to_have_value(code)
    assert "#" not in page.url
    assert not [url for url in page.requested_urls if code in url]
    checked(page, live_server, language)
    page.get_by_role("button", name=t(language, "Continue")).click()


def accept_invitation(page, live_server, language: str, link: str, *, name: str, email: str = ""):
    """Open the link, choose a password, set up the app: returns on the dashboard."""
    open_invitation_link(page, live_server, language, link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Create your helper account")
    )
    checked(page, live_server, language)
    page.get_by_label(t(language, "Your name")).fill(name)
    if email:
        page.get_by_label(t(language, "Email address")).fill(email)
    page.get_by_label(t(language, "Choose a password")).fill(PASSWORD)
    page.get_by_label(t(language, "Type the password again")).fill(PASSWORD)
    page.get_by_role("button", name=t(language, "Create my account")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Set up two-step sign-in")
    )
    checked(page, live_server, language)
    key_text = page.locator("code.totp-key").inner_text()
    page.get_by_label(t(language, "6-digit code from your authenticator app")).fill(
        code_from_key(key_text)
    )
    page.get_by_role("button", name=t(language, "Confirm")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Applications you help with")
    )
    expect(page.get_by_role("status")).to_contain_text(t(language, "Two-step sign-in is set up."))


def sign_out(page, language: str) -> None:
    page.get_by_role("button", name=t(language, "Sign out")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Sign in to the helper space")
    )


def sign_in(page, live_server, language: str, email: str) -> None:
    """Password, then the code from the app: returns on the dashboard."""
    page.goto(f"/{language}/helpers/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Sign in to the helper space")
    )
    checked(page, live_server, language)
    page.get_by_label(t(language, "Email address")).fill(email)
    page.get_by_label(t(language, "Password")).fill(PASSWORD)
    page.get_by_role("button", name=t(language, "Continue"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(language, "Enter your code"))
    checked(page, live_server, language)
    page.get_by_label(t(language, "6-digit code from your authenticator app")).fill(
        next_code(email)
    )
    page.get_by_role("button", name=t(language, "Sign in"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Applications you help with")
    )


def person_opens_draft(page, application) -> None:
    """The person comes back to their draft with its code, on their own device."""
    page.goto("/fr/form/resume/")
    page.get_by_label("Code").fill(application.resume_code)
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(re.compile(r"/form/[a-z-]+/$"))


def person_creates_share_code(page, live_server, language: str = "fr") -> str:
    page.get_by_role("button", name=t(language, "Create a share code")).click()
    code = page.get_by_role("status").locator("strong").inner_text().strip()
    assert SHARE_CODE.match(code), code
    checked(page, live_server, language, kind="helpers/sharing/ (code)")
    return code


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.services
def test_a_cavac_worker_is_invited_helps_with_consent_and_loses_access_when_the_person_withdraws(
    page_at, live_server, celery_worker, tmp_path
):
    language = "fr"
    # The administrator of a new CAVAC, from the link printed at deployment.
    admin = page_at(DESKTOP, locale=LOCALES[language])
    accept_invitation(
        admin, live_server, language, organisation_with_admin_link(live_server),
        name="Nathalie Bergeron",
    )
    admin.get_by_role("link", name=t(language, "Organisation"), exact=True).click()
    checked(admin, live_server, language)
    admin.get_by_label(t(language, "Name of the person you invite")).fill("Samira Benali")
    admin.get_by_role("radio", name=label(language, HelperRole.CAVAC_WORKER.label)).check()
    admin.get_by_role("button", name=t(language, "Create the invitation link")).click()
    invitation_link = admin.locator(".alert-success p.font-monospace").inner_text().strip()
    assert invitation_link.startswith(f"{live_server.url}/{language}/helpers/invitation/")
    checked(admin, live_server, language, kind="helpers/organisation/ (link)")

    # The CAVAC worker opens the link, chooses a password, sets up the app, signs out and in.
    worker = page_at(DESKTOP, locale=LOCALES[language])
    accept_invitation(
        worker, live_server, language, invitation_link,
        name="Samira Benali", email="samira.benali@cavac-laval.example.org",
    )
    checked(worker, live_server, language)
    sign_out(worker, language)
    sign_in(worker, live_server, language, "samira.benali@cavac-laval.example.org")

    # The person, on their own device and without an account, shares their draft.
    application = ApplicationFactory()  # complete answers, not yet confirmed
    person = page_at(PHONE, locale=LOCALES[language])
    person_opens_draft(person, application)
    person.get_by_role(
        "link", name=t(language, "Get help from a CAVAC worker or someone you trust")
    ).click()
    expect(person.get_by_role("heading", level=1)).to_have_text(
        t(language, "Share your application with a helper")
    )
    checked(person, live_server, language)
    share_code = person_creates_share_code(person, live_server, language)

    # The worker types the code the person read to them.
    worker.get_by_label(t(language, "Share code")).fill(share_code.lower())
    worker.get_by_role("button", name=t(language, "Open the application")).click()
    expect(worker.get_by_role("status")).to_contain_text(
        t(language, "The application is now shared with you.")
    )
    application_url = worker.url
    checked(worker, live_server, language)

    # The person's consent, given by phone, recorded by the worker.
    consent_day = timezone.localdate() - timedelta(days=1)
    worker.get_by_role("link", name=t(language, "Record the person's consent")).click()
    checked(worker, live_server, language)
    worker.get_by_label(t(language, "Who gave their consent?")).fill("Alex Tremblay")
    worker.get_by_label(t(language, "When?")).fill(consent_day.isoformat())
    worker.get_by_role("group", name=t(language, "How was it given?")).get_by_role(
        "radio", name=label(language, vocabulary.CONSENT_METHODS["phone"].label)
    ).check()
    for term in vocabulary.CONSENT_SCOPES.values():
        worker.get_by_role("checkbox", name=label(language, term.label)).check()
    worker.get_by_role("button", name=t(language, "Record the consent")).click()
    expect(worker.get_by_role("status")).to_contain_text(t(language, "The consent is recorded."))
    expect(worker.locator("main")).to_contain_text("Alex Tremblay")
    checked(worker, live_server, language, kind="helpers/files/<id>/consent/ (recorded)")

    # The worker works on it in the walkthrough: check page, document page, download.
    worker.get_by_role("link", name=t(language, "Back to the application")).click()
    worker.get_by_role("button", name=t(language, "Work on the application")).click()
    worker.wait_for_url("**/start/")
    worker.goto(f"/{language}/form/check/")
    expect(worker.locator("main")).to_contain_text("Alex Tremblay")
    worker.get_by_role("radio", name=re.compile("^Français$")).check()
    worker.get_by_role("button", name=t(language, "My answers are correct")).click()
    worker.wait_for_url("**/form/document/")
    worker.get_by_role("button", name=t(language, "Prepare my document")).click()
    download_link = worker.get_by_role("link", name=t(language, "Download the application (to file)"))
    download_link.wait_for(timeout=60_000)  # the page reloads itself once the worker is done
    with worker.expect_download() as download_info:
        download_link.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)

    text = pdf_text(saved)
    annex_b = text[text.rindex("Annexe B") :]
    assert "Alex Tremblay" in annex_b
    assert "Consigné par" in annex_b  # the French court document, in French
    assert "Samira Benali" in annex_b
    with translation.override(language):
        assert dateformat.format(consent_day, "j F Y") in annex_b

    # The person sees who has access and what they did, then withdraws the access.
    person.reload()
    access_list = person.get_by_role("listitem").filter(has_text="Samira Benali")
    expect(access_list).to_contain_text("CAVAC de Laval")
    expect(person.get_by_role("table")).to_contain_text("Samira Benali")
    checked(person, live_server, language, kind="helpers/sharing/ (shared)")
    access_list.get_by_role("button", name=t(language, "Withdraw access")).click()
    expect(person.get_by_role("status")).to_contain_text(
        t(language, "Access is withdrawn. This person can no longer see your application.")
    )
    expect(person.locator("main")).to_contain_text(t(language, "Nobody but you."))

    # The worker can no longer open it, from anywhere.
    worker.goto(f"/{language}/helpers/")
    expect(worker.locator("main")).to_contain_text(
        t(language, "No application is shared with you yet.")
    )
    assert worker.goto(application_url).status == 404
    worker.goto(f"/{language}/form/check/")
    expect(worker.locator("main")).not_to_contain_text("Alex Tremblay")
    expect(worker.locator("main")).not_to_contain_text("Sam Gagnon")


def test_an_invited_helper_signs_up_and_signs_in_again_in_english(page_at, live_server):
    language = "en"
    organisation = services.organisation_create(name="CAVAC de Laval", kind=Organisation.Kind.CAVAC)
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.CAVAC_WORKER, name="Samira Benali"
    )
    page = page_at(DESKTOP, locale=LOCALES[language])

    accept_invitation(
        page, live_server, language, f"/{language}/helpers/invitation/#{token}",
        name="Samira Benali", email="samira.benali@cavac-laval.example.org",
    )
    checked(page, live_server, language)
    sign_out(page, language)
    sign_in(page, live_server, language, "samira.benali@cavac-laval.example.org")

    expect(page.get_by_role("navigation", name="Helper space")).to_contain_text("My applications")
    assert_every_request_succeeded(page)


def helper_with_app(
    organisation, email: str, *, name: str, role=HelperRole.CAVAC_WORKER, is_org_admin=False
):
    """A helper whose authenticator is set up, as after the invitation."""
    _invitation, token = services.invitation_create(
        organisation=organisation, role=role, is_org_admin=is_org_admin
    )
    user = services.invitation_accept(
        token=token, email=email, display_name=name, password=PASSWORD
    )
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


@pytest.mark.parametrize("language", ["fr", "en"])
def test_five_wrong_passwords_pause_signing_in_even_with_the_right_one(
    page_at, live_server, language
):
    organisation = services.organisation_create(
        name="CAVAC de Laval", kind=Organisation.Kind.CAVAC
    )
    email = "samira.benali@cavac-laval.example.org"
    helper_with_app(organisation, email, name="Samira Benali")
    page = page_at(DESKTOP, locale=LOCALES[language])
    page.goto(f"/{language}/helpers/sign-in/")

    for attempt in range(5):
        page.get_by_label(t(language, "Email address")).fill(email)
        page.get_by_label(t(language, "Password")).fill(f"not-the-password-{attempt}")
        with page.expect_navigation() as answer:
            page.get_by_role("button", name=t(language, "Continue"), exact=True).click()
        if attempt < 4:
            expect(page.locator("#error-summary")).to_contain_text(
                t(language, "The email address or the password is not right.")
            )
    assert answer.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(t(language, "Signing in is paused"))
    if language == "fr":
        expect(page.get_by_role("heading", level=1)).to_have_text("La connexion est suspendue")
    checked(page, live_server, language)

    page.goto(f"/{language}/helpers/sign-in/")
    page.get_by_label(t(language, "Email address")).fill(email)
    page.get_by_label(t(language, "Password")).fill(PASSWORD)
    with page.expect_navigation() as answer:
        page.get_by_role("button", name=t(language, "Continue"), exact=True).click()

    assert answer.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(t(language, "Signing in is paused"))


def no_overflow_at_320(page, name: str) -> None:
    """Nothing scrolls sideways on a 320 px phone.

    With SCREENSHOT_DIR set, pictures at both widths for a human to look at (a full-page
    picture costs about half a second, so they are taken only when asked for).
    """
    screenshots = bool(os.environ.get("SCREENSHOT_DIR"))
    if screenshots:
        save_screenshot(page, f"helpers-{name}-{DESKTOP}")
    page.set_viewport_size({"width": PHONE, "height": 800})
    try:
        assert horizontal_overflow(page) <= 0, f"{page.url} scrolls sideways at {PHONE} px"
        if screenshots:
            save_screenshot(page, f"helpers-{name}-{PHONE}")
    finally:
        page.set_viewport_size({"width": DESKTOP, "height": 800})


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_helper_page_is_accessible_and_fits_a_phone(page_at, live_server, language):
    # A teacher who runs the helper accounts of a school, helping a 16-year-old: the Youth
    # Protection notice is shown on the application pages.
    organisation = services.organisation_create(
        name="École secondaire Saint-Laurent", kind=Organisation.Kind.SCHOOL
    )
    email = "nathalie.bergeron@example.org"
    admin = helper_with_app(
        organisation, email, name="Nathalie Bergeron", role=HelperRole.TEACHER, is_org_admin=True
    )
    application = ApplicationFactory(role="self", victim_age=16, complete=False)
    share_code = services.share_code_create(application=application)
    services.share_code_redeem(code=share_code, helper=admin)
    page = page_at(DESKTOP, locale=LOCALES[language])

    # Sign-in, code page, dashboard.
    page.goto(f"/{language}/helpers/sign-in/")
    checked(page, live_server, language)
    no_overflow_at_320(page, f"sign-in-{language}")
    # Sent empty: the error summary links to the field.
    page.get_by_role("button", name=t(language, "Continue"), exact=True).click()
    expect(page.locator("#error-summary a").first).to_have_attribute("href", "#id_email")
    checked(page, live_server, language, kind="helpers/sign-in/ (errors)")
    sign_in(page, live_server, language, email)
    checked(page, live_server, language)
    expect(page.locator(".case-list")).to_contain_text(application.reference)
    no_overflow_at_320(page, f"dashboard-{language}")

    # Share code page, with a wrong code: the error is linked to the field.
    page.goto(f"/{language}/helpers/code/")
    checked(page, live_server, language)
    page.get_by_label(t(language, "Share code")).fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name=t(language, "Open the application")).click()
    expect(page.locator("#error-summary a")).to_have_attribute("href", "#id_code")
    checked(page, live_server, language, kind="helpers/code/ (errors)")

    # The application and its consent page.
    page.goto(f"/{language}/helpers/")
    page.get_by_role("link", name=application.reference).click()
    expect(page.locator("#youth-notice-title")).to_be_visible()
    checked(page, live_server, language)
    page.get_by_role("link", name=t(language, "Record the person's consent")).click()
    checked(page, live_server, language)
    page.get_by_role("button", name=t(language, "Record the consent")).click()  # empty
    expect(page.locator("#error-summary")).to_be_visible()
    checked(page, live_server, language, kind="helpers/files/<id>/consent/ (errors)")

    # The organisation's pages: invite someone, then the activity.
    page.get_by_role("link", name=t(language, "Organisation"), exact=True).click()
    checked(page, live_server, language)
    page.get_by_label(t(language, "Name of the person you invite")).fill("Léa Roy")
    roles = page.get_by_role("group", name=t(language, "Their role"))  # fieldset and legend
    roles.get_by_role("radio", name=label(language, HelperRole.TEACHER.label)).check()
    page.get_by_role("button", name=t(language, "Create the invitation link")).click()
    link = page.locator(".alert-success p.font-monospace").inner_text().strip()
    checked(page, live_server, language, kind="helpers/organisation/ (link)")
    no_overflow_at_320(page, f"organisation-{language}")
    page.get_by_role("link", name=t(language, "Activity"), exact=True).click()
    expect(page.get_by_role("table")).to_contain_text(application.reference)
    checked(page, live_server, language)

    # The invited teacher: invitation page, then the enrolment page with its QR code.
    newcomer = page_at(DESKTOP, locale=LOCALES[language])
    open_invitation_link(newcomer, live_server, language, link)
    checked(newcomer, live_server, language)
    newcomer.get_by_label(t(language, "Your name")).fill("Léa Roy")
    newcomer.get_by_label(t(language, "Email address")).fill("lea.roy@example.org")
    newcomer.get_by_label(t(language, "Choose a password")).fill(PASSWORD)
    newcomer.get_by_label(t(language, "Type the password again")).fill(PASSWORD)
    newcomer.get_by_role("button", name=t(language, "Create my account")).click()
    qr_name = t(language, "QR code to add this site to your authenticator app")
    expect(newcomer.get_by_role("img", name=qr_name)).to_be_visible()
    checked(newcomer, live_server, language)
    no_overflow_at_320(newcomer, f"enrol-{language}")
    newcomer.goto(link)  # used: the code no longer works
    newcomer.get_by_role("button", name=t(language, "Continue")).click()
    expect(newcomer.locator("#error-summary")).to_contain_text(
        t(
            language,
            "This code does not work. An invitation works once, for 7 days: ask the "
            "person who invited you for a new one.",
        )
    )
    checked(newcomer, live_server, language, kind="helpers/invitation/ (used)")

    # The person's sharing page, with a code and the list of who has access.
    person = page_at(DESKTOP, locale=LOCALES[language])
    person.goto(f"/{language}/helpers/sharing/")
    checked(person, live_server, language, kind="helpers/sharing/ (no application)")
    person_opens_draft(person, application)
    person.goto(f"/{language}/helpers/sharing/")
    person_creates_share_code(person, live_server, language)
    expect(person.locator("main")).to_contain_text("Nathalie Bergeron")
    checked(person, live_server, language, kind="helpers/sharing/ (shared)")
    no_overflow_at_320(person, f"sharing-{language}")
    assert_every_request_succeeded(person)
