"""Helpers, their organisations, and the traces of what they may see and did see."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from encrypted_model_fields.fields import EncryptedCharField

from requests import vocabulary


class Organisation(models.Model):
    """A CAVAC centre, a school or a community organisation whose staff help people apply.

    Staff are invited by the organisation's administrator, and a person may share an
    application with a whole organisation (so a colleague can take over a case).
    """

    class Kind(models.TextChoices):
        CAVAC = "cavac", _("CAVAC centre")
        SCHOOL = "school", _("School")
        COMMUNITY = "community", _("Community organisation")

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class HelperRole(models.TextChoices):
    CAVAC_WORKER = "cavac_worker", _("CAVAC worker")
    TEACHER = "teacher", pgettext_lazy("helper role", "Teacher")
    SCHOOL_STAFF = "school_staff", _("School staff member")
    TRUSTED_PERSON = "trusted_person", _("Trusted person")
    ORGANISATION_WORKER = "organisation_worker", _("Community organisation worker")


class HelperProfile(models.Model):
    """What makes a user a helper: their organisation and role.

    A user without a profile sees no helper page. The role decides which notices are shown
    (teachers and school staff of a person under 18 see the youth-protection notice).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helper_profile"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="helpers")
    role = models.CharField(max_length=24, choices=HelperRole.choices)
    is_org_admin = models.BooleanField(default=False)
    # Shown to the person who shared their application, so they know who has access.
    display_name = EncryptedCharField(max_length=200)

    def __str__(self):
        return f"Helper {self.user_id}"


class Invitation(models.Model):
    """A single-use link an organisation administrator gives to a new staff member.

    Only a keyed digest of the token is stored: the link is shown once, to the administrator.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = EncryptedCharField(max_length=254, blank=True)
    name = EncryptedCharField(max_length=200, blank=True)
    role = models.CharField(max_length=24, choices=HelperRole.choices)
    is_org_admin = models.BooleanField(default=False)
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation {self.pk}"


class ShareCode(models.Model):
    """A short code the person reads to a helper so the helper can see their application.

    Valid 30 minutes and only once; only a keyed digest is stored. `share_with_organisation`
    is the person's choice, copied to the access the code grants.
    """

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="share_codes"
    )
    code_digest = models.CharField(max_length=64, unique=True)
    share_with_organisation = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Share code {self.pk}"


class ApplicationAccess(models.Model):
    """One helper's permission to see and change one application, until it is withdrawn.

    The person can withdraw it at any time; withdrawing consent withdraws it too. With
    `share_with_organisation`, the helper's colleagues in `organisation` may see it as well.
    """

    class Origin(models.TextChoices):
        SHARE_CODE = "share_code", _("Share code")
        STARTED_BY_HELPER = "started_by_helper", _("Started by the helper")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="helper_accesses"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_accesses"
    )
    # The helper's organisation when access was granted: moving job does not carry a case.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="application_accesses"
    )
    share_with_organisation = models.BooleanField(default=False)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    granted_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name_plural = "application accesses"

    def __str__(self):
        return f"Access {self.pk}"


class ConsentRecord(models.Model):
    """The person's consent to a helper preparing (and perhaps presenting) the application.

    A helper records who consented, when, how and to what; the court may ask. Withdrawing
    the consent also withdraws the helper's access to the application.
    """

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="consents"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents_recorded"
    )
    consented_by = EncryptedCharField(max_length=200)
    consent_date = models.DateField()
    # The same keys as the consent step of the walkthrough (requests/vocabulary.py).
    method = models.CharField(
        max_length=10, choices=vocabulary.choices(vocabulary.CONSENT_METHODS)
    )
    scope = models.JSONField(default=list)  # keys of vocabulary.CONSENT_SCOPES
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"Consent {self.pk}"


class CaseLabel(models.Model):
    """An organisation's own name for a case, so its workers can tell their cases apart.

    Only the organisation's helpers who may see the application read it (one label per
    application and organisation). Encrypted like the answers; never printed in a document,
    never written to a log. It goes when the organisation loses its last access to the
    application, and with the application.
    """

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="case_labels"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="case_labels"
    )
    text = EncryptedCharField(max_length=80)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="one_label_per_case_and_organisation"
            )
        ]

    def __str__(self):
        return f"Case label {self.pk}"


# Their label already names what was done ("Downloaded the answers file").
ENTRY_ACTIONS_THAT_SAY_IT_ALL = ("exported", "imported", "deleted", "shared", "withdrawn")


class AuditEntry(models.Model):
    """Who looked at, changed, printed, downloaded or shared an application, and when.

    The person sees these entries for their application; an organisation administrator sees
    their staff's. `actor` is empty when the person did it. The application is kept as a bare
    id, and nothing personal is stored here.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        CHANGED = "changed", _("Changed")
        RENDERED = "rendered", _("Prepared")
        DOWNLOADED = "downloaded", _("Downloaded")
        EXPORTED = "exported", _("Downloaded the answers file")
        IMPORTED = "imported", _("Replaced the answers with a file")
        DELETED = "deleted", _("Deleted the whole application")
        SHARED = "shared", _("Access given")
        WITHDRAWN = "withdrawn", _("Access withdrawn")

    class Subject(models.TextChoices):
        """What was read or changed (empty for the entries about access)."""

        ANSWERS = "answers", _("the answers")
        DOCUMENT = "document", _("the document")
        LETTER = "letter", _("a letter to a company")
        NOTICE = "notice", _("a notice of withdrawn consent")
        ANSWERS_FILE = "answers_file", _("the answers file")
        TRACKER = "tracker", _("the follow-up notes")
        APPLICATION = "application", _("the whole application")
        LABEL = "label", _("the helpers' label for the application")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    # The actor's organisation at the time, so an administrator's view survives job changes.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    application_id = models.UUIDField(db_index=True)
    action = models.CharField(max_length=12, choices=Action.choices)
    subject = models.CharField(max_length=16, choices=Subject.choices, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.action} {self.application_id}"

    @property
    def description(self) -> str:
        """What happened, in a few words: "Viewed: the answers", "Access given"."""
        action = self.get_action_display()
        if not self.subject or self.action in ENTRY_ACTIONS_THAT_SAY_IT_ALL:
            return str(action)
        sentence = pgettext("audit entry: action, then what", "%(action)s: %(subject)s")
        return sentence % {"action": action, "subject": self.get_subject_display()}

