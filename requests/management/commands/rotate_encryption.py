from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from encrypted_model_fields.fields import EncryptedMixin

from requests.fields import EncryptedBinaryField, EncryptedJSONField

ENCRYPTED_FIELDS = (EncryptedJSONField, EncryptedBinaryField, EncryptedMixin)


def encrypted_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, ENCRYPTED_FIELDS)
    ]


def rows_reencrypt(model, names: list[str]) -> int:
    """Re-save the encrypted columns of every row, one row at a time, with the first key."""
    count = 0
    for pk in model._default_manager.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            row = model._default_manager.select_for_update().filter(pk=pk).first()
            if row is not None:
                row.save(update_fields=names)
                count += 1
    return count


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted column (drafts' answers, rendered PDFs, helpers' names…) "
        "with the first key of FIELD_ENCRYPTION_KEYS, so older keys can then be removed "
        "(docs/key-rotation.md)."
    )

    def handle(self, *args, **options):
        for model in apps.get_models():
            names = encrypted_fields(model)
            if names:
                count = rows_reencrypt(model, names)
                self.stdout.write(
                    f"{model._meta.label}: re-encrypted {count} row(s) ({', '.join(names)})."
                )
        self.stdout.write("Done: everything is now encrypted with the first key.")
