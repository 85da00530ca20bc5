"""The notification to Datatilsynet as a document (art. 33(3)-(5)): in the order of
Datatilsynet's form, filled from the case, the assessment, the organisation profile and the
DPO's wording; in one language; and what each filing held, as filed. A read: the changes are
in ``incidents.services.authority``.

Avvik says "ukjent" where the case does not know something in a draft, and "to be
determined" in a phased filing (art. 33(4)) — never blank, never invented."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.i18n import country_name, long_datetime
from incidents import hooks
from incidents.models import (
    Assessment,
    AuthorityNotificationDraft,
    AuthoritySubmission,
    Incident,
    Organisation,
)
from incidents.selectors import cases as selectors
from incidents.selectors.organisation import organisation_missing
from incidents.selectors.register import channels_words
from incidents.vocabulary import BREACH_TYPE_SHORT, DATA_CATEGORY_LABELS

# --- The document ------------------------------------------------------------------------


@dataclass
class DocField:
    key: str
    label: str
    generated: str | None  # what the case says; None: the case does not know
    required: bool = False
    editable: bool = True
    text: str | None = None  # the DPO's wording, when there is one

    @property
    def value(self) -> str | None:
        if self.text and self.text.strip():
            return self.text
        return self.generated if self.generated and self.generated.strip() else None

    @property
    def display(self) -> str:
        return self.value if self.value is not None else unknown()

    @property
    def missing(self) -> bool:
        return self.required and self.value is None

    @property
    def edited(self) -> bool:
        return bool(self.text and self.text.strip())


@dataclass
class DocSection:
    key: str
    title: str
    fields: list[DocField] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The section as plain text, for the copy button and for pasting into Altinn."""
        return "\n".join(f"{f.label}: {f.display}" for f in self.fields)

    @property
    def missing(self) -> list[DocField]:
        return [f for f in self.fields if f.missing]

    def get(self, key: str) -> DocField:
        return next(f for f in self.fields if f.key == key)


@dataclass
class Document:
    incident: Incident
    organisation: Organisation
    sections: list[DocSection]
    submissions: list[AuthoritySubmission]
    language: str = "nb"

    @property
    def missing(self) -> list[str]:
        """Every empty required field, in plain words: "Beskrivelse: hovedårsak"."""
        return [f"{s.title}: {f.label.lower()}" for s in self.sections for f in s.missing]

    @property
    def gaps(self) -> list[str]:
        """Every other field the case does not know yet: not required by art. 33(3), but
        asked by Datatilsynet's form; a phased notification says "to be determined"."""
        return [
            f"{s.title}: {f.label.lower()}"
            for s in self.sections
            for f in s.fields
            if f.value is None and not f.required
        ]

    def section(self, key: str) -> DocSection:
        return next(s for s in self.sections if s.key == key)

    @property
    def fields(self) -> dict[str, DocField]:
        return {f.key: f for s in self.sections for f in s.fields}

    @property
    def initial(self) -> AuthoritySubmission | None:
        return next((s for s in self.submissions if s.kind == AuthoritySubmission.Kind.INITIAL), None)

    @property
    def follow_ups(self) -> list[AuthoritySubmission]:
        return [s for s in self.submissions if s.kind == AuthoritySubmission.Kind.FOLLOW_UP]

    @property
    def last_filed_at(self) -> datetime | None:
        return self.submissions[-1].submitted_at if self.submissions else None


def unknown() -> str:
    return _("ukjent")


def to_be_determined() -> str:
    """What a phased notification says for what is not known yet (art. 33(4); the EDPB
    template's "to be determined")."""
    return _("avklares senere")


def when(value: datetime | None) -> str | None:
    if value is None:
        return None
    return long_datetime(value, weekday=False)


def _count(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return _("omtrent %(count)s") % {"count": f"{value:,}".replace(",", " ")}
    return None


def _joined(labels: list[str]) -> str | None:
    return ", ".join(labels) if labels else None


def measures_text(incident: Incident) -> tuple[str, str]:
    """(taken, planned) measures as text for art. 33(3)(d) and 34(2): what was done at once,
    the measures done, and the measures still open with their due dates. An empty string
    means the case says nothing (the document then says "ukjent")."""
    from django.utils import formats

    from incidents.selectors.measures import measures_summary

    done, planned = measures_summary(incident)
    taken_lines = [incident.immediate_measures.strip()] if (incident.immediate_measures or "").strip() else []
    taken_lines += [
        f"{m.what} ({formats.date_format(m.done_on, 'SHORT_DATE_FORMAT')})" if m.done_on else m.what for m in done
    ]
    planned_lines = [
        f"{m.what} ({_('innen')} {formats.date_format(m.due_on, 'SHORT_DATE_FORMAT')})" if m.due_on else m.what
        for m in planned
    ]
    return "\n".join(taken_lines), "\n".join(planned_lines)


def _period(incident: Incident, answers: Any) -> str | None:
    """From when it started to when it ended or was contained (not to its discovery)."""
    start = answers.time("timeline.start")
    end = answers.time("timeline.end")
    contained = answers.time("timeline.contained")
    if start is None:
        return _("Pågår fortsatt.") if incident.ongoing else None
    values = {"start": when(start), "end": when(end), "contained": when(contained)}
    if end is not None:
        text = _("Fra %(start)s til %(end)s.") % values
    elif contained is not None:
        return _("Fra %(start)s til det ble stanset %(contained)s.") % values
    elif incident.ongoing:
        return _("Fra %(start)s. Pågår fortsatt.") % values
    else:
        return _("Fra %(start)s. Når det sluttet, avklares senere.") % values
    if contained is not None and contained != end:
        text += " " + _("Stanset %(contained)s.") % values
    return text


def _main_cause(incident: Incident, answers: Any) -> str | None:
    """The main cause as the DPO or handler answered it (the EDPB template's cause and its
    description), or, for older cases, the root cause recorded at closing."""
    from incidents.rules import edpb as rules

    cause = answers.get("nature.cause")
    detail = (answers.get("nature.cause_description") or "").strip()
    label = str(rules.CAUSES[cause]) if cause in rules.CAUSES else ""
    if not label and not detail:
        label = str(incident.get_root_cause_display()) if incident.root_cause else ""
        detail = (incident.root_cause_detail or "").strip()
    kind = answers.get("nature.incident_kind")
    kind_text = answers.get("nature.incident_kind_other") if kind == "other" else None
    kind_label = (kind_text or str(rules.INCIDENT_KINDS[kind])) if kind in rules.INCIDENT_KINDS else ""
    if kind == rules.TO_BE_DETERMINED:
        kind_label = ""
    text = ". ".join(p.rstrip(".") for p in (kind_label, label, detail) if p)
    return text + "." if text else None


def _count_of(answer: Any, fallback: object) -> str | None:
    """A number of people or records as the template's {kind, value}, in words."""
    if isinstance(answer, Mapping) and answer.get("kind"):
        value = answer.get("value")
        number = f"{value:,}".replace(",", " ") if isinstance(value, int) else ""
        if answer["kind"] == "exact" and number:
            return number
        if answer["kind"] == "approximate" and number:
            return _("omtrent %(count)s") % {"count": number}
        if answer["kind"] == "cannot_be_determined":
            return _("Kan ikke fastslås.")
        if answer["kind"] == "to_be_determined":
            return to_be_determined()
    return _count(fallback)


def _relation(answers: Any) -> str | None:
    from incidents.rules import edpb as rules

    labels = [
        str(rules.SUBJECT_CATEGORIES[c])
        for c in answers.get("subjects.categories", [])
        if c in rules.SUBJECT_CATEGORIES
    ]
    description = (answers.get("subjects.description") or "").strip()
    text = ". ".join(p for p in (", ".join(labels), description) if p)
    return text or None


def _other_countries(answers: Any) -> str | None:
    cross = answers.get("cross_border.cross_border")
    if cross == "no":
        return _("Nei.")
    if cross == "yes":
        countries = [c["country"] for c in answers.get("cross_border.subject_countries", [])]
        countries += answers.get("cross_border.establishment_countries", [])
        lead = answers.get("cross_border.lead_authority")
        text = _("Ja.")
        if countries:
            text += " " + ", ".join(country_name(code) for code in dict.fromkeys(countries)) + "."
        if lead:
            text += " " + _("Ledende tilsynsmyndighet: %(lead)s.") % {"lead": lead}
        return text
    return None


RISK_LEVEL_TEXT = {
    "unlikely": gettext_lazy("Lite sannsynlig at bruddet medfører en risiko for de berørtes rettigheter og friheter."),
    "risk": gettext_lazy("Bruddet kan medføre en risiko for de berørtes rettigheter og friheter."),
    "high": gettext_lazy("Bruddet medfører sannsynligvis en høy risiko for de berørtes rettigheter og friheter."),
}

# What each kind of data may lead to for the people, in plain words (recital 85).
HARM_SENTENCES = {
    "national_id": gettext_lazy(
        "Med fødselsnummer kan andre utgi seg for å være de berørte, for eksempel for å ta opp lån, "
        "åpne kontoer eller bestille varer i deres navn (identitetstyveri og svindel)."
    ),
    "official_documents": gettext_lazy(
        "Kopier av ID-dokumenter kan brukes til å utgi seg for de berørte (identitetstyveri og svindel)."
    ),
    "special": gettext_lazy(
        "Opplysninger om helse eller andre særlige kategorier kan føre til diskriminering, "
        "stigmatisering og psykisk belastning for de berørte."
    ),
    "criminal": gettext_lazy(
        "Opplysninger om straffbare forhold kan føre til diskriminering, skade på omdømmet og "
        "vansker med arbeid eller bolig."
    ),
    "financial": gettext_lazy("Økonomiske opplysninger kan misbrukes til svindel og gi de berørte økonomisk tap."),
    "payment_card": gettext_lazy("Kortopplysninger kan misbrukes til å handle for de berørtes penger."),
    "credentials": gettext_lazy("Innloggingsopplysninger kan gi andre tilgang til de berørtes kontoer."),
    "location": gettext_lazy("Opplysninger om hvor noen er, kan utsette dem for forfølgelse eller fare."),
    "communication": gettext_lazy("Innholdet i meldinger kan avsløre private forhold og skade de berørtes omdømme."),
    "behavioural": gettext_lazy("Opplysninger om vaner og atferd kan brukes til å kartlegge de berørte."),
    "basic": gettext_lazy(
        "De berørte mister kontrollen over hvem som kjenner opplysningene om dem, og kan få "
        "uønskede henvendelser, for eksempel svindelforsøk på e-post eller telefon."
    ),
}

SEVERITY_TEXT = {
    "minor": gettext_lazy("Følgene for de berørte vil trolig være små."),
    "moderate": gettext_lazy("Følgene kan bli merkbare for de berørte, men kan trolig rettes opp."),
    "severe": gettext_lazy("Følgene kan bli alvorlige for de berørte og vanskelige å rette opp."),
}


def _consequences(assessment: Assessment | None, answers: Any) -> str | None:
    """Art. 33(3)(c): the likely consequences, as what may happen to the people — from the
    types of data, the people concerned and the severity. The ENISA arithmetic behind the
    severity stays with the risk assessment."""
    from incidents.rules import edpb as rules

    if assessment is None or not assessment.recommendation:
        return None
    facts = assessment.facts or {}
    rec = assessment.recommendation
    level = RISK_LEVEL_TEXT.get(rec.get("risk_level", ""))
    if level is None:
        return None
    categories = list(facts.get("data_categories") or [])
    if facts.get("context_reveals_special") and "special" not in categories:
        categories.append("special")
    chosen = answers.get("consequences.impacts")
    harms = chosen or rules.harms_of(categories)
    lines = [str(level)]
    named = [str(rules.HARMS[h]) for h in harms if h in rules.HARMS and h not in ("other", rules.TO_BE_DETERMINED)]
    if named:
        lines.append(_("Det som kan skje med de berørte: %(harms)s.") % {"harms": ", ".join(named)})
    if not chosen:
        order = (
            "special",
            "criminal",
            "national_id",
            "official_documents",
            "financial",
            "payment_card",
            "credentials",
            "location",
            "communication",
            "behavioural",
            "basic",
        )
        lines += [str(HARM_SENTENCES[c]) for c in order if c in categories][:3]
    if facts.get("vulnerable_subjects"):
        lines.append(_("Mange av de berørte er barn eller i en sårbar situasjon, og følgene kan ramme dem hardere."))
    if facts.get("data_unintelligible"):
        lines.append(_("Opplysningene var kryptert, og nøkkelen er ikke kompromittert, så de er uleselige for andre."))
    severity = answers.get("consequences.severity") or rules.severity_of_band((rec.get("severity") or {}).get("band"))
    if severity in SEVERITY_TEXT:
        lines.append(str(SEVERITY_TEXT[severity]))
    description = (answers.get("consequences.description") or "").strip()
    if description:
        lines.append(description)
    return "\n".join(lines)


def _date(value: datetime) -> str:
    from django.utils import formats

    return (
        formats.date_format(timezone.localtime(value), "j. F Y")
        if get_language() != "en"
        else (formats.date_format(timezone.localtime(value), "j F Y"))
    )


def _informed(decision: Assessment | None, informed: Mapping[str, Any] | None, answers: Any) -> str | None:
    """Art. 34: are the people told? From the deliveries of the notices and the public
    notice: when, how, how many, all or not all and why."""
    told = informed.get("informed", 0) if informed else 0
    public_at = informed.get("public_published_at") if informed else None
    if told:
        total = informed.get("recipients", told) if informed else told
        date = _date(informed["first_sent_at"]) if informed and informed.get("first_sent_at") else ""
        used = [code for code, n in ((informed or {}).get("by_channel") or {}).items() if n]
        if used and used != ["email"]:
            text = _("Ja, %(told)s av %(total)s varslet %(date)s: %(how)s.") % {
                "told": told,
                "total": total,
                "date": date,
                "how": channels_words(((informed or {}).get("by_channel") or {}).items()),
            }
        else:
            text = _("Ja, %(told)s av %(total)s varslet på e-post %(date)s.") % {
                "told": told,
                "total": total,
                "date": date,
            }
        if told < total:
            reason = (answers.get("communication.not_all_reason") or "").strip()
            text += " " + _("%(missing)s har ikke fått varselet.") % {"missing": total - told}
            if reason:
                text += " " + reason
        if public_at:
            text += " " + _("I tillegg er en offentlig kunngjøring publisert %(date)s.") % {"date": _date(public_at)}
        return text
    if public_at:
        return _("Ja, gjennom en offentlig kunngjøring publisert %(date)s (art. 34 nr. 3 bokstav c).") % {
            "date": _date(public_at)
        }
    if decision is None or decision.notify_data_subjects is None:
        return None
    if decision.notify_data_subjects:
        return _("Ikke ennå. De berørte skal varsles direkte (art. 34).")
    if decision.exemption == Assessment.Exemption.DISPROPORTIONATE:
        return _("De berørte informeres gjennom en offentlig kunngjøring (art. 34 nr. 3 bokstav c).")
    text = _("Nei. De berørte varsles ikke.")
    if decision.exemption:
        text += " " + str(decision.get_exemption_display()) + "."
    if decision.justification.strip():
        text += " " + _("Begrunnelse: %(text)s") % {"text": decision.justification.strip()}
    return text


def _informed_how(informed: Mapping[str, Any] | None) -> str | None:
    if not informed:
        return None
    ways = []
    used = [code for code, n in (informed.get("by_channel") or {}).items() if n]
    if informed.get("informed") and used and used != ["email"]:
        ways.append(_("Varsel til hver enkelt (%(how)s)") % {"how": channels_words(informed["by_channel"].items())})
    elif informed.get("informed"):
        ways.append(_("Varsel på e-post til hver enkelt"))
    if informed.get("public_published_at"):
        ways.append(_("Offentlig kunngjøring"))
    return ", ".join(ways) or None


def _informed_when(informed: Mapping[str, Any] | None) -> str | None:
    if not informed:
        return None
    times = [t for t in (informed.get("first_sent_at"), informed.get("public_published_at")) if t]
    return when(min(times)) if times else None


def _not_applicable(decision: Assessment | None) -> str | None:
    if decision is not None and decision.notify_data_subjects is False and decision.exemption != "34_3_c":
        return _("Ikke aktuelt.")
    return None


def build_document(incident: Incident, *, language: str | None = None) -> Document:
    """The notification as it stands now, in the order of Datatilsynet's form, wholly in
    one language: the one the DPO chose for it (bokmål by default), or ``language``."""
    from django.utils import translation

    from incidents.selectors.authority_answers import LANGUAGES, document_language

    language = language if language in LANGUAGES else document_language(incident)
    assert language is not None
    with translation.override(language):
        document = _build_document(incident)
    document.language = language
    return document


def _build_document(incident: Incident) -> Document:
    from incidents.rules import edpb as rules
    from incidents.selectors.authority_answers import answers_of

    organisation = Organisation.current()
    assessment = selectors.current_assessment(incident)
    decision = selectors.latest_decision(incident)
    basis = decision or assessment
    facts: Mapping[str, Any] = basis.facts if basis is not None else {}
    draft = AuthorityNotificationDraft.objects.filter(incident=incident).first()
    texts: Mapping[str, str] = draft.texts if draft else {}
    answers = answers_of(incident, draft)
    informed = hooks.people_informed(incident)

    breach_types = list(facts.get("breach_types") or incident.breach_types or [])
    categories = list(facts.get("data_categories") or incident.data_categories or [])
    subjects = facts.get("subjects_count")
    if subjects is None:
        subjects = incident.approx_subjects
    taken, planned = measures_text(incident)
    discovered = when(incident.discovered_at) or ""
    discovery = answers.get("timeline.discovery")
    if discovery in rules.DISCOVERY:
        discovered += ". " + str(rules.DISCOVERY[discovery])
    how = (answers.get("timeline.discovery_description") or incident.how_discovered or "").strip()
    if how:
        discovered += ". " + how
    aware = when(incident.aware_at) or ""
    if incident.aware_reason.strip():
        aware += ". " + incident.aware_reason.strip()
    address = ", ".join(line.strip() for line in organisation.address.splitlines() if line.strip())

    sections = [
        DocSection(
            "description",
            _("Beskrivelse av bruddet"),
            [
                DocField("what_happened", _("Hva skjedde"), incident.description, required=True),
                DocField("main_cause", _("Hovedårsak"), _main_cause(incident, answers), required=True),
                DocField("period", _("Periode for bruddet"), _period(incident, answers)),
                DocField("discovered_at", _("Når og hvordan bruddet ble oppdaget"), discovered, required=True),
                DocField("aware_at", _("Når virksomheten ble kjent med bruddet"), aware),
                DocField(
                    "breach_types",
                    _("Type brudd"),
                    _joined([str(BREACH_TYPE_SHORT.get(t, t)) for t in breach_types]),
                    required=True,
                ),
                DocField(
                    "data_categories",
                    _("Typer personopplysninger"),
                    _joined([str(DATA_CATEGORY_LABELS.get(c, c)) for c in categories]),
                    required=True,
                ),
                DocField(
                    "subjects_count",
                    _("Antall berørte personer"),
                    _count_of(answers.get("subjects.number"), subjects),
                    required=True,
                ),
                DocField(
                    "records_count",
                    _("Antall berørte registreringer"),
                    _count_of(answers.get("data.records"), facts.get("records_count")),
                ),
                DocField("relation", _("Virksomhetens forhold til de berørte"), _relation(answers)),
                DocField("data_location", _("Hvor opplysningene er nå"), answers.get("data.location")),
                DocField("other_countries", _("Berørte i andre EØS-land"), _other_countries(answers)),
            ],
        ),
        DocSection(
            "consequences",
            _("Konsekvenser"),
            [
                DocField(
                    "consequences",
                    _("Sannsynlige konsekvenser"),
                    _consequences(decision or assessment, answers),
                    required=True,
                )
            ],
        ),
        DocSection(
            "measures",
            _("Tiltak"),
            [
                DocField("measures_taken", _("Tiltak som er gjennomført"), taken, required=True),
                DocField("measures_planned", _("Tiltak som er planlagt"), planned),
            ],
        ),
        DocSection(
            "information_to_subjects",
            _("Informasjon til de berørte"),
            [
                DocField(
                    "informed", _("Er de berørte informert"), _informed(decision, informed, answers), required=True
                ),
                DocField("informed_how", _("Hvordan"), _informed_how(informed) or _not_applicable(decision)),
                DocField("informed_when", _("Når"), _informed_when(informed) or _not_applicable(decision)),
            ],
        ),
        DocSection(
            "contact",
            _("Kontaktinformasjon"),
            [
                DocField("controller_name", _("Behandlingsansvarlig"), organisation.name, True, editable=False),
                DocField("org_number", _("Organisasjonsnummer"), organisation.org_number, editable=False),
                DocField("address", _("Adresse"), address, editable=False),
                DocField("contact_name", _("Kontaktperson"), organisation.contact_name, True, editable=False),
                DocField("contact_email", _("E-post"), organisation.contact_email, True, editable=False),
                DocField("contact_phone", _("Telefon"), organisation.contact_phone, True, editable=False),
            ],
        ),
    ]
    for section in sections:
        for item in section.fields:
            if item.editable:
                item.text = texts.get(item.key) or None
    submissions = list(incident.authority_submissions.order_by("submitted_at", "pk"))
    return Document(incident=incident, organisation=organisation, sections=sections, submissions=submissions)


# The description section of Datatilsynet's form, in its order.
DESCRIPTION_KEYS = (
    "what_happened",
    "main_cause",
    "period",
    "discovered_at",
    "aware_at",
    "breach_types",
    "data_categories",
    "subjects_count",
    "records_count",
    "relation",
    "data_location",
    "other_countries",
)

EDITABLE_KEYS = (
    *DESCRIPTION_KEYS,
    "consequences",
    "measures_taken",
    "measures_planned",
    "informed",
    "informed_how",
    "informed_when",
)

# The form's label of each field the DPO may word, for the history (the same words as
# build_document uses).


def document_content(document: Document, *, phased: bool = False) -> dict[str, Any]:
    """The document as data: CONTRACT.md "AuthorityNotification" without the filings, and
    the snapshot stored with each filing. In a phased notification what is not known yet
    is "to be determined" (art. 33(4)), not "unknown"."""
    blank = to_be_determined() if phased else unknown()

    def shown(f: DocField) -> str:
        return f.value if f.value is not None else blank

    values = {key: shown(f) for key, f in document.fields.items()}
    section_text = {s.key: "\n".join(f"{f.label}: {shown(f)}" for f in s.fields) for s in document.sections}
    return {
        "controller": {
            "name": values["controller_name"],
            "organisation_number": values["org_number"],
            "address": values["address"],
        },
        "contact": {
            "name": values["contact_name"],
            "email": values["contact_email"],
            "phone": values["contact_phone"],
        },
        "description": {key: values[key] for key in DESCRIPTION_KEYS},
        "consequences": values["consequences"],
        "measures": {"taken": values["measures_taken"], "planned": values["measures_planned"]},
        "information_to_subjects": {
            "informed": values["informed"],
            "how": values["informed_how"],
            "when": values["informed_when"],
        },
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "text": section_text[s.key],
                "fields": [{"key": f.key, "label": f.label, "value": shown(f)} for f in s.fields],
            }
            for s in document.sections
        ],
        "missing": document.missing,
        "gaps": document.gaps,
    }


def submission_as_dict(submission: AuthoritySubmission) -> dict[str, Any]:
    """A filed notification or follow-up as the API shows it (CONTRACT.md)."""
    return {
        "kind": submission.kind,
        "submitted_at": submission.submitted_at.isoformat(),
        "authority_reference": submission.authority_reference,
        "phased": submission.phased,
        "late_reason": submission.late_reason,
        "late": submission.was_late,
        "recorded_at": submission.recorded_at.isoformat(),
    }


def submission_summary(submission: AuthoritySubmission) -> dict[str, Any]:
    return {**submission_as_dict(submission), "note": submission.note}


def filed_document(document: Document, *, phased: bool, late_reason: str) -> dict[str, Any]:
    """The notification as it is filed now (CONTRACT.md "AuthorityNotification"), kept with
    the filing and never changed after (art. 33(5): the record of what Datatilsynet was
    told). ``submissions`` are the filings before this one; the words are those the DPO
    read when filing, in that language."""
    data = document_content(document, phased=phased)
    data.update(
        {
            "reference": document.incident.reference,
            "phased": phased,
            "late_reason": late_reason,
            "authority_deadline": document.incident.authority_deadline.isoformat(),
            "submissions": [submission_summary(s) for s in document.submissions],
            "language": document.language,
        }
    )
    return data


def notification_as_dict(document: Document) -> dict[str, Any]:
    """CONTRACT.md "AuthorityNotification": the next notification to file as it stands
    now, and each filing with the document exactly as it was filed."""
    data = document_content(document)
    initial = document.initial
    latest = document.submissions[-1] if document.submissions else None
    data["reference"] = document.incident.reference
    data["state"] = document.incident.state
    data["phased"] = bool(latest.phased) if latest else False
    data["late_reason"] = initial.late_reason if initial else ""
    data["authority_deadline"] = document.incident.authority_deadline.isoformat()
    data["submissions"] = [{**submission_summary(s), "document": s.document} for s in document.submissions]
    data["ready"] = not document.missing and not organisation_missing(document.organisation)
    return data
