"""The API's JSON parser: bounded in size and depth, and refusing NUL characters.

DRF's own parser reads a body of any size, lets a deeply nested body end in a
RecursionError (a 500), and accepts "\\u0000", which PostgreSQL cannot store. Each of these
is a 400 or 413 here, in the words of CONTRACT.md's error shape."""

from __future__ import annotations

import io
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers, status

from core.text import NUL, NUL_MESSAGE

MAX_DEPTH = 32


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("Forespørselen er for stor.")
    default_code = "too_large"


def _first_nul(data: Any, max_depth: int = MAX_DEPTH) -> str | None:
    """The top-level field holding a NUL character ("" for the body itself), or None.
    Raises ParseError past ``max_depth`` levels. Iterative: no recursion to exhaust."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, field, depth = stack.pop()
        if depth > max_depth:
            raise exceptions.ParseError(_("JSON-dokumentet er for dypt nøstet."))
        if isinstance(value, str):
            if NUL in value:
                return field
        elif isinstance(value, dict):
            for key, item in value.items():
                name = field or str(key)
                if NUL in str(key):
                    return ""
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, field, depth + 1) for item in value)
    return None


class JSONParser(parsers.JSONParser):
    def parse(self, stream: IO[Any], media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None:
            too_large = _("Forespørselen er for stor: høyst %(size)s kB med JSON.") % {"size": limit // 1024}
            request = (parser_context or {}).get("request")
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
            except ValueError:
                length = 0
            if length > limit:
                raise BodyTooLarge(too_large)
            # A body sent without a length (chunked) is read only up to the limit.
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise BodyTooLarge(too_large)
            stream = io.BytesIO(body)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(_("JSON-dokumentet er for dypt nøstet.")) from error
        field = _first_nul(data)
        if field is not None:
            raise exceptions.ValidationError({field or "non_field_errors": [NUL_MESSAGE]})
        return data
