"""Changes to notices and public notices (art. 34). Views and the API only call these.

Handlers and the DPO write drafts; only the DPO approves and publishes. Every function
locks the case row so that two people saving at once cannot both make "version 2"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import TEXT_MAX, Assessment, Incident, Organisation
from incidents.selectors.cases import latest_decision
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident
from incidents.vocabulary import DATA_CATEGORY_LABELS
from notifications.models import (
    LANGUAGES,
    PART_LABELS,
    PARTS,
    Audience,
    Notice,
    NoticeFacts,
    PublicNotice,
    PublicNoticeVersion,
    Reader,
)
from notifications.rules.language_check import check_parts
from notifications.selectors.notices import current_notice as current_notice
from notifications.selectors.notices import current_notices as current_notices
from notifications.selectors.notices import decision_gate as decision_gate
from notifications.selectors.notices import refuse_before_decision as refuse_before_decision
from notifications.selectors.rendering import affected_text, default_texts, email_html, neutral_names, render_message
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
    *,
    incident: Incident,
    audience: Audience,
    language: str,
    texts: dict[str, str],
    by: User,
    now: datetime,
    new_version: bool = False,
) -> Notice:
    notice = current_notice(audience, language)
    if notice is not None and {name: getattr(notice, name) for name in FIELDS} == texts and not new_version:
        return notice
    if notice is not None and notice.is_approved and not new_version:
        # Approved text is locked: a change is an explicit new version (notice_new_version).
        raise Conflict(
            _("Varselet på %(language)s er godkjent og låst. Lag en ny versjon for å endre det.")
            % {"language": language_name(language)}
        )
    if notice is None or notice.is_approved:
        # The approved version stays as it was; the change is a new version.
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


def language_name(code: str) -> str:
    return {"nb": _("bokmål"), "nn": _("nynorsk"), "en": _("engelsk"), "da": _("dansk"), "sv": _("svensk")}.get(
        code, code
    )


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
    current text. An approved language is locked: changing it is refused (Conflict) until
    someone makes a new version of it (``notice_new_version``)."""
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


def notice_new_version(
    *, incident: Incident | int, by: User, language: str, audience: Audience | None = None, now: datetime | None = None
) -> Notice:
    """Unlock an approved notice by starting its next version, a draft with the same text
    (DESIGN.md "Notices": the approved version stays frozen). The new version needs the
    DPO's approval again before it is sent."""
    now = now or timezone.now()
    _require(by, permissions.WORK, _("Rollen din kan ikke skrive varsler."))
    if language not in LANGUAGES:
        raise Invalid({"language": [_("Velg nb, nn eller en.")]})
    with transaction.atomic():
        locked = lock_incident(incident)
        target = audience or _default_audience(locked, by)
        if target.incident_id != locked.pk:
            raise Invalid({"audience": [_("Målgruppen hører ikke til denne saken.")]})
        current = current_notice(target, language)
        if current is None or not current.is_approved:
            raise Conflict(_("Varselet er ikke godkjent; du kan endre utkastet direkte."))
        texts = {name: getattr(current, name) for name in FIELDS}
        notice = _save_one(
            incident=locked, audience=target, language=language, texts=texts, by=by, now=now, new_version=True
        )
        record_event(
            incident=locked,
            by=by,
            kind=EventKind.NOTICE_REOPENED,
            details={"languages": [language], "new_version": notice.version},
            now=now,
        )
        return notice


FACT_FIELDS = (
    "recipient_kind",
    "recipients_count",
    "certainty",
    "subjects_count",
    "exposed_from",
    "exposed_until",
    "next_update",
)


def notice_facts_save(
    *,
    incident: Incident | int,
    by: User,
    summary: Mapping[str, str],
    measures: Mapping[str, str],
    values: Mapping[str, Any],
    now: datetime | None = None,
) -> NoticeFacts:
    """What the notice says happened, by language and from the facts (art. 34(2): the
    nature of the breach, in clear and plain language): a short summary and the measures
    in bokmål, nynorsk and English, and who received the data, how many, how sure, when.
    The drafts not yet approved are written again from these; approved ones stay locked."""
    now = now or timezone.now()
    _require(by, permissions.WORK, _("Rollen din kan ikke skrive varsler."))
    errors: dict[str, list[str]] = {}
    for name, texts in (("summary", summary), ("measures", measures)):
        for language, text in texts.items():
            if language not in LANGUAGES:
                errors[f"{name}_{language}"] = [_("Ukjent språk.")]
            elif len(text) > TEXT_MAX:
                errors[f"{name}_{language}"] = [_("Teksten er for lang.")]
    unknown = sorted(set(values) - set(FACT_FIELDS))
    errors.update({name: [_("Ukjent felt.")] for name in unknown})
    start, end = values.get("exposed_from"), values.get("exposed_until")
    if start and end and end < start:
        errors["exposed_until"] = [_("Slutten kan ikke være før starten.")]
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        locked = lock_incident(incident)
        facts = NoticeFacts.objects.select_for_update().filter(incident=locked).first() or NoticeFacts(incident=locked)
        facts.summary = {code: summary.get(code, "").strip() for code in LANGUAGES}
        facts.measures = {code: measures.get(code, "").strip() for code in LANGUAGES}
        for name in FACT_FIELDS:
            if name in values:
                setattr(facts, name, values[name])
        facts.updated_at = now
        facts.updated_by = by
        facts.save()
        for audience in locked.notice_audiences.all():
            for language in LANGUAGES:
                current = current_notice(audience, language)
                if current is not None and not current.is_approved:
                    _save_one(
                        incident=locked,
                        audience=audience,
                        language=language,
                        texts=default_texts(locked, audience, language),
                        by=by,
                        now=now,
                    )
        return facts


def notice_audience_set_reader(*, audience: Audience, by: User, reader: str) -> Audience:
    """Who reads the notice of an audience (art. 34(2): the notice speaks to its reader):
    the person the data are about, a parent or guardian of a child, or next of kin. The
    drafts not yet approved are written again for that reader."""
    _require(by, permissions.WORK, _("Rollen din kan ikke skrive varsler."))
    if reader not in Reader.values:
        raise Invalid({"reader": [_("Velg hvem som leser varselet.")]})
    with transaction.atomic():
        locked = lock_incident(audience.incident_id)
        target = Audience.objects.select_for_update().get(pk=audience.pk, incident=locked)
        if target.reader == reader:
            return target
        target.reader = reader
        target.save(update_fields=["reader"])
        now = timezone.now()
        for language in LANGUAGES:
            current = current_notice(target, language)
            if current is not None and not current.is_approved:
                texts = default_texts(locked, target, language)
                _save_one(incident=locked, audience=target, language=language, texts=texts, by=by, now=now)
        return target


def language_problems(notices: list[Notice], incident: Incident) -> dict[str, list[str]]:
    """Art. 34(2), clear and plain language: every paragraph of a notice reads as the
    language it is sent in. By ``language.part``, the message naming the part."""
    names = neutral_names(incident)
    problems: dict[str, list[str]] = {}
    for notice in notices:
        texts = {"subject": notice.subject, **notice.parts()}
        for found in check_parts(texts, notice.language, names=names):
            label = str(PART_LABELS.get(found.part, found.part))
            if found.found:
                message = _("«%(part)s» ser ut til å være på %(found)s, ikke %(expected)s: «%(excerpt)s».") % {
                    "part": label,
                    "found": language_name(found.found),
                    "expected": language_name(notice.language),
                    "excerpt": found.excerpt,
                }
            else:
                message = _("«%(part)s» er ikke oversatt til %(expected)s ennå: «%(excerpt)s».") % {
                    "part": label,
                    "expected": language_name(notice.language),
                    "excerpt": found.excerpt,
                }
            problems.setdefault(f"{notice.language}.{found.part}", []).append(message)
    return problems


def notice_approve(
    *,
    incident: Incident | int,
    by: User,
    language: str | None = None,
    audience: Audience | None = None,
    now: datetime | None = None,
) -> list[Notice]:
    """The DPO approves the case's current notices, in every language or in ``language``
    only (of every audience, or of ``audience``). Approval locks the text and freezes the
    message as the recipient will read it (DESIGN.md "Notices": only approved text is sent).

    Art. 34(2) lists what a notice must contain; a notice with an empty part is refused,
    naming the parts. It must also be in clear and plain language, in one language: a
    paragraph that reads as another language, or a text still waiting for its
    translation, is refused, naming the part."""
    now = now or timezone.now()
    _require(by, permissions.DECIDE, _("Bare personvernombudet kan godkjenne varsler."))
    if language is not None and language not in LANGUAGES:
        raise Invalid({"language": [_("Velg nb, nn eller en.")]})
    with transaction.atomic():
        locked = lock_incident(incident)
        refuse_before_decision(locked)
        _ensure_drafts(locked, by, now)
        notices = [
            n
            for n in current_notices(locked)
            if (language is None or n.language == language) and (audience is None or n.audience_id == audience.pk)
        ]
        missing: list[str] = []
        for notice in notices:
            for name in notice.missing():
                if name not in missing:
                    missing.append(name)
        if missing:
            raise Invalid({"parts": [name for name in ("subject", *PARTS) if name in missing]})
        pending = [n for n in notices if not n.is_approved]
        problems = language_problems(pending, locked)
        if problems:
            raise Invalid(problems)
        for notice in pending:
            rendered = render_message(
                language=notice.language, subject=notice.subject, parts=notice.parts(), greet=True
            )
            notice.frozen_subject = rendered.subject
            notice.frozen_text = rendered.text
            notice.frozen_html = email_html(language=notice.language, subject=rendered.subject, body_html=rendered.html)
            notice.status = Notice.Status.APPROVED
            notice.approved_at = now
            notice.approved_by = by
            notice.updated_at = now
            # The in-place guard in Notice.save() looks at the stored row, still a draft.
            notice.save()
        if pending:
            record_event(
                incident=locked,
                by=by,
                kind=EventKind.NOTICE_APPROVED,
                details={"languages": sorted({n.language for n in pending}, key=LANGUAGES.index)},
                now=now,
            )
        return notices


# --- Art. 34(3)(c): the public notice --------------------------------------------------------


def _public_content(notices: list[Notice]) -> dict[str, dict[str, str]]:
    """Each language's public page: the organisation that speaks, who is affected, the notice."""
    content: dict[str, dict[str, str]] = {}
    for notice in notices:
        rendered = render_message(language=notice.language, subject=notice.subject, parts=notice.parts())
        content[notice.language] = {
            "subject": rendered.subject,
            "html": rendered.html,
            "text": rendered.text,
            "organisation": Organisation.current().sender_name,
            "affected": affected_text(notice.incident, notice.audience, notice.language),
        }
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


def public_notice_record_place(
    *, incident: Incident | int, by: User, url: str, now: datetime | None = None
) -> PublicNotice:
    """Art. 34(3)(c): a public communication informs the people "in an equally effective
    manner", so it must be findable. The DPO records the page that links to the notice
    (the organisation's website, as a rule); the case page shows it."""
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    now = now or timezone.now()
    _require(by, permissions.DECIDE, _("Bare personvernombudet kan registrere hvor kunngjøringen er publisert."))
    url = url.strip()
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError as error:
        raise Invalid({"published_where": [_("Skriv en hel adresse, med https://.")]}) from error
    if len(url) > 500:
        raise Invalid({"published_where": [_("Adressen er for lang.")]})
    with transaction.atomic():
        locked = lock_incident(incident)
        public = PublicNotice.objects.select_for_update().filter(incident=locked).first()
        if public is None or not public.versions.exists():
            raise Conflict(_("Publiser kunngjøringen først."))
        public.published_where = url
        public.published_where_at = now
        public.save(update_fields=["published_where", "published_where_at"])
        record_event(
            incident=locked, by=by, kind=EventKind.PUBLIC_NOTICE_UPDATED, details={"place": True}, text=url, now=now
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
