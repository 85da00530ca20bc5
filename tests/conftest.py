"""Fixtures shared by every test layer."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from accounts.models import User
from accounts.roles import ROLES
from accounts.services import user_upsert

# Property tests prove what the rules decide, never how fast: on a busy machine an example
# may take longer than hypothesis's default 200 ms, which is not a failure of the rule.
hypothesis_settings.register_profile("avvik", deadline=None)
hypothesis_settings.load_profile("avvik")

PASSWORD = "Test-passord-2026!"
# Users with a two-factor role are enrolled with this secret (RFC 6238 test vector key).
TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
_counter = itertools.count(1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked slow first (in their order): spread over the workers from the start,
    none of them is left to run alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """An in-memory SQLite test database is made from the models, not by running every
    migration (seconds of Django rebuilding its model states, in each test process).
    tests/test_deploy.py migrates a SQLite file and checks it comes out the same; on
    PostgreSQL (the integration tests) the migrations run as in production."""
    from django.db import connections

    for alias in connections:
        database = connections[alias].settings_dict
        if database["ENGINE"] == "django.db.backends.sqlite3":
            database["TEST"]["MIGRATE"] = False


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts in bokmål: a request in another language must not leak into the next."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _attachment_storage(settings: Any, tmp_path_factory: Any) -> None:
    """Files attached in a test go to a folder of its own, and no virus scanner is asked
    unless the test sets one (tests/integration/test_clamav.py starts a real clamd)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("attachments")), "base_url": None},
        },
    }
    settings.AVVIK_CLAMD = ""


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(role: str = "reporter", *, name: str = "", email: str | None = None) -> User:
        assert role in ROLES
        email = email or f"{role}{next(_counter)}@example.org"
        secret = TOTP_SECRET if role in settings.AVVIK_TWO_FACTOR_ROLES else None
        user, _created = user_upsert(
            email=email, role=role, password=PASSWORD, name=name or role.title(), totp_secret=secret
        )
        return User.objects.get(pk=user.pk)  # fresh: no cached permissions

    return make


@pytest.fixture
def users(make_user: Callable[..., User]) -> dict[str, User]:
    """One user per role."""
    return {role: make_user(role) for role in ROLES}


@pytest.fixture
def report_data() -> Callable[..., dict[str, Any]]:
    def make(**changes: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": "E-post med elevliste sendt til feil mottaker",
            "description": "En liste med navn og fødselsnummer til 31 elever ble sendt til en forelder.",
            "discovered_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "breach_types": ["confidentiality"],
            "approx_subjects": 31,
            "data_categories": ["basic", "national_id"],
        }
        data.update(changes)
        return data

    return make


@pytest.fixture
def make_incident(users: dict[str, User]) -> Callable[..., Any]:
    from incidents.services.cases import Report, incident_report

    def make(by: User | None = None, now: datetime | None = None, **changes: Any) -> Any:
        values: dict[str, Any] = {
            "title": "Mistet mobiltelefon",
            "description": "En ansatt mistet en ulåst mobiltelefon med e-post på bussen.",
            "discovered_at": (now or timezone.now()) - timedelta(minutes=30),
            "breach_types": ("confidentiality",),
            "data_categories": ("basic",),
            "approx_subjects": 12,
        }
        values.update(changes)
        return incident_report(by=by or users["reporter"], report=Report(**values), now=now)

    return make


def totp_code(secret: str = TOTP_SECRET, at: float | None = None) -> str:
    """The RFC 6238 code an authenticator app would show."""
    import base64
    import hashlib
    import hmac
    import struct
    import time

    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def login(client: Client, user: Any) -> Client:
    """Log a test client in as ``user``, with the second factor verified where the role needs it."""
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    client.force_login(user)
    device = next(iter(devices_for_user(user, confirmed=True)), None)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
