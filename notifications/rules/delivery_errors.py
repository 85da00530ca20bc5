"""What went wrong with one e-mail, read from the answer stored on its delivery (an SMTP
reply such as «550 5.1.1 <mottaker>: user unknown», or the name of the error when no server
answered), as one of a few kinds that a page says in words. Pure: no Django, no database."""

from __future__ import annotations

import re

from notifications.rules.channels import EMAIL, SVARUT

NO_SUCH_ADDRESS = "no_such_address"
MAILBOX_FULL = "mailbox_full"
REFUSED = "refused"
UNREACHABLE = "unreachable"
TEMPORARY = "temporary"
OTHER = "other"
# No channel of the organisation's could reach the person (e.g. known only by national ID,
# and SvarUt not set up): stored as the error of a delivery made failed at once.
NO_CHANNEL = "no_channel"
NO_CHANNEL_ERROR = "no-channel"
# A SvarUt shipment that SvarUt refused or could not deliver, by the status it reported:
# «SvarUt: AVVIST» (stored so by the SvarUt sender's status poll).
SVARUT_STATUS_PREFIX = "SvarUt: "

_REPLY = re.compile(r"^\s*(\d{3})(?:[\s-]+(\d)\.(\d{1,3})\.(\d{1,3}))?")
_UNKNOWN_WORDS = ("user unknown", "unknown user", "no such user", "does not exist", "not found", "unknown recipient")
_FULL_WORDS = ("mailbox full", "quota", "over quota", "insufficient storage")
# Error names a connection that never reached a server leaves (delivery._error_text).
_NETWORK_ERRORS = (
    "ConnectionRefusedError",
    "ConnectionResetError",
    "SMTPServerDisconnected",
    "SMTPConnectError",
    "TimeoutError",
    "gaierror",
    "OSError",
)


def error_kind(error: str) -> str:
    """The kind of failure of a stored delivery error (RFC 5321 reply codes and RFC 3463
    enhanced status codes, else the words servers commonly use)."""
    text = error.strip()
    if text == NO_CHANNEL_ERROR:
        return NO_CHANNEL
    lowered = text.lower()
    if text.startswith(_NETWORK_ERRORS):
        return UNREACHABLE
    match = _REPLY.match(text)
    if match is None:
        return OTHER
    code = int(match.group(1))
    # RFC 3463 class.subject.detail: X.1.1-3 a bad address, X.2.2 a full mailbox.
    subject, detail = match.group(3, 4)
    if subject == "1" and detail in ("1", "2", "3"):
        return NO_SUCH_ADDRESS
    if (subject, detail) == ("2", "2") or code == 552 or any(w in lowered for w in _FULL_WORDS):
        return MAILBOX_FULL
    if 400 <= code < 500:
        return TEMPORARY
    if code in (550, 551, 553) and any(w in lowered for w in _UNKNOWN_WORDS):
        return NO_SUCH_ADDRESS
    if 500 <= code < 600:
        return REFUSED
    return OTHER


def failed_for_good(channel: str, error: str) -> bool:
    """Whether the same channel cannot reach the person however often it is tried: an
    e-mail address that does not exist or whose server refuses it (a 5xx bounce, not a full
    mailbox or a server that did not answer), a shipment SvarUt refused or could not
    deliver, or no channel at all. Then a retry takes the next way of reaching them."""
    kind = error_kind(error)
    if kind == NO_CHANNEL:
        return True
    if channel == EMAIL:
        return kind in (NO_SUCH_ADDRESS, REFUSED)
    if channel == SVARUT:
        return error.strip().startswith(SVARUT_STATUS_PREFIX)
    return False
