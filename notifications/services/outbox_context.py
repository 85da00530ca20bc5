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


def encode(context: Mapping[str, object], texts: dict[int, str] | None = None) -> dict[str, Any]:
    """JSON for ``context``: text, numbers, booleans, None, times, lazy translations, and
    lists and mappings of them. Anything else (a model, a form) is refused: the case and
    the recipient travel as the row's own ids. Call it with no language active
    (``translation.override(None)``): a lazy translation then gives its source text.

    ``texts``, a dict the caller keeps while it encodes many contexts that share their
    lazy texts (the sweep's "what is missing" lines), holds each text's source by the
    object's id, so each is looked up once; the objects must outlive it."""
    memo: dict[int, str] = {} if texts is None else texts
    # Plain values, most of a context, are taken as they are without a call per value.
    return {str(key): value if type(value) in _PLAIN else _encode(value, memo) for key, value in context.items()}


_PLAIN = frozenset({type(None), bool, int, float, str})


def _encode(value: object, texts: dict[int, str]) -> Any:
    if type(value) in _PLAIN or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Promise):
        source = texts.get(id(value))
        if source is None:
            source = texts[id(value)] = str(value)
        return {_TEXT: source}
    if isinstance(value, datetime):
        return {_TIME: value.isoformat()}
    if isinstance(value, list | tuple):
        return [item if type(item) in _PLAIN else _encode(item, texts) for item in value]
    if isinstance(value, Mapping):
        return {str(key): item if type(item) in _PLAIN else _encode(item, texts) for key, item in value.items()}
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
