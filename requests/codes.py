"""Resume codes: how a person comes back to a draft without an account.

A code is 16 characters in 4 groups of 4, drawn with `secrets` from 30 characters that are
hard to confuse when read aloud or copied by hand (no 0/O, 1/I/L, U/V): 16 × log2(30) ≈ 78
bits. Only a keyed digest is stored, so a database copy alone cannot bring a draft back.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4
CODE_LENGTH = GROUPS * GROUP_LENGTH

_SEPARATORS = re.compile(r"[\s\-_.]+")


def resume_code_generate() -> str:
    """A new code, formatted for reading: `K7QM-3XWD-9PRT-H4NB`."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def resume_code_normalise(code: str) -> str:
    """Upper-case, without spaces or dashes, so `k7qm 3xwd…` and `K7QM-3XWD…` are the same."""
    return _SEPARATORS.sub("", code or "").upper()


def resume_code_is_well_formed(code: str) -> bool:
    normalised = resume_code_normalise(code)
    return len(normalised) == CODE_LENGTH and all(c in ALPHABET for c in normalised)


def _digest_key() -> bytes:
    # A key of its own, derived from SECRET_KEY, so this digest is useless for anything else.
    return hashlib.sha256(b"portal.resume-code:" + settings.SECRET_KEY.encode()).digest()


def resume_code_digest(code: str) -> str:
    """HMAC-SHA256 (hex) of the normalised code."""
    normalised = resume_code_normalise(code).encode()
    return hmac.new(_digest_key(), normalised, hashlib.sha256).hexdigest()


def digests_match(a: str, b: str) -> bool:
    """Constant-time comparison, so response time reveals nothing about a stored digest."""
    return hmac.compare_digest(a.encode(), b.encode())


# --- Case references ---------------------------------------------------------------------------
# A short name for a case, so that a person and a CAVAC worker can speak of it on the phone
# without a name: `K7Q-M3X`. Drawn at random (never from an answer), printed on every document
# and shown on the tracker and the helpers' dashboard. It is not a credential: it opens
# nothing, and no address ever carries it.
REFERENCE_LENGTH = 6


def case_reference_generate() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{raw[:3]}-{raw[3:]}"
