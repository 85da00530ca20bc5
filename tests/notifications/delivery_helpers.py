"""Shared set-up for the recipient and delivery tests: a case with approved notices and
people to tell, and an e-mail backend that fails the way SMTP servers do."""

from __future__ import annotations

import smtplib
import threading
from collections.abc import Sequence
from typing import Any, ClassVar

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from accounts.models import User
from incidents.models import Incident
from notifications.services.notices import notice_approve
from tests.worlds import write_notice_facts


def svarut_account(settings: Any, url: str = "https://svarut.example", username: str = "avsender") -> None:
    """The organisation's SvarUt sender account, all three settings (svarut.configured)."""
    settings.AVVIK_SVARUT_URL, settings.AVVIK_SVARUT_USERNAME, settings.AVVIK_SVARUT_PASSWORD = url, username, "passord"


def approve_notices(incident: Incident, dpo: User) -> None:
    write_notice_facts(incident, dpo)
    notice_approve(incident=incident, by=dpo)


def csv_bytes(
    rows: Sequence[Sequence[str]], *, header: str = "name,email,language", sep: str = ",", encoding: str = "utf-8"
) -> bytes:
    lines = [header.replace(",", sep)] + [sep.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def people(n: int, *, domain: str = "example.org", language: str = "nb") -> list[list[str]]:
    return [[f"Person {i}", f"person{i}@{domain}", language] for i in range(n)]


class FlakySmtpBackend(BaseEmailBackend):
    """Like an SMTP server: 550 for bounce@…, 451 for later@… (until ``heal``), a dropped
    connection for drop@…; records what it accepted with the Message-ID."""

    accepted: ClassVar[list[tuple[str, str, str]]] = []
    healed: ClassVar[bool] = False
    refuse_connection: ClassVar[bool] = False
    lock = threading.Lock()

    @classmethod
    def reset(cls) -> None:
        cls.accepted = []
        cls.healed = False
        cls.refuse_connection = False

    def open(self) -> bool:
        if FlakySmtpBackend.refuse_connection:
            raise ConnectionRefusedError(111, "Connection refused")
        return True

    def close(self) -> None:
        return None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            address = message.to[0]
            local = address.split("@")[0]
            if local == "bounce":
                raise smtplib.SMTPRecipientsRefused({address: (550, f"5.1.1 <{address}>: no such user".encode())})
            if local == "later" and not FlakySmtpBackend.healed:
                raise smtplib.SMTPRecipientsRefused({address: (451, b"4.7.1 try again later")})
            if local == "drop":
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            with FlakySmtpBackend.lock:
                FlakySmtpBackend.accepted.append(
                    (address, str(message.extra_headers.get("Message-ID")), message.subject)
                )
        return len(email_messages)


BACKEND = "tests.notifications.delivery_helpers.FlakySmtpBackend"


def accepted() -> list[tuple[str, str, str]]:
    return list(FlakySmtpBackend.accepted)


__all__: list[Any] = ["BACKEND", "FlakySmtpBackend", "accepted", "approve_notices", "csv_bytes", "people"]
