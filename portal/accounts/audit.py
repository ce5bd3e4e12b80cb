"""The audit trail: every time a helper sees, changes, prints or downloads an application.

The lead's application views call `audit_log(...)`; the helper pages here call it too.
"""

from portal.accounts.models import AuditEntry, HelperProfile
from requests.models import Application


def _organisation_of(actor):
    if actor is None:
        return None
    profile = HelperProfile.objects.filter(user=actor).select_related("organisation").first()
    return profile.organisation if profile else None


def audit_log(*, actor, application: Application, action: str) -> AuditEntry:
    """Record one action; `actor` is the helper's user, or None when the person acted."""
    if action not in AuditEntry.Action.values:
        raise ValueError(f"Unknown audit action: {action}")
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        organisation=_organisation_of(actor),
        application_id=application.pk,
        action=action,
    )
