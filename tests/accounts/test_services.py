"""Sharing, consent, invitations and the audit trail, through the services."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from portal.accounts import codes, selectors, services
from portal.accounts.access import applications_for_helper, helper_can_access
from portal.accounts.models import (
    ApplicationAccess,
    AuditEntry,
    ConsentRecord,
    HelperRole,
    Invitation,
    ShareCode,
)
from tests.accounts.conftest import helper_make

pytestmark = pytest.mark.django_db


# --- Share codes ---


def test_a_share_code_has_three_groups_of_four_readable_characters_and_over_50_bits():
    code = codes.share_code_generate()

    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert all(c in codes.ALPHABET for c in "".join(groups))
    assert len(codes.ALPHABET) ** 12 > 2**50


def test_only_a_digest_of_the_share_code_is_stored(application):
    code = services.share_code_create(application=application)

    stored = ShareCode.objects.get(application=application)
    assert code.replace("-", "") not in stored.code_digest
    assert stored.code_digest == codes.share_code_digest(code)


def test_a_helper_who_enters_the_share_code_can_see_the_application(application, helper):
    code = services.share_code_create(application=application)

    access = services.share_code_redeem(code=code.lower().replace("-", " "), helper=helper)

    assert access.application == application
    assert helper_can_access(helper, application)
    assert list(applications_for_helper(helper)) == [application]


def test_a_share_code_works_only_once(application, helper, organisation):
    code = services.share_code_create(application=application)
    services.share_code_redeem(code=code, helper=helper)
    second_helper = helper_make(organisation)

    with pytest.raises(services.ShareCodeInvalid):
        services.share_code_redeem(code=code, helper=second_helper)
    assert not helper_can_access(second_helper, application)


def test_a_share_code_stops_working_after_30_minutes(application, helper):
    code = services.share_code_create(application=application)
    ShareCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(services.ShareCodeInvalid):
        services.share_code_redeem(code=code, helper=helper)
    assert not helper_can_access(helper, application)


def test_a_share_code_is_valid_for_30_minutes(application):
    services.share_code_create(application=application)

    lifetime = ShareCode.objects.get().expires_at - timezone.now()
    assert timedelta(minutes=29) < lifetime <= timedelta(minutes=30)


def test_a_wrong_share_code_is_refused(application, helper):
    services.share_code_create(application=application)

    with pytest.raises(services.ShareCodeInvalid):
        services.share_code_redeem(code=codes.share_code_generate(), helper=helper)
    assert not helper_can_access(helper, application)


def test_after_five_wrong_codes_the_helper_must_wait_even_with_the_right_code(application, helper):
    code = services.share_code_create(application=application)
    for _ in range(5):
        with pytest.raises(services.ShareCodeInvalid):
            services.share_code_redeem(code="AAAA-AAAA-AAAA", helper=helper)

    with pytest.raises(services.ShareCodeLocked):
        services.share_code_redeem(code=code, helper=helper)
    assert not helper_can_access(helper, application)


# --- Organisation sharing ---


def test_colleagues_see_the_application_only_when_the_person_shared_with_the_organisation(
    application, helper, organisation
):
    colleague = helper_make(organisation)
    access = services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    assert not helper_can_access(colleague, application)

    access.share_with_organisation = True
    access.save()

    assert helper_can_access(colleague, application)


def test_a_helper_of_another_organisation_never_sees_an_organisation_share(
    application, helper, other_organisation
):
    code = services.share_code_create(application=application, share_with_organisation=True)
    services.share_code_redeem(code=code, helper=helper)

    assert not helper_can_access(helper_make(other_organisation), application)


# --- Withdrawal ---


def test_when_the_person_withdraws_access_the_helper_no_longer_sees_the_application(
    application, helper
):
    access = services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )

    services.access_withdraw(application=application, access=access)

    assert not helper_can_access(helper, application)
    assert AuditEntry.objects.filter(
        application_id=application.pk, action="withdrawn", actor=None
    ).exists()


def test_access_of_another_application_cannot_be_withdrawn_through_this_one(application, helper):
    access = services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    from tests.factories import ApplicationFactory

    with pytest.raises(ValueError):
        services.access_withdraw(application=ApplicationFactory(complete=False), access=access)
    assert helper_can_access(helper, application)


def test_an_expired_application_is_no_longer_visible_to_its_helper(application, helper):
    services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    application.expires_at = timezone.now() - timedelta(minutes=1)
    application.save()

    assert not helper_can_access(helper, application)


# --- Consent ---


def _consent(application, helper, **overrides):
    values = {
        "consented_by": "Alex Tremblay",
        "consent_date": date(2026, 11, 20),
        "method": "in_person",
        "scope": ["prepare", "present"],
    }
    values.update(overrides)
    return services.consent_record(application=application, helper=helper, **values)


def test_consent_is_recorded_with_the_name_encrypted_at_rest(application, helper):
    from django.db import connection

    record = _consent(application, helper)

    with connection.cursor() as cursor:
        cursor.execute("SELECT consented_by FROM accounts_consentrecord WHERE id = %s", [record.pk])
        raw = cursor.fetchone()[0]
    assert "Alex" not in raw
    assert ConsentRecord.objects.get().consented_by == "Alex Tremblay"


def test_consent_with_an_unknown_scope_is_refused(application, helper):
    with pytest.raises(ValueError):
        _consent(application, helper, scope=["sell"])
    assert not ConsentRecord.objects.exists()


def test_withdrawing_consent_stops_the_helpers_access(application, helper):
    services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    record = _consent(application, helper)

    services.consent_withdraw(application=application, consent=record)

    record.refresh_from_db()
    assert record.withdrawn_at is not None
    assert not helper_can_access(helper, application)


def test_withdrawing_one_helpers_consent_leaves_another_helpers_access(
    application, helper, organisation
):
    other = helper_make(organisation)
    services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    services.share_code_redeem(
        code=services.share_code_create(application=application), helper=other
    )

    services.consent_withdraw(application=application, consent=_consent(application, helper))

    assert helper_can_access(other, application)


# --- Starting an application for someone ---


def test_an_application_a_helper_starts_is_shared_with_that_helper_only(helper, organisation):
    from django.contrib.sessions.backends.db import SessionStore

    from requests.services import application_start

    application, _code = application_start(session=SessionStore(), helper=helper)

    assert helper_can_access(helper, application)
    assert not helper_can_access(helper_make(organisation), application)


# --- Invitations ---


def test_an_invitation_creates_a_helper_account_once(organisation):
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER, name="Camille"
    )

    user = services.invitation_accept(
        token=token,
        email="Camille@Example.org",
        display_name="Camille",
        password="x-long-password-1",
    )

    assert user.username == "camille@example.org"
    assert user.helper_profile.organisation == organisation
    assert user.helper_profile.role == HelperRole.TEACHER
    with pytest.raises(services.InvitationInvalid):
        services.invitation_accept(
            token=token,
            email="other@example.org",
            display_name="Other",
            password="x-long-password-1",
        )


def test_an_expired_invitation_is_refused(organisation):
    _invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER
    )
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(services.InvitationInvalid):
        services.invitation_accept(
            token=token, email="late@example.org", display_name="Late", password="x-long-password-1"
        )


def test_only_a_digest_of_the_invitation_token_is_stored(organisation):
    invitation, token = services.invitation_create(
        organisation=organisation, role=HelperRole.TEACHER
    )

    assert token not in invitation.token_digest
    assert services.invitation_get_usable(token=token) == invitation
    assert services.invitation_get_usable(token=token + "x") is None


# --- Audit ---


def test_audit_entries_name_the_helper_and_their_organisation(application, helper, organisation):
    entry = services.audit_log(actor=helper, application=application, action="rendered")

    assert entry.organisation == organisation
    assert entry.application_id == application.pk
    [row] = selectors.audit_trail_rows([entry])
    assert row.reference == application.reference  # the case's reference, as printed
    application.delete()
    assert selectors.audit_trail_rows([entry])[0].reference == ""  # the entry outlives it


def test_an_unknown_audit_action_is_refused(application, helper):
    with pytest.raises(ValueError):
        services.audit_log(actor=helper, application=application, action="deleted-everything")


def test_redeeming_a_share_code_is_in_the_audit_trail(application, helper):
    services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )

    assert list(AuditEntry.objects.values_list("actor", "action")) == [(helper.pk, "shared")]


def test_accesses_are_kept_after_withdrawal_for_the_record(application, helper):
    access = services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    services.access_withdraw(application=application, access=access)

    assert ApplicationAccess.objects.filter(pk=access.pk, withdrawn_at__isnull=False).exists()


def test_a_second_code_for_the_same_helper_updates_their_access_instead_of_adding_one(
    application, helper, organisation
):
    colleague = helper_make(organisation)
    code = services.share_code_create(application=application, share_with_organisation=True)
    services.share_code_redeem(code=code, helper=helper)

    services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )

    assert ApplicationAccess.objects.filter(application=application).count() == 1
    assert not helper_can_access(colleague, application)
