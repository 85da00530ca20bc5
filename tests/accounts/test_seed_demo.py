"""#14: the demo users (published passwords, a published two-factor key) are only made on a
development or an explicitly declared demo site."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_with_debug_off(settings: Any, monkeypatch: Any) -> None:
    settings.DEBUG = False
    monkeypatch.delenv("AVVIK_DEMO_SITE", raising=False)
    with pytest.raises(CommandError, match="--allow-demo-site"):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()


def test_seed_demo_runs_with_debug_on_or_for_a_declared_demo_site(settings: Any, monkeypatch: Any, capsys: Any) -> None:
    settings.DEBUG = True
    call_command("seed_demo")
    assert "personvernombud@avvik.example" in capsys.readouterr().out
    settings.DEBUG = False
    call_command("seed_demo", allow_demo_site=True)
    monkeypatch.setenv("AVVIK_DEMO_SITE", "true")
    call_command("seed_demo")
    assert User.objects.filter(email__endswith="@avvik.example").count() == 5


def test_the_demo_users_who_see_other_cases_have_the_demo_key(settings: Any) -> None:
    from incidents.demo import seed_demo

    seed_demo()
    for email, must in [
        ("melder@avvik.example", False),
        ("saksbehandler@avvik.example", True),
        ("personvernombud@avvik.example", True),
        ("ledelse@avvik.example", True),
        ("revisor@avvik.example", True),
    ]:
        user = User.objects.get(email=email)
        assert user.must_use_two_factor is must
        assert user.totpdevice_set.filter(confirmed=True).exists() is must
