"""The application a person prepares, and the documents printed from it."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests.codes import case_reference_generate
from requests.fields import EncryptedBinaryField, EncryptedJSONField


def draft_expiry():
    return timezone.now() + timedelta(days=settings.DRAFT_RETENTION_DAYS)


def document_expiry():
    return timezone.now() + timedelta(hours=settings.DOCUMENT_RETENTION_HOURS)


class Application(models.Model):
    """One person's urgent application to the Cour du Québec (CQLR c. P-9.0002), as a draft.

    There is no account: the browser session holds the id, and a resume code (stored only as a
    keyed digest) brings the draft back. Everything the person answered lives in one encrypted
    `answers` object keyed by step slug (docs/answers-schema.md); columns exist only for what
    we query or act on. A draft is deleted after DRAFT_RETENTION_DAYS without activity.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready")
        RENDERED = "rendered", _("Document prepared")

    class ApplicantRole(models.TextChoices):
        SELF = "self", _("The person shown")
        PARENT = "parent", _("A parent or tutor")
        HELPER = "helper", _("Someone helping")

    class DocumentLanguage(models.TextChoices):
        FR = "fr", "Français"
        EN = "en", "English"
        BOTH = "both", _("French and English")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    applicant_role = models.CharField(max_length=10, choices=ApplicantRole.choices, blank=True)
    document_language = models.CharField(
        max_length=4, choices=DocumentLanguage.choices, default=DocumentLanguage.FR
    )
    answers = EncryptedJSONField(default=dict, blank=True)
    # HMAC-SHA256 of the normalised resume code; the code itself is never stored.
    resume_code_digest = models.CharField(max_length=64, unique=True, db_index=True)
    # A short name to speak of the case (requests/codes.py): random, never a credential.
    reference = models.CharField(
        max_length=7, unique=True, default=case_reference_generate, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=draft_expiry, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Application {self.pk}"


class PrintedDocument(models.Model):
    """What every printed kind shares (requests/printed.py registers the kinds): a PDF printed
    by the worker from the answers, encrypted at rest and kept only for
    DOCUMENT_RETENTION_HOURS.

    `answers_digest` is the SHA-256 of the canonical JSON of the answers it was asked for, so
    the same answers are not printed twice. `failure_message` is short and never personal.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    answers_digest = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    pdf = EncryptedBinaryField(null=True, blank=True)
    failure_message = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    rendered_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=document_expiry, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class RenderedDocument(PrintedDocument):
    """The application to the court, in French, in English or in both."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(max_length=4, choices=Application.DocumentLanguage.choices)

    class Meta(PrintedDocument.Meta):
        indexes = [models.Index(fields=["application", "language", "answers_digest"])]

    def __str__(self):
        return f"Document {self.pk} ({self.language})"


class PersonGuide(PrintedDocument):
    """The person's own pages, printed beside the application from the same answers: what to
    do now, how to file, help lines. Never filed: the application is the court's copy alone,
    so its pages are all the clerk counts."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="guides")
    language = models.CharField(max_length=4, choices=Application.DocumentLanguage.choices)

    class Meta(PrintedDocument.Meta):
        indexes = [models.Index(fields=["application", "language", "answers_digest"])]

    def __str__(self):
        return f"Guide {self.pk} ({self.language})"


class CoverLetter(PrintedDocument):
    """A short letter to send a company with the court's order.

    The id is a UUID because it appears in the letter's address; it opens nothing without the
    session that holds the application.
    """

    class Language(models.TextChoices):
        FR = "fr", "Français"
        EN = "en", "English"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cover_letters"
    )
    respondent_id = models.CharField(max_length=40)  # a party's id in the answers, e.g. "r2"
    language = models.CharField(max_length=2, choices=Language.choices)

    class Meta(PrintedDocument.Meta):
        pass

    def __str__(self):
        return f"Cover letter {self.pk} ({self.language})"


class WithdrawalNotice(PrintedDocument):
    """A notice of withdrawn consent to one holder of the images (a respondent of the answers).

    The id is a UUID because it appears in the notice's address; it opens nothing without the
    session that holds the application.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    respondent_id = models.CharField(max_length=40)  # a party's id in the answers, e.g. "r1"
    language = models.CharField(max_length=4, choices=Application.DocumentLanguage.choices)

    class Meta(PrintedDocument.Meta):
        pass

    def __str__(self):
        return f"Notice {self.pk} ({self.language})"


class Tracker(models.Model):
    """What happened after the document: filing, the decision, who got the order, breaches.

    One per application, kept only as long as the application (CASCADE). Everything the
    person writes here is encrypted in one `entries` object (requests/after.py gives its
    shape); nothing here is queried, so nothing needs a column of its own.
    """

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="tracker"
    )
    entries = EncryptedJSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Tracker {self.pk}"
