"""Model fields that keep what a person wrote unreadable in the database and its backups.

Both fields use the Fernet keys of django-encrypted-model-fields (settings.FIELD_ENCRYPTION_KEY):
with a list of keys, the first encrypts and every key decrypts, so keys can be rotated.
"""

import json

from cryptography.fernet import InvalidToken
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from encrypted_model_fields.fields import CRYPTER, decrypt_str, encrypt_str


class EncryptedJSONField(models.TextField):
    """A JSON value, serialised then encrypted; stored as text."""

    def get_prep_value(self, value):
        if value is None:
            return None
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
        return encrypt_str(text).decode("ascii")

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt_str(value))

    def to_python(self, value):
        if value is None or not isinstance(value, str):
            return value
        try:
            return json.loads(decrypt_str(value))
        except (InvalidToken, ValueError):
            return json.loads(value)

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), cls=DjangoJSONEncoder)


class EncryptedBinaryField(models.TextField):
    """Raw bytes (a PDF), encrypted with Fernet; stored as text."""

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, memoryview):
            value = value.tobytes()
        return CRYPTER.encrypt(bytes(value)).decode("ascii")

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return CRYPTER.decrypt(value.encode("ascii"))

    def to_python(self, value):
        if value is None or isinstance(value, bytes):
            return value
        return CRYPTER.decrypt(value.encode("ascii"))
