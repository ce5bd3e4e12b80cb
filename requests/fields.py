"""Model fields that keep what a person wrote unreadable in the database and its backups.

Both fields use the Fernet keys of django-encrypted-model-fields (settings.FIELD_ENCRYPTION_KEY,
from the FIELD_ENCRYPTION_KEYS environment variable): the first key encrypts, every key
decrypts, so keys can be rotated (docs/key-rotation.md, `manage.py rotate_encryption`).

The library builds its crypter once, at import. The fields below look it up on every call,
and the crypter is rebuilt whenever the setting changes (tests use `override_settings`), so
what is read and written always follows the keys in force. A value that no key opens raises
`UndecryptableValue`: ciphertext is never handed back as if it were answers.
"""

import json

from cryptography.fernet import InvalidToken
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from encrypted_model_fields import fields as library

# Every Fernet token starts with these characters (version byte 0x80, base64url-encoded).
FERNET_TOKEN_START = "gAAAAA"


class UndecryptableValue(Exception):
    """A stored value that none of the keys in FIELD_ENCRYPTION_KEYS can decrypt."""

    def __init__(self):
        super().__init__(
            "A stored value could not be decrypted with any key in FIELD_ENCRYPTION_KEYS. "
            "Was a key removed before `manage.py rotate_encryption` ran?"
        )


@receiver(setting_changed)
def crypter_rebuild(*, setting, **kwargs):
    if setting == "FIELD_ENCRYPTION_KEY":
        library.CRYPTER = library.get_crypter()


def encrypt(data: bytes) -> str:
    return library.CRYPTER.encrypt(data).decode("ascii")


def decrypt(token: str) -> bytes:
    try:
        return library.CRYPTER.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        raise UndecryptableValue() from None


class EncryptedJSONField(models.TextField):
    """A JSON value, serialised then encrypted; stored as text."""

    def get_prep_value(self, value):
        if value is None:
            return None
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
        return encrypt(text.encode("utf-8"))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value).decode("utf-8"))

    def to_python(self, value):
        if value is None or not isinstance(value, str):
            return value
        if value.startswith(FERNET_TOKEN_START):
            return json.loads(decrypt(value).decode("utf-8"))
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
        return encrypt(bytes(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return decrypt(value)

    def to_python(self, value):
        if value is None or isinstance(value, bytes):
            return value
        return decrypt(value)
