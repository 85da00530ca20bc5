"""National ID numbers at rest: encrypted with rotating keys, found by a keyed hash."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from core import national_id as crypto

NUMBER = "15076500565"


def test_round_trip_and_no_plaintext_in_the_token() -> None:
    token = crypto.encrypt(NUMBER)
    assert NUMBER not in token
    assert crypto.decrypt(token) == NUMBER
    assert crypto.encrypt(NUMBER) != token  # a fresh IV each time: equal numbers do not look equal


def test_the_lookup_key_is_keyed() -> None:
    import hashlib

    key = crypto.lookup_key(NUMBER)
    assert key == crypto.lookup_key(NUMBER)
    assert key != hashlib.sha256(NUMBER.encode()).hexdigest()
    with override_settings(AVVIK_NATIONAL_ID_HMAC_KEY="another secret"):
        assert crypto.lookup_key(NUMBER) != key


def test_rotation_first_key_encrypts_all_decrypt() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(AVVIK_NATIONAL_ID_KEYS=[old]):
        token = crypto.encrypt(NUMBER)
        old_lookup = crypto.lookup_key(NUMBER)
    with override_settings(AVVIK_NATIONAL_ID_KEYS=[new, old]):
        assert crypto.decrypt(token) == NUMBER
        rotated = crypto.reencrypt(token)
        assert old_lookup in crypto.lookup_keys(NUMBER)
        assert crypto.lookup_keys(NUMBER)[0] == crypto.lookup_key(NUMBER) != old_lookup
    with override_settings(AVVIK_NATIONAL_ID_KEYS=[new]):
        assert crypto.decrypt(rotated) == NUMBER
        with pytest.raises(crypto.NationalIdKeyError) as caught:
            crypto.decrypt(token)
        assert token not in str(caught.value)


def test_bad_keys_are_named_by_position_not_value() -> None:
    good = Fernet.generate_key().decode()
    with pytest.raises(ValueError, match="key number 2") as caught:
        crypto.parse_keys(f"{good}, not-a-key-at-all")
    assert "not-a-key" not in str(caught.value)
    assert crypto.parse_keys(f" {good} ,") == [good]


def test_the_development_key_is_used_only_without_keys() -> None:
    with override_settings(AVVIK_NATIONAL_ID_KEYS=[]):
        assert crypto.uses_development_key()
    with override_settings(AVVIK_NATIONAL_ID_KEYS=[Fernet.generate_key().decode()]):
        assert not crypto.uses_development_key()
