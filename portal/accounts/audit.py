"""The audit trail: every time a helper sees, changes, prints or downloads an application.

The application's pages write through `AccountsGate.record` (portal/accounts/gate.py); the
helper pages here call `audit_log` directly.
"""

from portal.accounts.models import AuditEntry, HelperProfile
from requests.models import Application


def _organisation_of(actor):
    if actor is None:
        return None
    profile = HelperProfile.objects.filter(user=actor).select_related("organisation").first()
    return profile.organisation if profile else None


def audit_log(*, actor, application: Application, action: str, subject: str = "") -> AuditEntry:
    """Record one action on `subject` (AuditEntry.Subject, empty for access); `actor` is the
    helper's user, or None when the person acted."""
    if action not in AuditEntry.Action.values:
        raise ValueError(f"Unknown audit action: {action}")
    if subject and subject not in AuditEntry.Subject.values:
        raise ValueError(f"Unknown audit subject: {subject}")
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        organisation=_organisation_of(actor),
        application_id=application.pk,
        action=action,
        subject=subject,
    )
