# The notice of withdrawn consent (a printed kind), and a case reference for every application.

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import requests.codes
import requests.fields
import requests.models


def give_every_application_a_reference(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    taken = set()
    for application in Application.objects.filter(reference__isnull=True).only("pk"):
        reference = requests.codes.case_reference_generate()
        while reference in taken:
            reference = requests.codes.case_reference_generate()
        taken.add(reference)
        Application.objects.filter(pk=application.pk).update(reference=reference)


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0004_person_guide"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="reference",
            field=models.CharField(editable=False, max_length=7, null=True),
        ),
        migrations.RunPython(give_every_application_a_reference, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="reference",
            field=models.CharField(
                default=requests.codes.case_reference_generate, editable=False, max_length=7,
                unique=True,
            ),
        ),
        migrations.CreateModel(
            name="WithdrawalNotice",
            fields=[
                ("answers_digest", models.CharField(max_length=64)),
                ("status", models.CharField(choices=[("pending", "Being prepared"), ("ready", "Ready"), ("failed", "Failed")], default="pending", max_length=10)),
                ("pdf", requests.fields.EncryptedBinaryField(blank=True, null=True)),
                ("failure_message", models.CharField(blank=True, max_length=200)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("rendered_at", models.DateTimeField(blank=True, null=True)),
                ("expires_at", models.DateTimeField(db_index=True, default=requests.models.document_expiry)),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("respondent_id", models.CharField(max_length=40)),
                ("language", models.CharField(choices=[("fr", "Français"), ("en", "English"), ("both", "French and English")], max_length=4)),
                ("application", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notices", to="applications.application")),
            ],
            options={
                "ordering": ["-created_at"],
                "abstract": False,
            },
        ),
    ]
