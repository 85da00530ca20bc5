"""Building and sending one message. Headers come only from checked values."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

_HEADER_UNSAFE = re.compile(r"[\r\n\x00-\x1f\x7f]")


def header_safe(value: str, max_length: int = 200) -> str:
    """A single-line header value: control characters (CR/LF above all) become spaces."""
    return " ".join(_HEADER_UNSAFE.sub(" ", value).split())[:max_length]


def new_message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "avvik.local"
    return f"<{uuid.uuid4().hex}@{header_safe(domain, 100)}>"


def build_message(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    message_id: str,
    connection: BaseEmailBackend | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=header_safe(subject, 255),
        body=body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[header_safe(to, 254)],
        headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated", **(headers or {})},
        connection=connection,
    )
    if body_html:
        message.attach_alternative(body_html, "text/html")
    return message


def open_connection() -> BaseEmailBackend:
    return get_connection(fail_silently=False)
