"""Write a local `.env` for `make run`: debug on, fresh secret and encryption keys."""

import secrets

from cryptography.fernet import Fernet

print("DEBUG=true")
print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"FIELD_ENCRYPTION_KEYS={Fernet.generate_key().decode()}")
