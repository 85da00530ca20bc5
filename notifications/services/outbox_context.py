"""The values of an e-mail written now and rendered by its sender, as JSON.

The deadline sweep writes hundreds of e-mails under its row locks; rendering each template
there would hold the locks a millisecond per e-mail. It stores what the template needs
instead, and the sender renders it in the recipient's language. Times keep their instant;
a lazy translation keeps its bokmål source text, translated when rendered, so each
recipient reads it in their own language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise

_TIME = "$time"
_TEXT = "$text"


def encode(context: Mapping[str, object]) -> dict[str, Any]:
    """JSON for ``context``: text, numbers, booleans, None, times, lazy translations, and
    lists and mappings of them. Anything else (a model, a form) is refused: the case and
    the recipient travel as the row's own ids. Call it with no language active
    (``translation.override(None)``): a lazy translation then gives its source text."""
    return {str(key): _encode(value) for key, value in context.items()}


def _encode(value: object) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Promise):
        return {_TEXT: str(value)}
    if isinstance(value, datetime):
        return {_TIME: value.isoformat()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _encode(item) for key, item in value.items()}
    raise TypeError(f"An e-mail rendered by its sender cannot carry a {type(value).__name__}.")


def decode(data: Mapping[str, Any]) -> dict[str, object]:
    """The context back from ``encode``; call it with the recipient's language active."""
    return {key: _decode(value) for key, value in data.items()}


def _decode(value: Any) -> object:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if set(value) == {_TEXT}:
            return translation.gettext(value[_TEXT])
        if set(value) == {_TIME}:
            return parse_datetime(value[_TIME])
        return {key: _decode(item) for key, item in value.items()}
    return value
