"""Every read for helper pages: dashboards, consents, audit trails, the person's session."""

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.accounts.access import (
    active_accesses_for_helper,
    applications_for_helper,
    helper_profile_of,
)
from portal.accounts.models import (
    ApplicationAccess,
    AuditEntry,
    CaseLabel,
    ConsentRecord,
    HelperProfile,
)
from requests import steps
from requests.models import Application


def application_reference(application: Application) -> str:
    """The case's reference (Application.reference, printed on every document): a helper
    and the person can say it on the phone; nothing personal, and it opens nothing."""
    return application.reference


def application_next_step_title(application: Application) -> str | None:
    step = steps.step_first_missing(application.answers or {})
    return str(step.title) if step else None


def application_next_action(application: Application) -> str:
    """What to do next, said as an action: "Answer “What is happening”", "Prepare the document"."""
    if application.status == Application.Status.RENDERED:
        return _("File the document with the court, if it is not done yet")
    if application.status == Application.Status.READY:
        return pgettext("a helper's next step", "Prepare the document")
    step = steps.step_first_missing(application.answers or {})
    if step is None or step.finishes:
        return _("Check the answers and confirm them")
    return _("Answer “%(step)s”") % {"step": step.title}


@dataclass(frozen=True)
class CaseSharing:
    """How a helper came to see a case: who started or shared it, since when, and whether
    their colleagues see it too."""

    started_by_helper: bool
    helper_name: str  # the helper it was started by or shared with
    is_you: bool
    since: datetime
    organisation_name: str
    colleagues_see_it: bool


def _case_sharing(user, accesses: list[ApplicationAccess]) -> CaseSharing | None:
    """From the active accesses that let `user` see one case: their own first, else the
    earliest (a colleague's, shared with the organisation)."""
    if not accesses:
        return None
    profile = helper_profile_of(user)
    own = [access for access in accesses if access.helper_id == user.pk]
    shown = own[0] if own else min(accesses, key=lambda access: access.granted_at)
    shown_profile = getattr(shown.helper, "helper_profile", None)
    return CaseSharing(
        started_by_helper=shown.origin == ApplicationAccess.Origin.STARTED_BY_HELPER,
        helper_name=shown_profile.display_name if shown_profile else "",
        is_you=shown.helper_id == user.pk,
        since=shown.granted_at,
        organisation_name=profile.organisation.name if profile else "",
        colleagues_see_it=any(
            access.share_with_organisation
            and profile is not None
            and access.organisation_id == profile.organisation_id
            for access in accesses
        ),
    )


@dataclass(frozen=True)
class Case:
    """One case as a helper's workspace shows it: nothing from the answers but the next step."""

    application: Application
    reference: str
    label: str  # the organisation's private label, or ""
    status: str
    next_action: str
    sharing: CaseSharing | None
    consent: ConsentRecord | None  # the latest consent in force this helper recorded

    @property
    def needs_consent(self) -> bool:
        return self.consent is None


def _cases(user, applications: list[Application]) -> list[Case]:
    profile = helper_profile_of(user)
    ids = [application.pk for application in applications]
    accesses: dict = {}
    for access in active_accesses_for_helper(user).filter(application_id__in=ids).select_related(
        "helper__helper_profile"
    ):
        accesses.setdefault(access.application_id, []).append(access)
    labels = {}
    if profile is not None:
        labels = {
            label.application_id: label.text
            for label in CaseLabel.objects.filter(
                organisation=profile.organisation, application_id__in=ids
            )
        }
    consents: dict = {}
    for record in ConsentRecord.objects.filter(
        helper=user, application_id__in=ids, withdrawn_at__isnull=True
    ).order_by("recorded_at"):
        consents[record.application_id] = record  # the latest wins
    return [
        Case(
            application=application,
            reference=application_reference(application),
            label=labels.get(application.pk, ""),
            status=application.get_status_display(),
            next_action=application_next_action(application),
            sharing=_case_sharing(user, accesses.get(application.pk, [])),
            consent=consents.get(application.pk),
        )
        for application in applications
    ]


def case_for_helper(user, application: Application) -> Case:
    """One case the helper may see (the view checked it), as the case page shows it."""
    return _cases(user, [application])[0]


def dashboard_rows(user, *, reference: str = "") -> list[Case]:
    """What a helper's dashboard lists: every case they may see, or those whose reference
    starts with `reference`."""
    wanted = reference.replace("-", "").replace(" ", "").upper()
    applications = [
        application
        for application in applications_for_helper(user)
        if not wanted or application_reference(application).replace("-", "").startswith(wanted)
    ]
    return _cases(user, applications)


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
    reference: str = ""  # the case's reference; "" once the application is deleted

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
    references = dict(
        Application.objects.filter(pk__in={row.entry.application_id for row in rows})
        .values_list("pk", "reference")
    )
    return [replace(row, reference=references.get(row.entry.application_id, "")) for row in rows]
