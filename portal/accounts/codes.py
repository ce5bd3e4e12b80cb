"""Share codes and invitation codes: secrets shown once, stored only as keyed digests.

A share code is read aloud by a frightened person to a helper, often by phone: 12 characters
in 3 groups of 4, from the resume codes' 30-character alphabet (no 0/O, 1/I/L, U/V), so
12 × log2(30) ≈ 59 bits. It lives 30 minutes and works once, and redeeming is rate-limited,
so guessing is out of reach.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

from requests.codes import ALPHABET, resume_code_normalise

SHARE_CODE_GROUPS = 3
SHARE_CODE_GROUP_LENGTH = 4
SHARE_CODE_LENGTH = SHARE_CODE_GROUPS * SHARE_CODE_GROUP_LENGTH


def _key(purpose: bytes) -> bytes:
    # One key per purpose, derived from SECRET_KEY: a digest is useless for anything else.
    return hashlib.sha256(
        b"portal.accounts." + purpose + b":" + settings.SECRET_KEY.encode()
    ).digest()


def share_code_generate() -> str:
    """A new code, formatted for reading aloud: `K7QM-3XWD-9PRT`."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(SHARE_CODE_LENGTH))
    step = SHARE_CODE_GROUP_LENGTH
    return "-".join(raw[i : i + step] for i in range(0, SHARE_CODE_LENGTH, step))


def share_code_normalise(code: str) -> str:
    return resume_code_normalise(code)


def share_code_is_well_formed(code: str) -> bool:
    normalised = share_code_normalise(code)
    return len(normalised) == SHARE_CODE_LENGTH and all(c in ALPHABET for c in normalised)


def share_code_digest(code: str) -> str:
    normalised = share_code_normalise(code).encode()
    return hmac.new(_key(b"share-code"), normalised, hashlib.sha256).hexdigest()


# An invitation code grants an account, so it never travels in a URL that a log keeps: the
# link carries it after "#", which browsers never send, and the page posts it. 16 characters
# in 4 groups (≈ 78 bits), so it can also be typed from a message.
INVITATION_CODE_GROUPS = 4
INVITATION_CODE_LENGTH = INVITATION_CODE_GROUPS * SHARE_CODE_GROUP_LENGTH


def invitation_token_generate() -> str:
    """A new invitation code, formatted for reading: `K7QM-3XWD-9PRT-H4NB`."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(INVITATION_CODE_LENGTH))
    step = SHARE_CODE_GROUP_LENGTH
    return "-".join(raw[i : i + step] for i in range(0, INVITATION_CODE_LENGTH, step))


def invitation_token_is_well_formed(token: str) -> bool:
    normalised = resume_code_normalise(token or "")
    return len(normalised) == INVITATION_CODE_LENGTH and all(c in ALPHABET for c in normalised)


def invitation_token_digest(token: str) -> str:
    normalised = resume_code_normalise(token or "").encode()
    return hmac.new(_key(b"invitation"), normalised, hashlib.sha256).hexdigest()


def digests_match(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
