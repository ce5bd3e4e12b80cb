"""Every read for helper pages: dashboards, consents, audit trails, the person's session."""

from dataclasses import dataclass

from django.db.models import QuerySet

from portal.accounts.access import applications_for_helper
from portal.accounts.models import ApplicationAccess, AuditEntry, ConsentRecord, HelperProfile
from requests import steps
from requests.models import Application


def application_reference(application: Application) -> str:
    """A short reference a helper can say on the phone; nothing personal."""
    return application.pk.hex[:8].upper()


def application_next_step_title(application: Application) -> str | None:
    step = steps.step_first_missing(application.answers or {})
    return str(step.title) if step else None


def dashboard_rows(user, *, reference: str = "") -> list[dict]:
    """What a helper's dashboard lists: reference, status, next step, deletion date."""
    rows = []
    wanted = reference.replace("-", "").replace(" ", "").upper()
    for application in applications_for_helper(user):
        row_reference = application_reference(application)
        if wanted and not row_reference.startswith(wanted):
            continue
        rows.append(
            {
                "application": application,
                "reference": row_reference,
                "status": application.get_status_display(),
                "next_step": application_next_step_title(application),
                "expires_at": application.expires_at,
            }
        )
    return rows


def accesses_for_application(application: Application) -> QuerySet[ApplicationAccess]:
    """Active accesses, with who holds them, for the person's sharing page."""
    return ApplicationAccess.objects.filter(
        application=application, withdrawn_at__isnull=True
    ).select_related("helper__helper_profile", "organisation")


def audit_entries_for_application(application: Application) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(application_id=application.pk).select_related(
        "actor__helper_profile", "organisation"
    )


def audit_entries_for_organisation(organisation) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(organisation=organisation).select_related(
        "actor__helper_profile"
    )


def consents_for_helper(*, application: Application, helper) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(application=application, helper=helper)


def staff_of(organisation) -> QuerySet[HelperProfile]:
    return HelperProfile.objects.filter(organisation=organisation).select_related("user")


def consents_for_document(application: Application) -> tuple[dict, ...]:
    """Consents in force, shaped for the document's Annex B (plain data, no models)."""
    records = (
        ConsentRecord.objects.filter(application=application, withdrawn_at__isnull=True)
        .select_related("helper__helper_profile__organisation")
        .order_by("recorded_at")
    )
    consents = []
    for record in records:
        profile = getattr(record.helper, "helper_profile", None)
        recorded_by = profile.display_name if profile else ""
        if profile and profile.organisation:
            recorded_by = f"{recorded_by} ({profile.organisation.name})"
        consents.append(
            {
                "consented_by": record.consented_by,
                "consent_date": record.consent_date.isoformat(),
                "consent_method": record.method,
                "consent_scope": list(record.scope),
                "recorded_by": recorded_by,
            }
        )
    return tuple(consents)


@dataclass(frozen=True)
class TrailRow:
    """One line of an audit trail as shown: the same action by the same helper, done several
    times in a row (each screen of the questions is an entry), is one line with a count."""

    entry: AuditEntry  # the most recent of the run
    count: int
    first_at: object

    @property
    def description(self) -> str:
        return self.entry.description


def audit_trail_rows(entries) -> list[TrailRow]:
    """Entries (newest first) folded into rows; every entry is counted in one row."""
    rows: list[TrailRow] = []
    for entry in entries:
        last = rows[-1] if rows else None
        if last is not None and (
            last.entry.actor_id, last.entry.action, last.entry.subject,
            last.entry.application_id,
        ) == (entry.actor_id, entry.action, entry.subject, entry.application_id):
            rows[-1] = TrailRow(entry=last.entry, count=last.count + 1, first_at=entry.at)
        else:
            rows.append(TrailRow(entry=entry, count=1, first_at=entry.at))
    return rows
