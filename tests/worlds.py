"""A fully worked set of cases, for the tests that walk every page with every role (the
role matrix, the XSS sweep, the accessibility sweep)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from incidents.models import Incident
from incidents.services import cases as services
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude

FACTS = {
    "breach_types": ["confidentiality"],
    "data_categories": ["basic", "national_id"],
    "identifiability": "maximum",
    "confidentiality_exposure": "unknown_recipients",
    "subjects_count": 310,
}


# Facts for which the risk engine recommends each level (the DPO's decision may differ).
FACTS_BY_LEVEL: dict[str, dict[str, Any]] = {
    "high": FACTS,
    "risk": {**FACTS, "data_categories": ["basic"], "subjects_count": 12},
    "unlikely": {
        "breach_types": ["confidentiality"],
        "data_categories": ["basic"],
        "identifiability": "limited",
        "confidentiality_exposure": "known_recipients",
        "subjects_count": 12,
    },
}


def conclude(
    incident: Incident,
    *,
    by: User,
    risk_level: str = "high",
    notify_authority: bool | None = None,
    notify_data_subjects: bool | None = None,
    exemption: str | None = None,
    justification: str = "",
) -> Incident:
    """Take a case to the DPO's decision the way the DPO does: start and confirm it where
    needed (a case past a decision is reassessed), store facts whose recommendation has
    ``risk_level``, and conclude. By default the decision follows the level: Datatilsynet
    unless unlikely, the people when high and no art. 34(3) exemption is chosen."""
    case = Incident.objects.get(pk=incident.pk)
    if case.state == "reported":
        case = services.incident_start(incident=case, by=by)
    if case.state == "triage":
        case = services.incident_confirm(incident=case, by=by)
    if case.state != "assessment":
        case = services.incident_reassess(incident=case, by=by, reason="Nye opplysninger i saken.")
    assessment_save_facts(incident=case, by=by, facts=FACTS_BY_LEVEL[risk_level])
    decision = Decision(
        notify_authority=risk_level != "unlikely" if notify_authority is None else notify_authority,
        notify_data_subjects=(risk_level == "high" and not exemption)
        if notify_data_subjects is None
        else notify_data_subjects,
        exemption=exemption or None,
        justification=justification or "Personvernombudets vurdering av saken.",
    )
    return incident_conclude(incident=case, by=by, decision=decision)


@dataclass
class World:
    users: dict[str, User]  # one per role, another reporter and handler, and the deputy DPO (a handler)
    case: Incident  # reported by users["reporter"], handled by users["handler"]: notices, a measure
    public_case: Incident  # art. 34(3)(c): a published public notice
    closed_case: Incident  # closed with lessons learned
    dismissed_case: Incident  # not a breach
    other_case: Incident  # another reporter's, assigned to another handler
    measure_pk: int
    audience_pk: int
    public_token: str
    recipient_pk: int  # on the case's list, nothing sent to them yet
    attachment_id: str = ""  # a file on ``case`` added by its handler (the reporter added another)


# What a notice says happened, written in each language (a notice is approved only when
# every paragraph reads as its own language).
NOTICE_SUMMARY = {
    "nb": "En ansatt sendte en e-post med opplysninger om deg til feil mottaker. Vi har fått e-posten tilbake.",
    "nn": "Ein tilsett sende ein e-post med opplysningar om deg til feil mottakar. Vi har fått e-posten tilbake.",
    "en": "A member of staff sent an e-mail with information about you to the wrong person. We have it back.",
}
NOTICE_MEASURES = {
    "nb": "Vi har bedt mottakeren om å slette e-posten.\nVi går gjennom rutinene våre for e-post.",
    "nn": "Vi har bede mottakaren om å slette e-posten.\nVi går gjennom rutinane våre for e-post.",
    "en": "We have asked the recipient to delete the e-mail.\nWe are reviewing how we send e-mail.",
}
NOTICE_LEAD = {
    "nb": "Vi skriver til deg fordi noe har gått galt med opplysninger om deg hos oss.",
    "nn": "Vi skriv til deg fordi noko har gått gale med opplysningar om deg hos oss.",
    "en": "We are writing to you because something has gone wrong with information we hold about you.",
}


def write_notice_facts(incident: Incident, by: User) -> None:
    """The case's own words for its notices, in bokmål, nynorsk and English."""
    from notifications.services.notices import notice_facts_save

    notice_facts_save(incident=incident, by=by, summary=NOTICE_SUMMARY, measures=NOTICE_MEASURES, values={})


def plain(field: str) -> str:
    return {
        "title": "Elevliste sendt til feil forelder",
        "description": "En e-post med navn og fødselsnummer ble sendt til feil mottaker.",
        "immediate_measures": "Bedt mottakeren slette e-posten.",
    }.get(field, f"Tekst for {field}.")


def write_notes(case: Incident, users: dict[str, User], text: Callable[[str], str]) -> None:
    """A comment that mentions a colleague, a contact, an answered and an open question to
    the reporter, and the reporter's addition: on the case page of every role that reads them."""
    from incidents.services.notes import comment_add, contact_log_add
    from incidents.services.reporter import reporter_addition_add, reporter_question_answer, reporter_question_ask

    comment_add(incident=case, by=users["handler"], text=text("comment"), mention=[users["management"]])
    contact_log_add(
        incident=case,
        by=users["handler"],
        contacted=text("contacted")[:200],
        channel="phone",
        contacted_at=timezone.now() - timedelta(hours=2),
        text=text("contact_text"),
    )
    asked = reporter_question_ask(incident=case, by=users["dpo"], text=text("question"))
    reporter_question_answer(incident=case, by=users["reporter"], question_id=asked.pk, text=text("answer"))
    reporter_question_ask(incident=case, by=users["handler"], text=text("open_question"))
    reporter_addition_add(incident=case, by=users["reporter"], text=text("addition"))


def build_world(make_user: Any, make_incident: Any, text: Callable[[str], str] = plain) -> World:
    """``text(field)`` is the free text stored in each field (ordinary words by default)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.administration import deputy_name
    from incidents.demo import seed_demo
    from incidents.services.attachments import attachment_add
    from incidents.services.authority import authority_draft_save, incident_add_follow_up, incident_submit
    from incidents.services.measures import MeasureInput, measure_add, measure_drop
    from incidents.services.organisation import organisation_update
    from notifications.rules.notice_texts import PARTS
    from notifications.services.notices import notice_approve, notice_save_drafts, public_notice_publish
    from tests import files

    seed_demo()
    users = {role: make_user(role) for role in ("reporter", "handler", "dpo", "management", "auditor")}
    users["other_reporter"] = make_user("reporter")
    users["other_handler"] = make_user("handler")
    dpo = users["dpo"]
    users["deputy"] = make_user("handler")
    deputy_name(user=users["deputy"], by=dpo)
    organisation_update(
        by=dpo,
        changes={"name": text("organisation_name"), "address": text("address"), "contact_name": text("contact_name")},
    )

    def report(by: User, **extra: Any) -> Incident:
        return make_incident(
            by=by,
            title=text("title"),
            description=text("description"),
            how_discovered=text("how_discovered"),
            immediate_measures=text("immediate_measures"),
            **extra,
        )

    def to_subject_notification(incident: Incident, *, exemption: str | None = None) -> Incident:
        if incident.state == "reported":
            services.incident_start(incident=incident, by=dpo)
        services.incident_confirm(
            incident=incident,
            by=dpo,
            aware_at=incident.reported_at - timedelta(minutes=1),
            aware_reason=text("aware_reason"),
        )
        assessment_save_facts(
            incident=incident, by=dpo, facts={**FACTS, "dpc_adjustment": 1, "dpc_adjustment_reason": text("dpc")}
        )
        incident_conclude(
            incident=incident,
            by=dpo,
            decision=Decision(
                notify_authority=True,
                notify_data_subjects=exemption is None,
                exemption=exemption,
                justification=text("justification"),
            ),
        )
        authority_draft_save(incident=incident, by=dpo, texts={"main_cause": text("main_cause")})
        incident_submit(
            incident=incident,
            by=dpo,
            submitted_at=timezone.now(),
            authority_reference=text("authority_reference")[:200],
        )
        incident_add_follow_up(incident=incident, by=dpo, submitted_at=timezone.now(), text=text("follow_up"))
        return Incident.objects.get(pk=incident.pk)

    case = report(users["reporter"])
    services.incident_start(incident=case, by=users["handler"])
    case = to_subject_notification(Incident.objects.get(pk=case.pk))
    due = timezone.localdate() + timedelta(days=7)
    measure = measure_add(
        incident=case,
        by=dpo,
        data=MeasureInput(what=text("measure"), kind="prevent", owner=users["handler"], due_on=due),
    )
    dropped = measure_add(
        incident=case, by=dpo, data=MeasureInput(what=text("measure2"), kind="limit", owner=dpo, due_on=due)
    )
    measure_drop(measure=dropped, by=dpo, reason=text("drop_reason"))
    staff_file = attachment_add(
        incident=case,
        by=users["handler"],
        upload=SimpleUploadedFile(f"{text('attachment_name')[:80]}.pdf", files.PDF),
        description=text("attachment_description")[:500],
    )
    attachment_add(
        incident=case,
        by=users["reporter"],
        upload=SimpleUploadedFile("Skjermbilde av e-posten.png", files.PNG),
        description=text("reporter_attachment_description")[:500],
    )
    notice_save_drafts(
        incident=case,
        by=dpo,
        texts={
            language: {
                "subject": f"{NOTICE_LEAD[language]} {text('notice_subject')}"[:200],
                **{part: f"{NOTICE_LEAD[language]} {text(f'notice_{part}')}" for part in PARTS},
            }
            for language in ("nb", "nn", "en")
        },
    )
    notice_approve(incident=case, by=dpo)
    from notifications.services.recipients import recipient_add

    recipient = recipient_add(
        incident_id=case.pk, by=dpo, name=text("recipient_name")[:200], email="berort@example.org"
    )
    recipient_add(incident_id=case.pk, by=dpo, name="", email="foresatt@example.org", language="nn")
    # Known by national ID and postal address (#21): the list shows the number masked and
    # the address on one line, with the text of every sweep in it.
    recipient_add(
        incident_id=case.pk,
        by=dpo,
        name=text("recipient_postal_name")[:200],
        national_id="15076500565",
        address1=text("recipient_address")[:200],
        postcode="0150",
        place=text("recipient_place")[:100],
        phone="912 34 567",
    )
    write_notes(case, users, text)

    public_case = to_subject_notification(report(users["reporter"]), exemption="34_3_c")
    write_notice_facts(public_case, dpo)
    notice_approve(incident=public_case, by=dpo)
    public_notice_publish(incident=public_case, by=dpo)

    closed_case = report(users["reporter"])
    services.incident_start(incident=closed_case, by=dpo)
    services.incident_confirm(incident=closed_case, by=dpo)
    assessment_save_facts(
        incident=closed_case,
        by=dpo,
        facts={"breach_types": ["availability"], "data_categories": ["basic"], "availability_impact": "recoverable"},
    )
    incident_conclude(
        incident=closed_case,
        by=dpo,
        decision=Decision(
            notify_authority=False, notify_data_subjects=False, exemption=None, justification=text("justification")
        ),
    )
    services.incident_close(
        incident=closed_case, by=dpo, lessons_learned=text("lessons_learned"), root_cause="human_error"
    )

    dismissed_case = report(users["reporter"])
    services.incident_start(incident=dismissed_case, by=dpo)
    services.incident_dismiss(incident=dismissed_case, by=dpo, reason=text("dismiss_reason"))

    other_case = make_incident(by=users["other_reporter"])
    services.incident_start(incident=other_case, by=users["other_handler"])
    public_case = Incident.objects.get(pk=public_case.pk)
    return World(
        users=users,
        case=Incident.objects.get(pk=case.pk),
        public_case=public_case,
        closed_case=Incident.objects.get(pk=closed_case.pk),
        dismissed_case=Incident.objects.get(pk=dismissed_case.pk),
        other_case=Incident.objects.get(pk=other_case.pk),
        measure_pk=measure.pk,
        audience_pk=case.notice_audiences.first().pk,  # type: ignore[union-attr]
        public_token=public_case.public_notice.token,
        recipient_pk=recipient.pk,
        attachment_id=str(staff_file.public_id),
    )
