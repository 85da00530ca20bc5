"""The approved notice as each person's e-mail (art. 34(2)): built in full by Django, or,
for a batch, rendered once and filled in per person (``BatchRender``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape

from notifications.transport import build_message, header_safe

_PLACEHOLDER_TO = "recipient@placeholder.invalid"
_PLACEHOLDER_ID = "<placeholder@placeholder.invalid>"
_PLACEHOLDER_NAME = "Xq7NamePlaceholderQ7x"


class BatchRender:
    """The notice is the same for everyone: render its MIME message once per batch and put
    each person's address and Message-ID into the two header lines, and their name into the
    greeting. Only for plain ASCII addresses and names that read the same in text and HTML,
    and only where the body is written unencoded (8bit, Django's choice for short lines);
    anything else goes through ``build_message`` in full."""

    def __init__(self, notices: dict[int, Any]) -> None:
        from django.core.mail.message import sanitize_address

        self.sender = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")
        self.plain: dict[int, tuple[bytes, bytes]] = {}
        self.named: dict[int, tuple[bytes, bytes]] = {}
        for pk, notice in notices.items():
            for name, templates, slots in (("", self.plain, 0), (_PLACEHOLDER_NAME, self.named, 2)):
                raw = (
                    notice_message(notice, to=_PLACEHOLDER_TO, name=name, message_id=_PLACEHOLDER_ID)
                    .message()
                    .as_bytes(linesep="\r\n")
                )
                head, separator, body = raw.partition(b"\r\n\r\n")
                if (
                    head.count(_PLACEHOLDER_TO.encode()) == 1
                    and head.count(_PLACEHOLDER_ID.encode()) == 1
                    and body.count(_PLACEHOLDER_NAME.encode()) == slots
                ):
                    templates[pk] = (head, separator + body)

    def render(self, notice_id: int, address: str, message_id: str, name: str = "") -> bytes | None:
        name = " ".join(name.split())
        template = (self.named if name else self.plain).get(notice_id)
        if template is None or not address.isascii() or header_safe(address, 254) != address:
            return None
        if name and (len(name) > 200 or escape(name) != name):
            return None  # the HTML part would need the name escaped: a message of its own
        head, rest = template
        head = head.replace(_PLACEHOLDER_TO.encode(), address.encode()).replace(
            _PLACEHOLDER_ID.encode(), message_id.encode()
        )
        if name:
            rest = rest.replace(_PLACEHOLDER_NAME.encode(), name.encode("utf-8"))
        return head + rest


def notice_message(
    notice: Any, *, to: str, name: str, message_id: str, connection: Any = None
) -> EmailMultiAlternatives:
    """The approved notice as one person's e-mail (art. 34(2)): from the organisation, with
    answers to the DPO, greeting the person by name when the list has one, and saying
    which language it is in."""
    from incidents.models import Organisation
    from notifications.selectors.rendering import personalise

    organisation = Organisation.current()
    return build_message(
        to=to,
        subject=notice.frozen_subject,
        body_text=personalise(notice.frozen_text, name=name, language=notice.language),
        body_html=personalise(notice.frozen_html, name=name, language=notice.language, html=True),
        message_id=message_id,
        connection=connection,
        from_name=organisation.sender_name,
        reply_to=organisation.reply_to,
        language=notice.language,
    )
