"""Building and sending one message. Headers come only from checked values."""

from __future__ import annotations

import contextlib
import re
import smtplib
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


_LEADING_DOT = re.compile(rb"(?m)^\.")


def send_one(smtp: smtplib.SMTP, sender: str, address: str, raw: bytes) -> None:
    """``smtp.sendmail(sender, [address], raw)`` for one ready message (CRLF line ends),
    raising the same exceptions; ``Pipeline`` for several over one connection."""
    Pipeline(smtp, sender).send(address, raw)


class Pipeline:
    """Ready messages, one after another, over one SMTP connection (RFC 2920 PIPELINING,
    which Postfix, Exim, Exchange and the large mail services offer; without it, plain
    ``sendmail``). Each message's MAIL FROM, RCPT TO and DATA go in one write and their
    answers are read together. With ``then``, the envelope of the message that comes next
    goes in the same write as this message's final dot: one round trip per message, not
    two. What may be lost or sent twice stays the same: a message counts as accepted only
    on the answer after its final dot, and the next message's body is not written before
    the next ``send``, which the caller makes after recording this one. The envelope alone
    delivers nothing: a connection closed after it leaves no message behind."""

    def __init__(self, smtp: smtplib.SMTP, sender: str) -> None:
        self.smtp = smtp
        self.sender = sender
        self._ahead: str | None = None  # whose envelope is written, its answers unread

    def send(self, address: str, raw: bytes, then: tuple[str, bytes] | None = None) -> None:
        """Send ``raw`` to ``address``, raising as ``smtplib.SMTP.sendmail`` does. ``then``:
        the address and message the caller will send next, if the server pipelines."""
        smtp = self.smtp
        smtp.ehlo_or_helo_if_needed()
        if not smtp.has_extn("pipelining"):
            smtp.sendmail(self.sender, [address], raw)
            return
        if self._ahead is None:
            smtp.send(self._envelope(address, raw))
        elif self._ahead != address:
            raise ValueError("the envelope written ahead is for another message")
        self._ahead = None
        self._envelope_answers(address)
        body = _LEADING_DOT.sub(b"..", raw)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        if then and not then[0].isascii():
            then = None  # its envelope needs SMTPUTF8: written on its own, by its own send
        smtp.send(body + b".\r\n" + (self._envelope(*then) if then else b""))
        if then:
            self._ahead = then[0]
        code, answer = smtp.getreply()
        if code != 250:
            if code == 421:
                self._ahead = None
                smtp.close()  # the server is closing the connection
            elif self._ahead is None:
                _reset(smtp)  # nothing written after the dot: RSET is safe
            raise smtplib.SMTPDataError(code, answer)

    def close(self) -> None:
        """Close the socket without QUIT when an envelope was written ahead: its DATA may
        have been accepted, so a QUIT would be read as the start of a message. Nothing is
        delivered from a message that never got its final dot."""
        if self._ahead is not None:
            self._ahead = None
            self.smtp.close()

    def _envelope(self, address: str, raw: bytes) -> bytes:
        size = f" SIZE={len(raw)}" if self.smtp.has_extn("size") else ""
        return (
            f"MAIL FROM:{smtplib.quoteaddr(self.sender)}{size}\r\nRCPT TO:{smtplib.quoteaddr(address)}\r\nDATA\r\n"
        ).encode("ascii")

    def _envelope_answers(self, address: str) -> None:
        smtp = self.smtp
        mail, rcpt, data = smtp.getreply(), smtp.getreply(), smtp.getreply()
        if data[0] == 354 and (mail[0] != 250 or rcpt[0] not in (250, 251)):
            smtp.send(b".\r\n")  # an empty message the server refuses: the envelope had failed
            smtp.getreply()
        if 421 in (mail[0], rcpt[0], data[0]):
            smtp.close()
        elif mail[0] != 250 or rcpt[0] not in (250, 251) or data[0] != 354:
            _reset(smtp)
        if mail[0] != 250:
            raise smtplib.SMTPSenderRefused(mail[0], mail[1], self.sender)
        if rcpt[0] not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({address: rcpt})
        if data[0] != 354:
            raise smtplib.SMTPDataError(*data)


def _reset(smtp: smtplib.SMTP) -> None:
    """RSET after a refusal; a connection already gone raises its own error on the next use."""
    with contextlib.suppress(smtplib.SMTPServerDisconnected):
        smtp.rset()
