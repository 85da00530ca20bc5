"""Fixtures shared by every test layer."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.roles import ROLES
from accounts.services import user_upsert

PASSWORD = "Test-passord-2026!"
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(role: str = "reporter", *, name: str = "", email: str | None = None) -> User:
        assert role in ROLES
        email = email or f"{role}{next(_counter)}@example.org"
        user, _created = user_upsert(email=email, role=role, password=PASSWORD, name=name or role.title())
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
    from incidents.services import Report, incident_report

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
