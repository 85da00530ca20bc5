"""Changes to notices and public notices (art. 34). Views and the API only call these.

Handlers and the DPO write drafts; only the DPO approves and publishes. Every function
locks the case row so that two people saving at once cannot both make "version 2"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import TEXT_MAX, Assessment, Incident
from incidents.selectors.cases import latest_decision
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident
from incidents.vocabulary import DATA_CATEGORY_LABELS
from notifications.models import LANGUAGES, PARTS, Audience, Notice, PublicNotice, PublicNoticeVersion
from notifications.selectors.notices import current_notice as current_notice
from notifications.selectors.notices import current_notices as current_notices
from notifications.selectors.notices import decision_gate as decision_gate
from notifications.selectors.notices import refuse_before_decision as refuse_before_decision
from notifications.selectors.rendering import default_texts, email_html, render_message
from notifications.services.delivery import all_notices_delivered

FIELDS = ("subject", *PARTS)


def _require(by: User, permission: str, message: str) -> None:
    if not by.has_perm(permission):
        raise NotPermitted(message)


def default_audience_name() -> str:
    return _("De som er berørt")


def _default_audience(incident: Incident, by: User) -> Audience:
    audience = incident.notice_audiences.order_by("position", "pk").first()
    if audience is None:
        audience = Audience.objects.create(
            incident=incident,
            name=default_audience_name(),
            data_categories=list(incident.data_categories),
            created_by=by,
        )
    return audience


def _check_texts(texts: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(texts) - set(FIELDS))
    errors: dict[str, list[str]] = {name: [_("Ukjent del av varselet.")] for name in unknown}
    for name in FIELDS:
        value = texts.get(name, "")
        if not isinstance(value, str):
            errors[name] = [_("Skriv tekst her.")]
        elif len(value) > (255 if name == "subject" else TEXT_MAX):
            errors[name] = [_("Teksten er for lang.")]
    if errors:
        raise Invalid(errors)
    return {name: texts.get(name, "") for name in FIELDS}


def notice_audience_add(
    *, incident: Incident | int, by: User, name: str, data_categories: list[str], now: datetime | None = None
) -> Audience:
    """A new group of affected people whose data and advice differ (art. 34(2): the notice
    tells each person which of their data were involved)."""
    _require(by, permissions.WORK, _("Rollen din kan ikke skrive varsler."))
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Gi målgruppen et navn, for eksempel «foreldre» eller «ansatte».")]
    elif len(name) > 200:
        errors["name"] = [_("Navnet er for langt.")]
    unknown = [c for c in data_categories if c not in DATA_CATEGORY_LABELS]
    if unknown:
        errors["data_categories"] = [_("Ukjent type opplysninger.")]
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        locked = lock_incident(incident)
        if locked.notice_audiences.filter(name__iexact=name).exists():
            raise Invalid({"name": [_("Det finnes allerede en målgruppe med dette navnet.")]})
        position = locked.notice_audiences.count()
        return Audience.objects.create(
            incident=locked,
            name=name,
            data_categories=sorted(set(data_categories)) or list(locked.data_categories),
            position=position,
            created_at=now or timezone.now(),
            created_by=by,
        )


def _save_one(
    *, incident: Incident, audience: Audience, language: str, texts: dict[str, str], by: User, now: datetime
) -> Notice:
    notice = current_notice(audience, language)
    if notice is not None and {name: getattr(notice, name) for name in FIELDS} == texts:
        return notice
    if notice is None or notice.is_approved:
        # Approved text is frozen: a change is a new version and the old one stays.
        notice = Notice(
            incident=incident,
            audience=audience,
            language=language,
            version=(notice.version + 1) if notice else 1,
            created_at=now,
            created_by=by,
        )
    for name, value in texts.items():
        setattr(notice, name, value)
    notice.updated_at = now
    notice.save()
    return notice


def notice_save_drafts(
    *,
    incident: Incident | int,
    by: User,
    texts: Mapping[str, Mapping[str, str]],
    audience: Audience | None = None,
    now: datetime | None = None,
) -> list[Notice]:
    """Save the notice texts of one audience, by language ({"nb": {"subject": ..., ...}}).

    Art. 34(2): the DPO and the handlers write the notice; a language left out keeps its
    current text. A change to an approved notice starts a new draft version."""
    now = now or timezone.now()
    _require(by, permissions.WORK, _("Rollen din kan ikke skrive varsler."))
    unknown = sorted(set(texts) - set(LANGUAGES))
    if unknown:
        raise Invalid({"language": [_("Ukjent språk: %(codes)s.") % {"codes": ", ".join(unknown)}]})
    checked = {language: _check_texts(value) for language, value in texts.items()}
    with transaction.atomic():
        locked = lock_incident(incident)
        if audience is not None and audience.incident_id != locked.pk:
            raise Invalid({"audience": [_("Målgruppen hører ikke til denne saken.")]})
        target = audience or _default_audience(locked, by)
        return [
            _save_one(incident=locked, audience=target, language=language, texts=value, by=by, now=now)
            for language, value in checked.items()
        ]


def _ensure_drafts(incident: Incident, by: User, now: datetime) -> None:
    """Every audience has a notice in every language; missing ones start from the defaults."""
    audiences = list(incident.notice_audiences.all()) or [_default_audience(incident, by)]
    for audience in audiences:
        for language in LANGUAGES:
            if current_notice(audience, language) is None:
                texts = default_texts(incident, audience, language)
                _save_one(incident=incident, audience=audience, language=language, texts=texts, by=by, now=now)


def notice_approve(*, incident: Incident | int, by: User, now: datetime | None = None) -> list[Notice]:
    """The DPO approves the case's current notices in every language. Approval freezes the
    message as the recipient will read it (DESIGN.md "Notices": only approved text is sent).
    Art. 34(2) lists what a notice must contain; a notice with an empty part is refused,
    naming the parts."""
    now = now or timezone.now()
    _require(by, permissions.DECIDE, _("Bare personvernombudet kan godkjenne varsler."))
    with transaction.atomic():
        locked = lock_incident(incident)
        refuse_before_decision(locked)
        _ensure_drafts(locked, by, now)
        notices = current_notices(locked)
        missing: list[str] = []
        for notice in notices:
            for name in notice.missing():
                if name not in missing:
                    missing.append(name)
        if missing:
            raise Invalid({"parts": [name for name in ("subject", *PARTS) if name in missing]})
        approved: list[Notice] = []
        for notice in notices:
            if notice.is_approved:
                continue
            approved.append(notice)
            rendered = render_message(language=notice.language, subject=notice.subject, parts=notice.parts())
            notice.frozen_subject = rendered.subject
            notice.frozen_text = rendered.text
            notice.frozen_html = email_html(language=notice.language, subject=rendered.subject, body_html=rendered.html)
            notice.status = Notice.Status.APPROVED
            notice.approved_at = now
            notice.approved_by = by
            notice.updated_at = now
            # The in-place guard in Notice.save() looks at the stored row, still a draft.
            notice.save()
        if approved:
            record_event(
                incident=locked,
                by=by,
                kind=EventKind.NOTICE_APPROVED,
                details={"languages": sorted({n.language for n in approved}, key=LANGUAGES.index)},
                now=now,
            )
        return notices


# --- Art. 34(3)(c): the public notice --------------------------------------------------------


def _public_content(notices: list[Notice]) -> dict[str, dict[str, str]]:
    content: dict[str, dict[str, str]] = {}
    for notice in notices:
        rendered = render_message(language=notice.language, subject=notice.subject, parts=notice.parts())
        content[notice.language] = {"subject": rendered.subject, "html": rendered.html, "text": rendered.text}
    return content


def public_notice_publish(
    *,
    incident: Incident | int,
    by: User,
    audience: Audience | None = None,
    note: str = "",
    now: datetime | None = None,
) -> PublicNoticeVersion:
    """Art. 34(3)(c): when telling each person would take disproportionate effort, a public
    communication informs them equally effectively. Publishes (or updates) the public page
    from the approved notice of one audience in all three languages; every version stays."""
    now = now or timezone.now()
    _require(by, permissions.DECIDE, _("Bare personvernombudet kan publisere en offentlig kunngjøring."))
    if len(note) > TEXT_MAX:
        raise Invalid({"note": [_("Teksten er for lang.")]})
    with transaction.atomic():
        locked = lock_incident(incident)
        refuse_before_decision(locked)
        decision = latest_decision(locked)
        if decision is None or decision.exemption != Assessment.Exemption.DISPROPORTIONATE:
            raise Conflict(
                _("En offentlig kunngjøring krever beslutningen om unntak etter art. 34(3)(c), med begrunnelse.")
            )
        target = audience or locked.notice_audiences.order_by("position", "pk").first()
        notices = [current_notice(target, language) for language in LANGUAGES] if target else []
        if not notices or any(n is None or not n.is_approved for n in notices):
            raise Conflict(_("Varselet må være godkjent på bokmål, nynorsk og engelsk før det kan publiseres."))
        approved = [n for n in notices if n is not None]
        public, _created = PublicNotice.objects.get_or_create(
            incident=locked, defaults={"created_at": now, "created_by": by}
        )
        if public.withdrawn_at is not None:
            raise Conflict(_("Kunngjøringen er trukket tilbake og kan ikke publiseres på nytt."))
        latest = public.latest()
        content = _public_content(approved)
        if latest is not None and latest.content == content:
            raise Conflict(_("Ingenting er endret siden forrige versjon. Godkjenn en ny versjon av varselet først."))
        if latest is not None and not note.strip():
            raise Invalid({"note": [_("Skriv kort hva som er endret, så leserne ser det.")]})
        version = PublicNoticeVersion.objects.create(
            public_notice=public,
            version=(latest.version + 1) if latest else 1,
            published_at=now,
            published_by=by,
            note=note.strip(),
            content=content,
        )
        version.notices.set(approved)
        record_event(
            incident=locked,
            by=by,
            kind=EventKind.PUBLIC_NOTICE_UPDATED if latest is not None else EventKind.PUBLIC_NOTICE_PUBLISHED,
            details={"version": version.version},
            text=version.note,
            now=now,
        )
        return version


def public_notice_withdraw(
    *, incident: Incident | int, by: User, reason: str, now: datetime | None = None
) -> PublicNotice:
    """The public notice is withdrawn; the page says so, and every version stays (art. 33(5))."""
    now = now or timezone.now()
    _require(by, permissions.DECIDE, _("Bare personvernombudet kan trekke tilbake en kunngjøring."))
    if not reason.strip():
        raise Invalid({"reason": [_("Skriv hvorfor kunngjøringen trekkes tilbake.")]})
    if len(reason) > TEXT_MAX:
        raise Invalid({"reason": [_("Teksten er for lang.")]})
    with transaction.atomic():
        locked = lock_incident(incident)
        public = PublicNotice.objects.select_for_update().filter(incident=locked).first()
        if public is None or not public.versions.exists():
            raise Conflict(_("Det finnes ingen publisert kunngjøring å trekke tilbake."))
        if public.withdrawn_at is not None:
            raise Conflict(_("Kunngjøringen er allerede trukket tilbake."))
        public.withdrawn_at = now
        public.withdrawn_by = by
        public.withdraw_reason = reason.strip()
        public.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
        record_event(
            incident=locked, by=by, kind=EventKind.PUBLIC_NOTICE_WITHDRAWN, text=public.withdraw_reason, now=now
        )
        return public


# --- The `complete` transition ---------------------------------------------------------------


def notices_delivered(incident: Incident) -> bool:
    """True when every approved notice has reached every recipient
    (``notifications.services.delivery.all_notices_delivered``)."""
    return all_notices_delivered(incident)


def notices_ready_for_completion(incident: Incident) -> list[str]:
    """What is still missing before the people affected count as told (art. 34): every
    approved notice delivered, or a public notice published (art. 34(3)(c)). Empty when
    the case may be completed."""
    public = PublicNotice.objects.filter(incident=incident).first()
    if public is not None and public.is_published:
        return []
    decision = latest_decision(incident)
    if decision is not None and decision.exemption == Assessment.Exemption.DISPROPORTIONATE:
        return [_("Den offentlige kunngjøringen er ikke publisert.")]
    notices = current_notices(incident)
    missing: list[str] = []
    if not notices:
        missing.append(_("Varselet til de berørte er ikke skrevet."))
    elif any(not n.is_approved for n in notices):
        missing.append(_("Varselet til de berørte er ikke godkjent på alle språk."))
    if not missing and not notices_delivered(incident):
        missing.append(_("Varselet er ikke levert til alle mottakerne."))
    return missing
