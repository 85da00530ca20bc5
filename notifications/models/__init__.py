"""What notifications stores, one module per concept; models only. Django finds every model
of the app here."""

from notifications.models.delivery import Channel, Delivery, SendOrder
from notifications.models.letters import LetterBatch
from notifications.models.notices import (
    LANGUAGES,
    PART_LABELS,
    PARTS,
    Audience,
    Certainty,
    FrozenNotice,
    Notice,
    NoticeFacts,
    PublicNotice,
    PublicNoticeVersion,
    Reader,
    RecipientKind,
    new_token,
)
from notifications.models.outbox import OutboundEmail
from notifications.models.recipients import LANGUAGE_CODES, MAX_EMAIL, MAX_NAME, Recipient

__all__ = [
    "LANGUAGES",
    "LANGUAGE_CODES",
    "MAX_EMAIL",
    "MAX_NAME",
    "PARTS",
    "PART_LABELS",
    "Audience",
    "Certainty",
    "Channel",
    "Delivery",
    "FrozenNotice",
    "LetterBatch",
    "Notice",
    "NoticeFacts",
    "OutboundEmail",
    "PublicNotice",
    "PublicNoticeVersion",
    "Reader",
    "Recipient",
    "RecipientKind",
    "SendOrder",
    "new_token",
]
