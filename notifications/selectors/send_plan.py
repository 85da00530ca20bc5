"""Who would get which notice if the DPO sent now: what the confirmation before sending
shows, and what ``notices_send`` records. One plan, so that the numbers the DPO confirms
are the numbers sent (art. 34(1): every person affected, once; 34(2): in plain language,
their own where a notice in it is approved)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from core.errors import Conflict
from incidents.models import Incident
from notifications.models import LANGUAGE_CODES as LANGUAGES
from notifications.models import Audience, Delivery, Reader, Recipient
from notifications.selectors.notices import current_notices, refuse_before_decision

NoticeMap = dict[tuple[int | None, str], int]


def notice_for(
    own_audience: int | None, language: str, notices: NoticeMap, first_audience: int | None, fallback: str
) -> tuple[int | None, bool, int | None]:
    """The notice one person gets: their audience's (or the first audience's) in their
    language, else in the organisation's default language. (notice id or None, whether the
    default language stood in, the audience looked at)."""
    audience_id = own_audience or first_audience
    if not audience_id:
        return None, False, None
    notice_id = notices.get((audience_id, language))
    if notice_id is not None:
        return notice_id, False, audience_id
    notice_id = notices.get((audience_id, fallback))
    return notice_id, notice_id is not None, audience_id


@dataclass(frozen=True)
class PlanRow:
    """The people of one audience with one language who have not had their notice yet."""

    audience: str
    reader: str  # who reads the notice, in words
    language: str  # the people's language (a code: the page names it)
    notice_language: str  # the language of the notice they get
    people: int

    @property
    def fallback(self) -> bool:
        return self.language != self.notice_language


@dataclass
class SendPlan:
    notices: NoticeMap
    first_audience: int | None
    fallback_language: str
    rows: list[PlanRow] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(row.people for row in self.rows)

    @property
    def fallbacks(self) -> int:
        return sum(row.people for row in self.rows if row.fallback)


def check_sendable(incident: Incident) -> None:
    """Raise Conflict unless the notices may be sent now: an open case, the DPO's decision
    to tell each person (art. 34(1)), every current notice approved."""
    if not incident.is_open:
        raise Conflict(_("Saken er avsluttet. Gjenåpne den for å sende varsler."))
    refuse_before_decision(incident, individually=True)


def send_plan(incident: Incident, fallback_language: str) -> SendPlan:
    """Raises Conflict when the notices may not be sent, or someone's audience has no
    approved notice. A fixed number of queries: one count per audience and language."""
    check_sendable(incident)
    current = current_notices(incident)
    if not current or any(not n.is_approved for n in current):
        raise Conflict(_("Varslene må godkjennes på alle språk før de kan sendes."))
    notices: NoticeMap = {(n.audience_id, n.language): n.pk for n in current}
    audiences = {a.pk: a for a in Audience.objects.filter(incident=incident).order_by("position", "pk")}
    first_audience = next(iter(audiences), None)
    plan = SendPlan(notices, first_audience, fallback_language)
    people = Recipient.objects.filter(incident=incident, purged_at__isnull=True)
    missing: set[str] = set()
    rows: dict[tuple[int, str], PlanRow] = {}
    for own_audience, language in sorted(
        set(people.values_list("audience_id", "language").distinct()), key=lambda g: (g[0] or 0, g[1])
    ):
        notice_id, used_fallback, audience_id = notice_for(
            own_audience, language, notices, first_audience, fallback_language
        )
        audience = audiences.get(audience_id or 0)
        if notice_id is None or audience is None:
            missing.add(audience.name if audience else "—")
            continue
        group = people.filter(language=language).filter(
            Q(audience_id=own_audience) if own_audience else Q(audience_id__isnull=True)
        )
        untold = group.exclude(Exists(Delivery.objects.filter(recipient_id=OuterRef("pk"), notice_id=notice_id)))
        count = untold.count()
        if count:
            # Those without an audience get the first audience's notice: one row with its own.
            key = (audience.pk, language)
            row = rows.get(key)
            rows[key] = PlanRow(
                audience=audience.name,
                reader=str(Reader(audience.reader).label),
                language=language,
                notice_language=fallback_language if used_fallback else language,
                people=count + (row.people if row else 0),
            )
    if missing:
        raise Conflict(
            _("Det finnes ikke noe godkjent varsel for målgruppen %(audiences)s.")
            % {"audiences": ", ".join(sorted(f"«{name}»" for name in missing))}
        )
    plan.rows = [rows[key] for key in sorted(rows, key=lambda k: (list(audiences).index(k[0]), LANGUAGES.index(k[1])))]
    return plan
