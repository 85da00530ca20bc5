"""Building and sending one message. Headers come only from checked values."""

from __future__ import annotations

import re
import uuid
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

_HEADER_UNSAFE = re.compile(r"[\r\n\x00-\x1f\x7f]")


def header_safe(value: str, max_length: int = 200) -> str:
    """A single-line header value: control characters (CR/LF above all) become spaces."""
    return " ".join(_HEADER_UNSAFE.sub(" ", value).split())[:max_length]


def message_id_domain() -> str:
    """The right-hand side of our Message-IDs: the sender's domain."""
    return header_safe(settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "avvik.local", 100)


def new_message_id(domain: str | None = None) -> str:
    """A new Message-ID; ``domain`` from ``message_id_domain`` when many are made at once."""
    return f"<{uuid.uuid4().hex}@{domain or message_id_domain()}>"


def build_message(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    message_id: str,
    connection: BaseEmailBackend | None = None,
    headers: dict[str, str] | None = None,
    from_name: str = "",
    reply_to: str = "",
    language: str = "",
) -> EmailMultiAlternatives:
    """``from_name``: the display name of the sender (the organisation, for a notice to
    the people affected), on the address of DEFAULT_FROM_EMAIL, which the mail domain
    vouches for; ``reply_to``: where answers go; ``language``: Content-Language."""
    extra = {"Message-ID": message_id, "Auto-Submitted": "auto-generated"}
    if language:
        extra["Content-Language"] = header_safe(language, 20)
    message = EmailMultiAlternatives(
        subject=header_safe(subject, 255),
        body=body_text,
        from_email=sender(from_name),
        to=[header_safe(to, 254)],
        reply_to=[header_safe(reply_to, 254)] if reply_to else None,
        headers={**extra, **(headers or {})},
        connection=connection,
    )
    if body_html:
        message.attach_alternative(body_html, "text/html")
    return message


def sender(display_name: str = "") -> str:
    """DEFAULT_FROM_EMAIL, with ``display_name`` instead of its own name when given."""
    if not display_name.strip():
        return settings.DEFAULT_FROM_EMAIL
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((header_safe(display_name, 200), address or "avvik@localhost"))


def open_connection() -> BaseEmailBackend:
    return get_connection(fail_silently=False)
