"""A failed e-mail's stored answer read as a kind of failure, for the recipients page."""

from __future__ import annotations

import pytest

from notifications.rules.delivery_errors import (
    MAILBOX_FULL,
    NO_SUCH_ADDRESS,
    OTHER,
    REFUSED,
    TEMPORARY,
    UNREACHABLE,
    error_kind,
)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        ("550 5.1.1 <mottaker>: Recipient address rejected: User unknown", NO_SUCH_ADDRESS),
        ("550 5.1.2 Bad destination system address", NO_SUCH_ADDRESS),
        ("553 5.1.3 Bad destination mailbox address syntax", NO_SUCH_ADDRESS),
        ("550 No such user here", NO_SUCH_ADDRESS),  # no enhanced code: the words
        ("551 User not local; mailbox does not exist", NO_SUCH_ADDRESS),
        ("552 5.2.2 Mailbox full", MAILBOX_FULL),
        ("452 4.2.2 The email account that you tried to reach is over quota", MAILBOX_FULL),
        ("552 Requested mail action aborted", MAILBOX_FULL),
        ("550 5.7.1 Message rejected as spam", REFUSED),
        ("554 Transaction failed", REFUSED),
        ("550 Relaying denied", REFUSED),
        ("421 4.7.0 Try again later", TEMPORARY),
        ("451 Temporary local problem", TEMPORARY),
        ("ConnectionRefusedError: [Errno 111] Connection refused", UNREACHABLE),
        ("SMTPServerDisconnected: Connection unexpectedly closed", UNREACHABLE),
        ("TimeoutError: timed out", UNREACHABLE),
        ("gaierror: [Errno -2] Name or service not known", UNREACHABLE),
        ("550 5.1.1 Address rejected", NO_SUCH_ADDRESS),  # the enhanced code alone
        ("553 sorry, no such user", NO_SUCH_ADDRESS),
        ("452 4.2.2 Try later", MAILBOX_FULL),  # the enhanced code alone
        ("400 Odd but temporary", TEMPORARY),  # the edges of each class
        ("499 Odd but temporary", TEMPORARY),
        ("500 Syntax error", REFUSED),
        ("599 Odd but permanent", REFUSED),
        ("600 Not an SMTP reply", OTHER),
        ("", OTHER),
        ("ValueError: something odd", OTHER),
        ("250 OK", OTHER),  # not a failure answer at all
        ("5.1.1 without a reply code", OTHER),
    ],
)
def test_each_answer_is_read_as_its_kind(error: str, kind: str) -> None:
    assert error_kind(error) == kind


@pytest.mark.parametrize(
    ("channel", "error", "for_good"),
    [
        ("email", "550 5.1.1 <mottaker>: user unknown", True),
        ("email", "554 5.7.1 rejected", True),
        ("email", "552 5.2.2 mailbox full", False),  # may empty; the same way is tried again
        ("email", "451 4.7.1 try again later", False),
        ("email", "ConnectionRefusedError: [Errno 111]", False),
        ("email", "no-channel", True),
        ("svarut", "SvarUt: AVVIST", True),
        ("svarut", "SvarUt: IKKE_LEVERT", True),
        ("svarut", "503 Service Unavailable", False),
        ("svarut", "no-channel", True),
        ("letter", "550 5.1.1 user unknown", False),
        ("letter", "no-channel", True),
    ],
)
def test_failed_for_good(channel: str, error: str, for_good: bool) -> None:
    from notifications.rules.delivery_errors import failed_for_good

    assert failed_for_good(channel, error) is for_good
