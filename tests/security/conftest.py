"""Fixtures of the security tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.worlds import World, build_world


@pytest.fixture
def world(make_user: Any, make_incident: Any) -> World:
    return build_world(make_user, make_incident)
