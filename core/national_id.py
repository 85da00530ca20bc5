"""National ID numbers (fødselsnummer, D-nummer) at rest: encrypted, and found by a keyed hash.

A national ID number is the one identifier that follows a person through every public
register, so it is never stored in the clear (art. 32(1)(a): encryption of personal data).
Each number is kept twice, neither readable without a key from the environment:

- ``encrypt`` — Fernet (AES-128-CBC with HMAC-SHA256) under ``AVVIK_NATIONAL_ID_KEYS``, a
  comma-separated list: the first key encrypts, every key decrypts (``MultiFernet``), so a
  key is rotated by putting a new one first and running ``manage.py
  reencrypt_national_ids``, then removing the old one.
- ``lookup_key`` — HMAC-SHA256 of the normalised number, so that the same person cannot be
  on a case twice without anyone being able to compare the column with a list of all
  numbers (an unkeyed hash of 11 digits, of which only some 40 million are valid, is
  reversed in seconds). The HMAC key is ``AVVIK_NATIONAL_ID_HMAC_KEY`` when it is set, else
  one derived from each Fernet key; ``lookup_keys`` gives the hash under every key known,
  so a person is recognised across a rotation until the command has recomputed them all.

The keys are read from settings (``config/settings.py``), which refuses to start with
DEBUG off and no keys, and uses a fixed development key otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

# Not secret, and must never protect real numbers: only used with DEBUG on and no key set,
# so that development data and tests survive a restart.
DEVELOPMENT_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"avvik development national ID key").digest()).decode()
_LOOKUP_LABEL = b"avvik national ID lookup key"
_UNDECRYPTABLE = "A national ID cannot be decrypted with the keys in AVVIK_NATIONAL_ID_KEYS."


class NationalIdKeyError(Exception):
    """A national ID cannot be decrypted with any key configured."""


def parse_keys(value: str) -> list[str]:
    """The Fernet keys of ``AVVIK_NATIONAL_ID_KEYS``; raises ValueError naming the bad one by
    its position (never its value)."""
    keys = [item.strip() for item in value.split(",") if item.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError) as error:
            raise ValueError(
                f"AVVIK_NATIONAL_ID_KEYS: key number {position} is not a Fernet key "
                "(32 bytes, URL-safe base64; make one with "
                '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`).'
            ) from error
    return keys


def _configured() -> tuple[tuple[str, ...], str]:
    keys = tuple(getattr(settings, "AVVIK_NATIONAL_ID_KEYS", None) or (DEVELOPMENT_KEY,))
    return keys, str(getattr(settings, "AVVIK_NATIONAL_ID_HMAC_KEY", "") or "")


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _derived_lookup_key(fernet_key: str) -> bytes:
    return hmac.new(fernet_key.encode(), _LOOKUP_LABEL, hashlib.sha256).digest()


def _lookup_secrets() -> list[bytes]:
    keys, hmac_key = _configured()
    if hmac_key:
        return [hmac_key.encode()]
    return [_derived_lookup_key(key) for key in keys]


def encrypt(number: str) -> str:
    """The number encrypted under the first key, as text for a database column."""
    keys, _ = _configured()
    return _fernet(keys).encrypt(number.encode()).decode()


def _open(token: str, *, rotate: bool) -> str:
    if not token:
        return ""
    keys, _ = _configured()
    fernet = _fernet(keys)
    try:
        return (fernet.rotate(token.encode()) if rotate else fernet.decrypt(token.encode())).decode()
    except InvalidToken as error:
        # Never the token: it is as sensitive as the number to whoever holds an old key.
        raise NationalIdKeyError(_UNDECRYPTABLE) from error


def decrypt(token: str) -> str:
    """The number back, with whichever key encrypted it; "" for an empty column."""
    return _open(token, rotate=False)


def reencrypt(token: str) -> str:
    """The same number under the first key (MultiFernet.rotate); "" stays ""."""
    return _open(token, rotate=True)


def lookup_key(number: str) -> str:
    """The keyed hash stored beside the ciphertext (hex), under the current key."""
    return hmac.new(_lookup_secrets()[0], number.encode(), hashlib.sha256).hexdigest()


def lookup_keys(number: str) -> list[str]:
    """The keyed hash under every key configured: the current first."""
    return [hmac.new(secret, number.encode(), hashlib.sha256).hexdigest() for secret in _lookup_secrets()]


def has_older_lookup_keys() -> bool:
    """Whether a number may also be stored under a hash of an older key (a rotation not yet
    finished), so that the unique constraint alone cannot find every person twice."""
    return len(_lookup_secrets()) > 1


def uses_development_key() -> bool:
    return not getattr(settings, "AVVIK_NATIONAL_ID_KEYS", None)
