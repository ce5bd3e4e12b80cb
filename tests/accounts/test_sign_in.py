"""Invitation, two-step sign-in, lockout and idle sign-out, walked through the pages."""

import re
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import services
from portal.accounts.middleware import LAST_SEEN_KEY
from portal.accounts.models import HelperRole, Invitation, Organisation
from tests.accounts.conftest import PASSWORD, current_code, sign_in_fully

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet-harbour-maple-77"


def _enter_code(client, token):
    return client.post(reverse("accounts:invitation"), {"code": token})


def _accept(client, token, email="camille@example.org"):
    _enter_code(client, token)
    return client.post(
        reverse("accounts:invitation-account"),
        {
            "display_name": "Camille Roy",
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def _sign_in(client, email, password):
    return client.post(reverse("accounts:sign-in"), {"email": email, "password": password})


def test_an_invited_helper_chooses_a_password_then_enrols_an_authenticator(client, organisation):
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER
    )

    response = _accept(client, token)
    assert response["Location"] == reverse("accounts:enrol")

    page = client.get(reverse("accounts:enrol"))
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user__username="camille@example.org")
    secret = re.search(r"<code[^>]*>([A-Z2-7 ]+)</code>", html).group(1)
    import base64

    assert (
        base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
        == device.bin_key
    )

    response = client.post(reverse("accounts:enrol"), {"code": current_code(device)})

    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_code_does_not_confirm_the_authenticator(client, organisation):
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER
    )
    _accept(client, token)
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get()
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("accounts:enrol"), {"code": wrong})

    assert response.status_code == 200
    assert 'href="#id_code"' in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("accounts:dashboard"))["Location"] == reverse("accounts:enrol")


def test_an_invitation_link_works_only_once(client, organisation):
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER
    )
    _accept(client, token)
    client.logout()

    response = _accept(client, token, email="someone.else@example.org")

    assert response.status_code == 404
    assert not TOTPDevice.objects.filter(user__username="someone.else@example.org").exists()


def test_an_expired_invitation_link_does_not_work(client, organisation):
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER
    )
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    with translation.override("en"):  # the English page, at /en/
        response = _enter_code(client, token)

    assert "This code does not work" in response.content.decode()
    assert 'name="password1"' not in response.content.decode()
    assert client.get(reverse("accounts:invitation-account")).status_code == 404


def test_a_weak_or_mismatched_password_is_refused_with_a_linked_error(client, organisation):
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER
    )

    _enter_code(client, token)
    response = client.post(
        reverse("accounts:invitation-account"),
        {
            "display_name": "Camille",
            "email": "c@example.org",
            "password1": "short",
            "password2": "short",
        },
    )

    assert response.status_code == 200
    assert 'href="#id_password1"' in response.content.decode()
    assert not Invitation.objects.get().used_at


def test_signing_in_takes_a_password_then_a_code_from_the_authenticator(client, helper):
    response = _sign_in(client, helper.username, PASSWORD)
    assert response["Location"] == reverse("accounts:sign-in-code")
    assert client.get(reverse("accounts:dashboard"))["Location"].startswith(
        reverse("accounts:sign-in-code")
    )

    response = client.post(reverse("accounts:sign-in-code"), {"code": current_code(helper.device)})

    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_a_wrong_one_time_code_does_not_sign_in(client, helper):
    _sign_in(client, helper.username, PASSWORD)
    wrong = f"{(int(current_code(helper.device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("accounts:sign-in-code"), {"code": wrong})

    assert response.status_code == 200
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_a_wrong_password_shows_an_error_and_does_not_sign_in(client, helper):
    response = _sign_in(client, helper.username, "not-the-password")

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert client.get(reverse("accounts:sign-in-code")).status_code == 302


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(client, helper):
    for _ in range(4):
        assert _sign_in(client, helper.username, "wrong-password").status_code == 200

    fifth = _sign_in(client, helper.username, "wrong-password")
    after = _sign_in(client, helper.username, PASSWORD)

    assert fifth.status_code == 429
    assert after.status_code == 429
    assert "30" in after.content.decode()
    assert client.get(reverse("accounts:sign-in-code")).status_code == 302


def test_four_wrong_passwords_still_let_the_right_one_in(client, helper):
    for _ in range(4):
        _sign_in(client, helper.username, "wrong-password")

    response = _sign_in(client, helper.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign-in-code")


def test_a_helper_is_signed_out_after_15_idle_minutes(client, helper):
    sign_in_fully(client, helper)
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 15 * 60 - 5
    session.save()

    response = client.get("/en/helpers/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/helpers/sign-in/")
    assert "You were signed out" in client.get(response["Location"]).content.decode()
    assert client.get("/en/helpers/").status_code == 302


def test_a_helper_active_within_15_minutes_stays_signed_in(client, helper):
    sign_in_fully(client, helper)
    client.get(reverse("accounts:dashboard"))
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 14 * 60
    session.save()

    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_signing_out_ends_the_helper_session(client, helper):
    sign_in_fully(client, helper)

    client.post(reverse("accounts:sign-out"))

    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_create_organisation_prints_a_working_link_for_the_first_administrator(client, db):
    out = StringIO()

    call_command(
        "create_organisation",
        "--name",
        "CAVAC de Laval",
        "--kind",
        "cavac",
        "--admin-email",
        "direction@example.org",
        "--base-url",
        "https://portal.example.org/",
        stdout=out,
    )

    link = out.getvalue().strip().splitlines()[-2]
    assert link.startswith("https://portal.example.org/fr/helpers/invitation/#")
    path, code = link.removeprefix("https://portal.example.org").split("#")
    assert client.get(path).status_code == 200
    assert client.post(path, {"code": code})["Location"] == reverse("accounts:invitation-account")
    page = client.get(reverse("accounts:invitation-account"))
    assert "direction@example.org" in page.content.decode()
    organisation = Organisation.objects.get(name="CAVAC de Laval")
    assert Invitation.objects.get(organisation=organisation).is_org_admin


def test_after_both_steps_the_helper_returns_to_the_page_they_asked_for(client, helper):
    wanted = reverse("accounts:share-code")
    to_sign_in = client.get(wanted)["Location"]
    next_url = to_sign_in.split("next=", 1)[1]

    response = client.post(
        reverse("accounts:sign-in"),
        {"email": helper.username, "password": PASSWORD, "next": wanted},
    )
    assert next_url.replace("%2F", "/") == wanted
    response = client.post(
        response["Location"], {"code": current_code(helper.device), "next": wanted}
    )

    assert response["Location"] == wanted


def test_a_next_address_on_another_site_is_ignored(client, helper):
    _sign_in(client, helper.username, PASSWORD)

    response = client.post(
        reverse("accounts:sign-in-code"),
        {"code": current_code(helper.device), "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("accounts:dashboard")
