"""Helpers, organisations and signed-in clients for the helper-account tests."""

import itertools

import pytest
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.models import HelperProfile, HelperRole, Organisation
from tests.factories import ApplicationFactory

PASSWORD = "calm-river-lantern-42"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def organisation_make(*, name="CAVAC de Montréal", kind=Organisation.Kind.CAVAC) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind)


def helper_make(organisation, *, role=HelperRole.CAVAC_WORKER, is_org_admin=False, device=True):
    """A helper user with a profile and, unless `device=False`, a confirmed authenticator."""
    from django.contrib.auth import get_user_model

    number = next(_numbers)
    email = f"helper{number}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    HelperProfile.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        is_org_admin=is_org_admin,
        display_name=f"Helper Number {number}",
    )
    if device:
        user.device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def current_code(device: TOTPDevice) -> str:
    """The code the helper's phone would show now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def sign_in_fully(client, user):
    """Signed in with password and one-time code, as after the real two steps."""
    client.force_login(user, backend=MODEL_BACKEND)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.device.persistent_id
    session.save()
    return client


@pytest.fixture
def organisation(db):
    return organisation_make()


@pytest.fixture
def other_organisation(db):
    return organisation_make(name="École secondaire du Plateau", kind=Organisation.Kind.SCHOOL)


@pytest.fixture
def helper(organisation):
    return helper_make(organisation)


@pytest.fixture
def application(db):
    return ApplicationFactory(role="self", victim_age=16, complete=False)
