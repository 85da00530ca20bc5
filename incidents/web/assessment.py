"""The assessment form on the case page and the page that shows how Avvik assesses risk."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from core.i18n import current_language
from core.views import Outcome, run_service
from incidents.models import TEXT_MAX, Incident
from incidents.rules import risk
from incidents.rules.risk.labels import format_count
from incidents.selectors import cases as selectors
from incidents.services.assessment import (
    Decision,
    assessment_save_facts,
    can_conclude,
    incident_conclude,
    stored_recommendation_as_dict,
)
from incidents.services.cases import transition_permission
from incidents.vocabulary import BREACH_TYPE_LABELS, DATA_CATEGORY_LABELS
from incidents.web.forms import ServiceErrorsMixin
from incidents.web.pages import permitted_incident, visible_incident
from incidents.workflow import State

BOOLEAN_FACTS: dict[str, tuple[Any, Any]] = {
    "malicious": (
        gettext_lazy("Noen handlet med vilje for å skade"),
        gettext_lazy(
            "Bare når noen ville skade eller tjene på det: innbrudd, tyveri, løsepengevirus, svindel, en ansatt "
            "som tar med seg kundelister. En ansatt som snoker av nysgjerrighet, har et eget spørsmål under. "
            "Utstyr som er mistet eller glemt, hører ikke hit."
        ),
    ),
    "access_without_need": (
        gettext_lazy("Noen med tilgang så på opplysningene uten tjenstlig behov («snoking»)"),
        gettext_lazy(
            "For eksempel en sykepleier som leser journalen til en nabo, eller en saksbehandler som slår opp en "
            "kjent person av nysgjerrighet. Det er gjort med vilje, og den som så, kan kjenne de berørte. Velg "
            "også konfidensialitet og «kjente mottakere»."
        ),
    ),
    "context_reveals_special": (
        gettext_lazy("Sammenhengen avslører helse eller andre særlige kategorier"),
        gettext_lazy(
            "Opplysningene er i seg selv vanlige, men sammenhengen sier noe følsomt: e-postadressene til "
            "foreldrene i en spesialpedagogisk gruppe, en liste over pasientene på en klinikk, medlemmene i en "
            "menighet. Da vurderer Avvik dem som særlige kategorier."
        ),
    ),
    "data_unintelligible": (
        gettext_lazy("Opplysningene er uleselige for uvedkommende"),
        gettext_lazy("Kryptert eller hashet etter beste praksis, og nøkkelen er ikke kommet på avveie."),
    ),
    "vulnerable_subjects": (
        gettext_lazy("Det gjelder sårbare personer"),
        gettext_lazy("Barn, pasienter, eller andre i en sårbar situasjon."),
    ),
    "recipient_trusted": (
        gettext_lazy("Den eneste mottakeren er kjent og til å stole på"),
        gettext_lazy(
            "Og har bekreftet at opplysningene er slettet eller ikke blir brukt, for eksempel en kollega i en "
            "annen avdeling eller en annen virksomhet med taushetsplikt. Det senker risikoen, men fjerner den "
            "ikke når det gjelder særlige kategorier, straffeopplysninger eller mer enn 100 berørte."
        ),
    ),
    "data_already_public": (
        gettext_lazy("De samme opplysningene var allerede lovlig offentlige"),
        "",
    ),
    "measures_remove_high_risk": (
        gettext_lazy("Tiltak i etterkant gjør at en høy risiko ikke lenger er sannsynlig"),
        gettext_lazy("Art. 34 nr. 3 bokstav b."),
    ),
    "disproportionate_effort": (
        gettext_lazy("Det vil kreve uforholdsmessig stor innsats å nå hver enkelt"),
        gettext_lazy("Art. 34 nr. 3 bokstav c: da skal det gis en offentlig kunngjøring i stedet."),
    ),
}


def _choices(table: Any, codes: tuple[str, ...], language: str, blank: Any = None) -> list[tuple[str, str]]:
    out = [("", str(blank))] if blank is not None else []
    return out + [(code, table[code][language]) for code in codes]


class AssessmentForm(ServiceErrorsMixin, forms.Form):
    breach_types = forms.MultipleChoiceField(
        label=gettext_lazy("Hva slags brudd er det?"),
        choices=list(BREACH_TYPE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Velg minst én type brudd.")},
    )
    data_categories = forms.MultipleChoiceField(
        label=gettext_lazy("Hvilke typer opplysninger gjelder det?"),
        choices=list(DATA_CATEGORY_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Velg minst én type opplysninger.")},
    )
    dpc_adjustment = forms.TypedChoiceField(
        label=gettext_lazy("Justering av hvor alvorlige opplysningene er (ENISA)"),
        help_text=gettext_lazy(
            "Juster opp eller ned ut fra sammenhengen, for eksempel mye data om samme person (opp) "
            "eller opplysninger som allerede er kjent (ned). Begrunn justeringen."
        ),
        choices=[(str(n), f"{n:+d}" if n else "0") for n in range(-3, 4)],
        coerce=int,
        initial="0",
    )
    dpc_adjustment_reason = forms.CharField(
        label=gettext_lazy("Begrunnelse for justeringen"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    identifiability = forms.ChoiceField(label=gettext_lazy("Hvor lett er det å finne ut hvem det gjelder?"))
    confidentiality_exposure = forms.ChoiceField(
        label=gettext_lazy("Hvem kan ha fått opplysningene?"),
        help_text=gettext_lazy(
            "En mistet eller stjålet PC, telefon, minnepinne eller mappe: «ukjente mottakere», med mindre du vet "
            "hvem som har den. Feil adressat på e-post eller brev: «kjente mottakere». Dør eller skap brutt opp, "
            "men ingenting tyder på at noe er lest: «ingen tegn»."
        ),
        required=False,
    )
    integrity_impact = forms.ChoiceField(label=gettext_lazy("Ble endrede opplysninger misbrukt?"), required=False)
    availability_impact = forms.ChoiceField(label=gettext_lazy("Kan opplysningene hentes fram igjen?"), required=False)
    exfiltration = forms.ChoiceField(
        label=gettext_lazy("Etter et angrep på systemene: ble opplysninger kopiert ut?"),
        help_text=gettext_lazy(
            "Gjelder løsepengevirus, innbrudd i systemer og skadevare. Velg «utelukket» bare når logger eller en "
            "undersøkelse viser at ingenting forlot systemene. Uten logger er svaret «ukjent», og da regner Avvik "
            "med at opplysningene kan være kopiert ut."
        ),
        initial="unknown",
        required=False,  # not sent (an older page or client): "unknown", the contract's default
    )
    subjects_count = forms.IntegerField(
        label=gettext_lazy("Omtrent hvor mange personer er berørt?"),
        required=False,
        min_value=0,
        error_messages={"min_value": gettext_lazy("Antallet kan ikke være negativt.")},
    )
    records_count = forms.IntegerField(
        label=gettext_lazy("Omtrent hvor mange oppføringer?"),
        required=False,
        min_value=0,
        error_messages={"min_value": gettext_lazy("Antallet kan ikke være negativt.")},
    )

    def __init__(self, *args: Any, language: str = "nb", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unknown = _("Vet ikke ennå")
        choice_fields: Any = self.fields
        choice_fields["identifiability"].choices = _choices(
            risk.IDENTIFIABILITY_LABELS, tuple(risk.IDENTIFIABILITY), language
        )
        choice_fields["confidentiality_exposure"].choices = _choices(
            risk.VALUE_LABELS, risk.CONFIDENTIALITY_EXPOSURE, language, unknown
        )
        choice_fields["integrity_impact"].choices = _choices(
            risk.VALUE_LABELS, risk.INTEGRITY_IMPACT, language, unknown
        )
        choice_fields["availability_impact"].choices = _choices(
            risk.VALUE_LABELS, risk.AVAILABILITY_IMPACT, language, unknown
        )
        # Unknown first: the default, and what an attack without logs honestly is.
        choice_fields["exfiltration"].choices = _choices(
            risk.VALUE_LABELS, ("unknown", "ruled_out", "likely", "confirmed"), language
        )
        for name, (label, help_text) in BOOLEAN_FACTS.items():
            self.fields[name] = forms.BooleanField(label=label, help_text=help_text, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("dpc_adjustment") and not (cleaned.get("dpc_adjustment_reason") or "").strip():
            self.add_error("dpc_adjustment_reason", _("Skriv hvorfor du justerer."))
        return cleaned

    def facts(self) -> dict[str, object]:
        """The cleaned form as CONTRACT.md's Facts; what is not known is left out."""
        data = self.cleaned_data
        facts: dict[str, object] = {
            "breach_types": list(data["breach_types"]),
            "data_categories": list(data["data_categories"]),
            "dpc_adjustment": data["dpc_adjustment"],
            "identifiability": data["identifiability"],
            "exfiltration": data["exfiltration"] or "unknown",
        }
        if data["dpc_adjustment_reason"]:
            facts["dpc_adjustment_reason"] = data["dpc_adjustment_reason"]
        for name in ("confidentiality_exposure", "integrity_impact", "availability_impact"):
            if data[name]:
                facts[name] = data[name]
        for name in ("subjects_count", "records_count"):
            if data[name] is not None:
                facts[name] = data[name]
        for name in BOOLEAN_FACTS:
            facts[name] = bool(data[name])
        return facts


YES_NO = [("yes", gettext_lazy("Ja")), ("no", gettext_lazy("Nei"))]


class DecisionForm(ServiceErrorsMixin, forms.Form):
    notify_authority = forms.ChoiceField(
        label=gettext_lazy("Skal bruddet meldes til Datatilsynet? (art. 33)"), choices=YES_NO, widget=forms.RadioSelect
    )
    notify_data_subjects = forms.ChoiceField(
        label=gettext_lazy("Skal de berørte varsles hver for seg? (art. 34)"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    exemption = forms.ChoiceField(
        label=gettext_lazy("Unntak fra varsling av de berørte (art. 34 nr. 3)"),
        required=False,
        choices=[
            ("", gettext_lazy("Ingen unntak")),
            ("34_3_a", gettext_lazy("a) Opplysningene er uleselige for uvedkommende")),
            ("34_3_b", gettext_lazy("b) Senere tiltak gjør at den høye risikoen ikke lenger er sannsynlig")),
            ("34_3_c", gettext_lazy("c) Uforholdsmessig stor innsats – offentlig kunngjøring i stedet")),
        ],
    )
    justification = forms.CharField(
        label=gettext_lazy("Begrunnelse"),
        help_text=gettext_lazy(
            "Påkrevd når du går bort fra anbefalingen, når ingen skal varsles, og når du bruker et unntak."
        ),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            notify_authority=data["notify_authority"] == "yes",
            notify_data_subjects=data["notify_data_subjects"] == "yes",
            exemption=data["exemption"] or None,
            justification=data["justification"],
        )


def _initial_facts(incident: Incident) -> dict[str, Any]:
    assessment = selectors.current_assessment(incident)
    if assessment is not None and assessment.facts:
        initial = dict(assessment.facts)
        initial["dpc_adjustment"] = str(initial.get("dpc_adjustment", 0))
        return initial
    return {
        "breach_types": incident.breach_types,
        "data_categories": incident.data_categories,
        "subjects_count": incident.approx_subjects,
        "identifiability": "maximum",
        "dpc_adjustment": "0",
        "exfiltration": "unknown",
    }


def facts_in_words(facts: dict[str, Any], language: str) -> list[tuple[str, str]]:
    """The stored facts as a person reads them: each question of the form with its answer in
    words, never a code. Facts stored before a field existed show that field's default."""
    form = AssessmentForm(language=language)
    choice_fields: Any = form.fields
    not_given = _("Ikke oppgitt")

    def chosen(name: str) -> str:
        value = facts.get(name)
        if name == "exfiltration" and not value:
            value = "unknown"
        return str(dict(choice_fields[name].choices).get(value, not_given)) if value else not_given

    def listed(table: Any, name: str) -> str:
        return ", ".join(str(table.get(code, code)) for code in facts.get(name) or []) or not_given

    rows: list[tuple[str, str]] = [
        (str(form.fields["breach_types"].label), listed(BREACH_TYPE_LABELS, "breach_types")),
        (str(form.fields["data_categories"].label), listed(DATA_CATEGORY_LABELS, "data_categories")),
    ]
    for name in ("identifiability", "confidentiality_exposure", "integrity_impact", "availability_impact"):
        rows.append((str(form.fields[name].label), chosen(name)))
    rows.append((str(form.fields["exfiltration"].label), chosen("exfiltration")))
    for name in ("subjects_count", "records_count"):
        count = facts.get(name)
        rows.append((str(form.fields[name].label), format_count(count, language) if count is not None else not_given))
    for name in BOOLEAN_FACTS:
        rows.append((str(form.fields[name].label), _("Ja") if facts.get(name) else _("Nei")))
    adjustment = int(facts.get("dpc_adjustment") or 0)
    rows.append((str(form.fields["dpc_adjustment"].label), f"{adjustment:+d}" if adjustment else "0"))
    if facts.get("dpc_adjustment_reason"):
        rows.append((str(form.fields["dpc_adjustment_reason"].label), str(facts["dpc_adjustment_reason"])))
    return rows


def _decision_initial(recommendation: dict[str, Any] | None) -> dict[str, Any]:
    if not recommendation:
        return {}
    return {
        "notify_authority": "yes" if recommendation["notify_authority"] else "no",
        "notify_data_subjects": "yes" if recommendation["notify_data_subjects"] else "no",
        "exemption": recommendation.get("exemption") or "",
    }


def _page(
    request: HttpRequest,
    incident: Incident,
    facts_form: AssessmentForm,
    decision_form: DecisionForm | None,
    status: int = 200,
) -> HttpResponse:
    language = current_language()
    assessment = selectors.current_assessment(incident)
    recommendation = (
        stored_recommendation_as_dict(assessment.recommendation, language)
        if assessment is not None and assessment.recommendation
        else None
    )
    user: Any = request.user
    if decision_form is None and can_conclude(user):
        decision_form = DecisionForm(initial=_decision_initial(recommendation))
    versions = list(incident.assessments.filter(concluded_at__isnull=False).select_related("concluded_by"))
    return render(
        request,
        "incidents/assessment.html",
        {
            "incident": incident,
            "form": facts_form,
            "decision_form": decision_form if incident.state == State.ASSESSMENT and recommendation else None,
            "recommendation": recommendation,
            "assessment": assessment,
            "facts_in_words": facts_in_words(assessment.facts, language) if assessment and assessment.facts else [],
            "versions": versions,
            "editable": incident.state == State.ASSESSMENT and user.has_perm(permissions.WORK),
            "risk_levels": {code: label[language] for code, label in risk.LEVEL_LABELS.items()},
            "bands": {code: label[language] for code, label in risk.BAND_LABELS.items()},
        },
        status=status,
    )


@login_required
def assessment_page(request: HttpRequest, reference: str) -> HttpResponse:
    incident = visible_incident(request, reference)
    user: Any = request.user
    if not (user.has_perm(permissions.WORK) or user.has_perm(permissions.VIEW_ALL)):
        raise PermissionDenied
    language = current_language()
    if request.method == "POST":
        if not user.has_perm(permissions.WORK):
            raise PermissionDenied
        form = AssessmentForm(request.POST, language=language)
        if form.is_valid():
            outcome = run_service(
                request,
                form,
                lambda: assessment_save_facts(incident=incident, by=user, facts=form.facts(), language=language),
                success=_("Risikovurderingen er lagret, og anbefalingen er oppdatert."),
            )
            if outcome is not Outcome.INVALID:
                return redirect("incident-assessment", reference=reference)
        return _page(request, incident, form, None, status=400)
    return _page(request, incident, AssessmentForm(initial=_initial_facts(incident), language=language), None)


@login_required
def conclude_page(request: HttpRequest, reference: str) -> HttpResponse:
    if request.method != "POST":
        visible_incident(request, reference)
        return redirect("incident-assessment", reference=reference)
    incident = permitted_incident(request, reference, transition_permission("conclude"))
    user: Any = request.user
    form = DecisionForm(request.POST)
    if form.is_valid():
        outcome = run_service(
            request,
            form,
            lambda: incident_conclude(incident=incident, by=user, decision=form.decision()),
            success=_("Beslutningen er lagret."),
        )
        if outcome is not Outcome.INVALID:
            return redirect(incident)
    facts_form = AssessmentForm(initial=_initial_facts(incident), language=current_language())
    return _page(request, incident, facts_form, form, status=400)


@login_required
def risk_rules(request: HttpRequest) -> HttpResponse:
    """«Slik vurderer Avvik risiko»: the engine's own tables and rules, for any logged-in user."""
    language = current_language()
    return render(
        request,
        "incidents/risk_rules.html",
        {"rules": risk.rules_table(language), "enisa": risk.enisa_tables(language)},
    )
