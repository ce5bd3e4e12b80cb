"""Every write for helper accounts: organisations, invitations, sharing, consent, audit."""

import logging
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import codes
from portal.accounts.access import helper_can_access
from portal.accounts.audit import audit_log
from portal.accounts.models import (
    ApplicationAccess,
    AuditEntry,
    CaseLabel,
    ConsentRecord,
    HelperProfile,
    Invitation,
    Organisation,
    ShareCode,
)
from requests import vocabulary
from requests.models import Application
from requests.services import count_failure

__all__ = [
    "audit_log",
    "access_withdraw",
    "consent_record",
    "consent_withdraw",
    "access_grant_to_starter",
    "case_label_set",
    "case_labels_read",
    "invitation_accept",
    "invitation_create",
    "organisation_create",
    "share_code_create",
    "share_code_redeem",
    "totp_device_confirm",
    "totp_device_for_enrolment",
]

logger = logging.getLogger(__name__)

SHARE_CODE_VALID_FOR = timedelta(minutes=30)
INVITATION_VALID_FOR = timedelta(days=7)
# Wrong share codes allowed per helper account within the window.
SHARE_CODE_MAX_FAILURES = 5
SHARE_CODE_WINDOW_SECONDS = 15 * 60


class ShareCodeInvalid(Exception):
    """Wrong, expired or already used: the helper is told only that it did not work."""


class ShareCodeLocked(Exception):
    """Too many wrong codes from this helper account: wait, then try again."""


class InvitationInvalid(Exception):
    """Unknown, expired or already used invitation link."""


# --- Organisations and invitations ---


@transaction.atomic
def organisation_create(*, name: str, kind: str) -> Organisation:
    organisation = Organisation(name=name, kind=kind)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    role: str,
    is_org_admin: bool = False,
    email: str = "",
    name: str = "",
    created_by=None,
) -> tuple[Invitation, str]:
    """A single-use invitation. Returns its code: shown once, never stored."""
    token = codes.invitation_token_generate()
    invitation = Invitation(
        organisation=organisation,
        role=role,
        is_org_admin=is_org_admin,
        email=email,
        name=name,
        token_digest=codes.invitation_token_digest(token),
        created_by=created_by,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    invitation.full_clean()
    invitation.save()
    return invitation, token


def _usable(invitation: Invitation | None) -> Invitation | None:
    if invitation is None or invitation.used_at or invitation.expires_at <= timezone.now():
        return None
    return invitation


def invitation_get_usable(*, token: str = "", invitation_id: int | None = None):
    """The invitation this code (or, between the two steps of accepting it, this id kept in
    the session) opens, if it is still unused and not expired; else None."""
    invitations = Invitation.objects.select_related("organisation")
    if invitation_id is not None:
        return _usable(invitations.filter(pk=invitation_id).first())
    if not codes.invitation_token_is_well_formed(token):
        return None
    digest = codes.invitation_token_digest(token)
    invitation = invitations.filter(token_digest=digest).first()
    if invitation is not None and not codes.digests_match(invitation.token_digest, digest):
        return None
    return _usable(invitation)


@transaction.atomic
def invitation_accept(
    *, email: str, display_name: str, password: str, token: str = "", invitation_id=None
):
    """Create the helper's account from an invitation and use the invitation up."""
    invitation = invitation_get_usable(token=token, invitation_id=invitation_id)
    if invitation is None:
        raise InvitationInvalid
    # Lock the row: two tabs posting the same link must not create two accounts.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at:
        raise InvitationInvalid
    user = get_user_model().objects.create_user(
        username=email.lower(), email=email.lower(), password=password
    )
    profile = HelperProfile(
        user=user,
        organisation=invitation.organisation,
        role=invitation.role,
        is_org_admin=invitation.is_org_admin,
        display_name=display_name,
    )
    profile.full_clean()
    profile.save()
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    logger.info("invitation used id=%s user=%s", invitation.pk, user.pk)
    return user


# --- Two-step sign-in ---


def totp_device_for_enrolment(*, user) -> TOTPDevice:
    """The helper's unconfirmed authenticator device, created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with a code from the app; other devices of the user are removed."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


# --- Sharing an application with a helper ---


@transaction.atomic
def share_code_create(*, application: Application, share_with_organisation: bool = False) -> str:
    """A code the person gives to a helper: valid 30 minutes, once. Returns the code."""
    code = codes.share_code_generate()
    ShareCode.objects.create(
        application=application,
        code_digest=codes.share_code_digest(code),
        share_with_organisation=share_with_organisation,
        expires_at=timezone.now() + SHARE_CODE_VALID_FOR,
    )
    return code


def _failures_key(helper) -> str:
    return f"accounts:share-code:helper:{helper.pk}"


@transaction.atomic
def share_code_redeem(*, code: str, helper) -> ApplicationAccess:
    """Give `helper` access to the application the code was made for; the code is used up.

    Raises ShareCodeLocked after too many wrong codes from this helper account, and
    ShareCodeInvalid for a wrong, expired or used code, without saying which. The limit is
    per helper account, not per address: only signed-in helpers who passed their second
    factor can try a code, and colleagues behind one office address must not lock each
    other out (docs/threat-model.md, section 3).
    """
    key = _failures_key(helper)
    if (cache.get(key) or 0) >= SHARE_CODE_MAX_FAILURES:
        raise ShareCodeLocked
    profile = HelperProfile.objects.filter(user=helper).select_related("organisation").first()
    digest = codes.share_code_digest(code)
    share_code = None
    if profile is not None and codes.share_code_is_well_formed(code):
        share_code = (
            ShareCode.objects.select_for_update()
            .filter(code_digest=digest, used_at__isnull=True, expires_at__gt=timezone.now())
            .select_related("application")
            .first()
        )
    usable = (
        share_code is not None
        and codes.digests_match(share_code.code_digest, digest)
        and share_code.application.expires_at > timezone.now()
    )
    if not usable:
        count_failure(key, window_seconds=SHARE_CODE_WINDOW_SECONDS)
        raise ShareCodeInvalid
    share_code.used_at = timezone.now()
    share_code.save(update_fields=["used_at"])
    # A second code for the same helper updates their access: the person's latest choice wins.
    access = ApplicationAccess.objects.filter(
        application=share_code.application, helper=helper, withdrawn_at__isnull=True
    ).first()
    if access is None:
        access = ApplicationAccess(
            application=share_code.application,
            helper=helper,
            organisation=profile.organisation,
            origin=ApplicationAccess.Origin.SHARE_CODE,
        )
    access.share_with_organisation = share_code.share_with_organisation
    access.save()
    audit_log(actor=helper, application=share_code.application, action=AuditEntry.Action.SHARED)
    return access


@transaction.atomic
def access_withdraw(*, application: Application, access: ApplicationAccess) -> ApplicationAccess:
    """The person takes access back, at any time. A helper cannot undo it."""
    if access.application_id != application.pk:
        raise ValueError("This access belongs to another application.")
    if access.withdrawn_at is None:
        access.withdrawn_at = timezone.now()
        access.save(update_fields=["withdrawn_at"])
        audit_log(actor=None, application=application, action=AuditEntry.Action.WITHDRAWN)
    _case_labels_without_access_delete(application)
    return access


@transaction.atomic
def access_grant_to_starter(*, application: Application, helper) -> ApplicationAccess:
    """A helper started this application for someone: it is shared with that helper.

    No resume code is shown to them: the helper reaches the draft through their dashboard,
    and the person can be given their own share of it later.
    """
    profile = HelperProfile.objects.select_related("organisation").get(user=helper)
    access = ApplicationAccess.objects.create(
        application=application,
        helper=helper,
        organisation=profile.organisation,
        origin=ApplicationAccess.Origin.STARTED_BY_HELPER,
    )
    audit_log(actor=helper, application=application, action=AuditEntry.Action.SHARED)
    logger.info("application started by helper id=%s helper=%s", application.pk, helper.pk)
    return access


# --- Consent ---


@transaction.atomic
def consent_record(
    *,
    application: Application,
    helper,
    consented_by: str,
    consent_date: date,
    method: str,
    scope: list[str],
) -> ConsentRecord:
    """Write down the person's consent to this helper's help (who, when, how, to what)."""
    record = ConsentRecord(
        application=application,
        helper=helper,
        consented_by=consented_by,
        consent_date=consent_date,
        method=method,
        scope=list(scope),
    )
    record.full_clean()
    unknown = set(record.scope) - set(vocabulary.CONSENT_SCOPES)
    if unknown or not record.scope:
        raise ValueError("Consent scope must be one or more of prepare, present.")
    record.save()
    application.documents.all().delete()  # printed before this consent: out of date
    audit_log(actor=helper, application=application, action=AuditEntry.Action.CHANGED)
    return record


@transaction.atomic
def consent_withdraw(*, application: Application, consent: ConsentRecord) -> ConsentRecord:
    """The person withdrew their consent: the helper's access to the application stops too."""
    if consent.application_id != application.pk:
        raise ValueError("This consent belongs to another application.")
    now = timezone.now()
    if consent.withdrawn_at is None:
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
    ApplicationAccess.objects.filter(
        application=application, helper_id=consent.helper_id, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    application.documents.all().delete()  # they print the consent that was withdrawn
    audit_log(actor=consent.helper, application=application, action=AuditEntry.Action.WITHDRAWN)
    _case_labels_without_access_delete(application)
    return consent


@transaction.atomic
def access_carry_over(*, source: Application, target: Application, helper) -> None:
    """A helper who starts a reshare application keeps the access they had to the first one."""
    for access in ApplicationAccess.objects.filter(
        application=source, helper=helper, withdrawn_at__isnull=True
    ):
        ApplicationAccess.objects.create(
            application=target,
            helper=helper,
            organisation=access.organisation,
            share_with_organisation=access.share_with_organisation,
            origin=ApplicationAccess.Origin.STARTED_BY_HELPER,
        )
    audit_log(actor=helper, application=target, action=AuditEntry.Action.SHARED)


# --- The organisation's label for a case ---


@transaction.atomic
def case_label_set(*, application: Application, helper, text: str) -> CaseLabel | None:
    """Set the label the helper's organisation gives this case; empty text removes it.

    The text is never logged: only the ids are (docs/threat-model.md).
    """
    if not helper_can_access(helper, application):
        raise PermissionError("This helper may not see this application.")
    organisation = HelperProfile.objects.select_related("organisation").get(
        user=helper
    ).organisation
    text = " ".join(text.split())
    label = CaseLabel.objects.filter(application=application, organisation=organisation).first()
    if not text:
        if label is not None:
            label.delete()
        label = None
    else:
        if label is None:
            label = CaseLabel(application=application, organisation=organisation)
        label.text = text
        label.updated_at = timezone.now()
        label.updated_by = helper
        label.full_clean()
        label.save()
    audit_log(
        actor=helper,
        application=application,
        action=AuditEntry.Action.CHANGED,
        subject=AuditEntry.Subject.LABEL,
    )
    logger.info("case label set application=%s helper=%s", application.pk, helper.pk)
    return label


def case_labels_read(*, helper, cases) -> None:
    """The helper was shown the labels of these cases (those that have one): each read is
    in the audit trail, like the other reads."""
    for case in cases:
        if case.label:
            audit_log(
                actor=helper,
                application=case.application,
                action=AuditEntry.Action.VIEWED,
                subject=AuditEntry.Subject.LABEL,
            )


def _case_labels_without_access_delete(application: Application) -> None:
    """An organisation that can no longer see the case loses its label for it."""
    still_in = set()
    for access in ApplicationAccess.objects.filter(
        application=application, withdrawn_at__isnull=True
    ).select_related("helper__helper_profile"):
        still_in.add(access.organisation_id)
        profile = getattr(access.helper, "helper_profile", None)
        if profile is not None:
            still_in.add(profile.organisation_id)
    CaseLabel.objects.filter(application=application).exclude(
        organisation_id__in=still_in
    ).delete()
