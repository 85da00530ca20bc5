"""The values of an e-mail written now and rendered by its sender (outbox_context)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from notifications.services import outbox_context

ASSESSED = _("risikovurdering ikke avsluttet")
NO_HANDLER = _("ingen saksbehandler er tildelt")


def test_a_context_comes_back_in_the_recipients_language_with_its_instant() -> None:
    deadline = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night summer time begins
    context = {"deadline": deadline, "hours": 47, "escalated": False, "missing": [ASSESSED], "nested": {"a": None}}
    with translation.override(None):
        stored = outbox_context.encode(context)
    assert stored["missing"] == [{"$text": "risikovurdering ikke avsluttet"}]
    with translation.override("nn"):
        back = outbox_context.decode(stored)
    assert back == {
        "deadline": deadline,
        "hours": 47,
        "escalated": False,
        "missing": ["risikovurderinga er ikkje avslutta"],
        "nested": {"a": None},
    }


def test_texts_shared_by_many_contexts_are_each_kept_as_their_own_source() -> None:
    texts: dict[int, str] = {}
    with translation.override(None):
        first = outbox_context.encode({"missing": [ASSESSED, NO_HANDLER]}, texts)
        second = outbox_context.encode({"missing": [NO_HANDLER]}, texts)
        third = outbox_context.encode({"missing": [ASSESSED]}, texts)
    assert first["missing"] == [
        {"$text": "risikovurdering ikke avsluttet"},
        {"$text": "ingen saksbehandler er tildelt"},
    ]
    assert second["missing"] == [{"$text": "ingen saksbehandler er tildelt"}]
    assert third["missing"] == [{"$text": "risikovurdering ikke avsluttet"}]
    assert sorted(texts.values()) == ["ingen saksbehandler er tildelt", "risikovurdering ikke avsluttet"]


def test_a_model_or_other_object_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot carry a object"):
        outbox_context.encode({"case": object()})
