"""Domain errors raised by services and mapped to HTTP answers and page messages.

Messages are user-facing (translated with gettext); they never carry personal data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """Base of the errors a service raises for a person to act on."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class Conflict(DomainError):
    """Not possible in the case's current state, or someone else changed it first (409)."""


class Unavailable(Conflict):
    """Something the action needs could not be reached (the virus scanner): nothing was
    done, try again later (503 in the API; on a page, a message like a conflict's)."""


class NotPermitted(DomainError):
    """The role may not do this (403)."""


class Invalid(DomainError):
    """Bad input, by field (400): ``{"field": ["message", ...]}``."""

    def __init__(self, errors: Mapping[str, Sequence[str] | str]) -> None:
        self.errors: dict[str, list[str]] = {
            field: [str(m) for m in ([messages] if isinstance(messages, str) else messages)]
            for field, messages in errors.items()
        }
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items()))
