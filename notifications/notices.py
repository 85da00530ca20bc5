"""Notices to the people affected (art. 34) and public notices (art. 34(3)(c)).

The models live in ``notifications.models.notices``; the names stay importable from here
(migrations name ``notifications.notices.new_token`` as the token's default)."""

from notifications.models.notices import LANGUAGES as LANGUAGES
from notifications.models.notices import PART_LABELS as PART_LABELS
from notifications.models.notices import PARTS as PARTS
from notifications.models.notices import Audience as Audience
from notifications.models.notices import FrozenNotice as FrozenNotice
from notifications.models.notices import Notice as Notice
from notifications.models.notices import PublicNotice as PublicNotice
from notifications.models.notices import PublicNoticeVersion as PublicNoticeVersion
from notifications.models.notices import new_token as new_token
