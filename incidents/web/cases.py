"""The case pages. Views parse, call a service and show the result; no ORM writes here."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.http import AuthedRequest
from core.errors import Invalid
from core.views import Outcome, run_service
from incidents import hooks
from incidents.models import Incident
from incidents.rules import deadlines
from incidents.selectors import cases as selectors
from incidents.selectors.dashboard import years_with_cases
from incidents.selectors.search import (
    REGISTER_SORTS,
    WORKLIST_SORTS,
    search_cases,
    sort_cases,
    with_decided_risk,
)
from incidents.selectors.timeline import incident_timeline
from incidents.services import cases as services
from incidents.services.access import record_access
from incidents.services.transitions import run_transition
from incidents.vocabulary import BREACH_TYPE_SHORT, DATA_CATEGORY_SHORT
from incidents.web import forms
from incidents.web.listing import ListQuery, list_query, sort_headers
from incidents.web.note_forms import notes_context
from incidents.web.pages import measures_context, permitted_incident, request_user, visible_incident
from incidents.workflow import TRANSITION_LABELS, State


@login_required
def report(request: HttpRequest) -> HttpResponse:
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reported: list[Incident] = []

        def report_incident() -> None:
            reported.append(
                services.incident_report(
                    by=request_user(request),
                    report=services.Report(
                        title=data["title"],
                        description=data["description"],
                        discovered_at=data["discovered_at"],
                        occurred_at=data["occurred_at"],
                        ongoing=data["ongoing"],
                        how_discovered=data["how_discovered"],
                        breach_types=tuple(data["breach_types"]),
                        approx_subjects=data["approx_subjects"],
                        data_categories=tuple(data["data_categories"]),
                        immediate_measures=data["immediate_measures"],
                        incident_kind=data["incident_kind"],
                        incident_kind_other=data["incident_kind_other"],
                        ended_at=data["ended_at"],
                    ),
                )
            )

        if run_service(request, form, report_incident) is Outcome.DONE:  # incident_report raises no Conflict
            return redirect("incident-receipt", reference=reported[0].reference)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "incidents/report.html", {"form": form}, status=status)


@login_required
def receipt(request: HttpRequest, reference: str) -> HttpResponse:
    incident = visible_incident(request, reference)
    return render(request, "incidents/receipt.html", {"incident": incident})


# The worklist's queue of open cases nobody is assigned to: the DPO's to hand out.
WAITING_FOR_DPO = "venter"


def _worklist_queryset(request: HttpRequest, query: ListQuery) -> tuple[Any, str]:
    qs = selectors.worklist(request_user(request))
    state = request.GET.get("state", "")
    if state == WAITING_FOR_DPO:
        qs = selectors.waiting_for_dpo(qs)
    elif state in State.values:
        qs = qs.filter(state=state)
    elif state != "all":
        state = ""
        qs = selectors.open_only(qs)
    qs = sort_cases(search_cases(qs, query.term), query.sort, query.descending)
    return qs, state


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    staff = user.has_perm(permissions.VIEW_ALL) or user.has_perm(permissions.WORK)
    # A reporter's list of their own reports has no risk or handler to sort by.
    sorts = WORKLIST_SORTS if staff else {k: v for k, v in WORKLIST_SORTS.items() if k not in STAFF_COLUMNS}
    query = list_query(request.GET, sorts)
    qs, state = _worklist_queryset(request, query)
    page = Paginator(qs, 50).get_page(request.GET.get("side"))
    now = timezone.now()
    rows = [(incident, selectors.clock_of(incident, now)) for incident in page]
    columns = [(key, label) for key, label in _worklist_columns() if staff or key not in STAFF_COLUMNS]
    return render(
        request,
        "incidents/list.html",
        {"page": page, "rows": rows, "state": state, "states": State.choices, "now": now, "query": query}
        | {"headers": sort_headers(query, columns, sorts), "staff": staff},
        status=400 if query.errors else 200,
    )


STAFF_COLUMNS = ("risiko", "saksbehandler")


def _worklist_columns() -> list[tuple[str, Any]]:
    """The worklist's columns, in the active language: (sort key or \"\", label)."""
    return [
        ("referanse", _("Referanse")),
        ("", _("Beskrivelse")),
        ("", _("Status")),
        ("risiko", _("Risiko")),
        ("saksbehandler", _("Saksbehandler")),
        ("meldt", _("Meldt")),
        ("frist", _("Frist")),
    ]


# Steps done on their own page: the case page links to them.
ELSEWHERE = {
    "conclude": ("incident-assessment", gettext_lazy("Vurder risikoen og ta en beslutning")),
    "submit": ("authority-notification", gettext_lazy("Registrer melding til Datatilsynet")),
}

ANCHORS = {"submit": "#submit-heading"}

ACTION_FORMS: dict[str, type[Any]] = {
    "start": forms.EmptyForm,
    "dismiss": forms.ReasonForm,
    "confirm": forms.ConfirmForm,
    "reassess": forms.ReasonForm,
    "reopen": forms.ReasonForm,
    "close": forms.CloseForm,
    "complete": forms.EmptyForm,
}


def detail_context(request: HttpRequest, incident: Incident, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    user = request_user(request)
    names = [n for n in services.available_transitions(incident, user) if n in ACTION_FORMS]
    # "Not a breach" comes after the steps that take the case on: a dismissal is the
    # exception, and the first button is the one a hurried reader presses.
    names.sort(key=lambda n: n in LAST_ACTIONS)
    actions = []
    for name in names:
        initial: dict[str, Any] = {"row_version": incident.row_version}
        if name == "confirm":
            # Proposed: awareness as it stands, which is the time of discovery unless the
            # DPO has moved it (DESIGN.md "Time").
            initial["aware_at"] = timezone.localtime(incident.aware_at)
        form = (bound or {}).get(name) or ACTION_FORMS[name](initial=initial)
        actions.append({"name": name, "label": TRANSITION_LABELS[name], "form": form})
    elsewhere = [
        {"label": label, "url": reverse(url_name, args=[incident.reference]) + ANCHORS.get(name, "")}
        for name in services.available_transitions(incident, user)
        if name in ELSEWHERE
        for url_name, label in [ELSEWHERE[name]]
    ]
    can_edit = incident.is_open and user.has_perm(permissions.WORK)
    internal = selectors.sees_case_internals(user, incident)
    message_form = None
    if user.has_perm(permissions.DECIDE):
        message_form = (bound or {}).get("reporter_message") or forms.ReporterMessageForm(
            initial={"reporter_message": incident.reporter_message, "row_version": incident.row_version}
        )
    awareness_form = None
    # While the case is confirmed, the confirmation sets "Kjent fra": one form for it, not two.
    if incident.is_open and user.has_perm(permissions.DECIDE) and "confirm" not in names:
        awareness_form = (bound or {}).get("set_awareness") or forms.AwarenessForm(
            initial={"aware_at": timezone.localtime(incident.aware_at), "row_version": incident.row_version}
        )
    assign_form = None
    if incident.is_open and user.has_perm(permissions.DECIDE):
        assign_form = (bound or {}).get("assign") or forms.AssignForm(
            handlers=selectors.assignable_handlers(),
            initial={"handler": incident.handler_id, "row_version": incident.row_version},
        )
    return {
        "assign_form": assign_form,
        "awareness_form": awareness_form,
        "discovered_before_report": _discovered_before_report(incident),
        "message_form": message_form,
        "internal": internal,
        "incident": incident,
        "breach_type_labels": [BREACH_TYPE_SHORT.get(t, t) for t in incident.breach_types],
        "data_category_labels": [DATA_CATEGORY_SHORT.get(c, c) for c in incident.data_categories],
        "clock": selectors.clock_of(incident),
        "actions": actions,
        "elsewhere": elsewhere,
        "can_edit": can_edit,
        "timeline": incident_timeline(incident, internal=internal),
        "accesses": list(incident.accesses.select_related("user")[:200])
        if user.has_perm(permissions.VIEW_AUDIT_TRAIL)
        else None,
        "assessment": selectors.current_assessment(incident) if internal else None,
        "decision": selectors.latest_decision(incident) if internal else None,
        "submissions": list(incident.authority_submissions.all()) if internal else [],
        "measures_section": measures_context(user, incident, (bound or {}).get("measure_add")) if internal else None,
        **notes_context(user, incident, bound or {}),
    }


def _discovered_before_report(incident: Incident) -> timedelta | None:
    """How long before the report the breach was discovered, while the first assessment is
    open and the gap is more than a day: the 72 hours may be mostly gone (DESIGN.md "Time")."""
    if incident.state not in (State.REPORTED, State.TRIAGE):
        return None
    gap = deadlines.instant(incident.reported_at) - deadlines.instant(incident.discovered_at)
    return gap if gap > timedelta(days=1) else None


@login_required
def incident_detail(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = visible_incident(request, reference)
    record_access(incident_id=incident.pk, user_id=request.user.pk, channel="page")
    return render(request, "incidents/detail.html", detail_context(request, incident))


def _action_values(name: str, incident: Incident, data: dict[str, Any]) -> dict[str, Any]:
    """The service's keyword arguments from the form of the action ``name``."""
    values: dict[str, Any] = {"expected_version": data.get("row_version")}
    if name in ("dismiss", "reassess", "reopen"):
        values["reason"] = data["reason"]
    elif name == "confirm":
        aware_at = data["aware_at"]
        if aware_at is not None and aware_at == incident.aware_at.replace(second=0, microsecond=0):
            aware_at = None  # the proposed time, sent back as shown (to the minute): unchanged
        values.update(aware_at=aware_at, aware_reason=data["aware_reason"])
    elif name == "close":
        values.update(
            lessons_learned=data["lessons_learned"],
            root_cause=data["root_cause"],
            root_cause_detail=data["root_cause_detail"],
        )
    return values


KEEP_TYPED_ON_CONFLICT = frozenset({"close"})
LAST_ACTIONS = frozenset({"dismiss"})


@login_required
@require_POST
def incident_action(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    if name not in ACTION_FORMS:
        raise Http404
    incident = permitted_incident(request, reference, services.transition_permission(name))
    form = ACTION_FORMS[name](request.POST)
    if form.is_valid():
        outcome = run_service(
            request,
            form,
            lambda: run_transition(
                name,
                incident=incident,
                by=request_user(request),
                values=_action_values(name, incident, form.cleaned_data),
            ),
            success=_("Lagret: %(action)s.") % {"action": TRANSITION_LABELS[name]},
            # A refused closing (open measures) says why above the form, which keeps the
            # lessons learned as typed.
            conflict_on_form=name in KEEP_TYPED_ON_CONFLICT,
        )
        refused_here = outcome is Outcome.CONFLICT and name in KEEP_TYPED_ON_CONFLICT
        if outcome is not Outcome.INVALID and not refused_here:
            return redirect(incident)
        if refused_here:
            context = detail_context(request, incident, bound={name: form})
            return render(request, "incidents/detail.html", context, status=409)
    context = detail_context(request, incident, bound={name: form})
    return render(request, "incidents/detail.html", context, status=400)


@login_required
@require_POST
def incident_awareness(request: HttpRequest, reference: str) -> HttpResponse:
    """The DPO moves the time of awareness, with a reason (art. 33(1): the 72 hours run from it)."""
    incident = permitted_incident(request, reference, permissions.DECIDE)
    form = forms.AwarenessForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def set_awareness() -> None:
            services.incident_set_awareness(
                incident=incident,
                by=request_user(request),
                aware_at=data["aware_at"],
                reason=data["reason"],
                expected_version=data["row_version"],
            )

        outcome = run_service(request, form, set_awareness, success=_("Tidspunktet er endret, og fristen er flyttet."))
        if outcome is not Outcome.INVALID:
            return redirect(incident)
    context = detail_context(request, incident, bound={"set_awareness": form})
    return render(request, "incidents/detail.html", context, status=400)


@login_required
@require_POST
def incident_assign(request: HttpRequest, reference: str) -> HttpResponse:
    """The DPO assigns or reassigns the case's handler (the service checks who may; a role
    that may not is refused here before the form is read, so no page is drawn for it)."""
    incident = visible_incident(request, reference)
    if not request_user(request).has_perm(permissions.DECIDE):
        raise PermissionDenied
    form = forms.AssignForm(request.POST, handlers=selectors.assignable_handlers())
    if form.is_valid():
        data = form.cleaned_data

        def assign() -> None:
            services.incident_assign(
                incident=incident,
                by=request_user(request),
                handler=data["handler"],
                expected_version=data["row_version"],
            )

        outcome = run_service(
            request,
            form,
            assign,
            success=_("Saken er tildelt %(name)s.") % {"name": data["handler"].display_name},
        )
        if outcome is not Outcome.INVALID:
            return redirect(incident)
    context = detail_context(request, incident, bound={"assign": form})
    return render(request, "incidents/detail.html", context, status=400)


@login_required
@require_POST
def incident_reporter_message(request: HttpRequest, reference: str) -> HttpResponse:
    """The DPO tells the reporter what they choose; the reporter sees it with the status."""
    incident = visible_incident(request, reference)
    if not request_user(request).has_perm(permissions.DECIDE):
        raise PermissionDenied
    form = forms.ReporterMessageForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def set_message() -> None:
            services.incident_set_reporter_message(
                incident=incident,
                by=request_user(request),
                text=data["reporter_message"],
                expected_version=data["row_version"],
            )

        outcome = run_service(request, form, set_message, success=_("Meldingen til melderen er lagret."))
        if outcome is not Outcome.INVALID:
            return redirect(incident)
    context = detail_context(request, incident, bound={"reporter_message": form})
    return render(request, "incidents/detail.html", context, status=400)


@login_required
def incident_edit(request: HttpRequest, reference: str) -> HttpResponse:
    incident = visible_incident(request, reference)
    user = request_user(request)
    if not user.has_perm(permissions.WORK):
        raise PermissionDenied
    if not incident.is_open:
        messages.error(request, _("Saken er avsluttet. Gjenåpne den for å endre den."))
        return redirect(incident)
    initial = {name: getattr(incident, name) for name in services.EDITABLE_FIELDS}
    initial["row_version"] = incident.row_version
    form = forms.EditFactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in services.EDITABLE_FIELDS if name in form.changed_data}

        def update_facts() -> None:
            services.incident_update_facts(
                incident=incident, by=user, changes=changes, reason=data["reason"], expected_version=data["row_version"]
            )

        outcome = run_service(request, form, update_facts, success=_("Endringene er lagret."), conflict_on_form=True)
        if outcome is Outcome.DONE:
            return redirect(incident)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "incidents/edit.html", {"form": form, "incident": incident}, status=status)


def _register_columns() -> list[tuple[str, Any]]:
    """The register's columns, in the active language: (sort key or \"\", label)."""
    return [
        ("referanse", _("Referanse")),
        ("meldt", _("Meldt")),
        ("", _("Beskrivelse")),
        ("", _("Status")),
        ("risiko", _("Risiko")),
        ("", _("Datatilsynet")),
        ("", _("De berørte")),
        ("", _("Begrunnelse")),
    ]


def _register_filters(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "") for name in ("year", "state", "decision")}


@login_required
def register(request: HttpRequest) -> HttpResponseBase:
    from django.http import StreamingHttpResponse

    from incidents.selectors.register import (
        DECISION_FILTERS,
        filter_register,
        parse_year,
        register_csv,
        register_page_queryset,
        register_queryset,
    )

    user = request_user(request)
    if not user.has_perm(permissions.VIEW_REGISTER):
        raise PermissionDenied
    filters = _register_filters(request)
    query = list_query(request.GET, REGISTER_SORTS)
    year_errors: list[str] = []
    try:
        parse_year(filters["year"])
    except Invalid as error:
        # A year that is not a year: the page says so by the field and lists every year.
        year_errors = error.errors.get("year", [])
        filters["year"] = ""
    if request.GET.get("format") == "csv" and not year_errors:
        rows = search_cases(filter_register(register_queryset(user), **filters), query.term).iterator(chunk_size=1000)
        response = StreamingHttpResponse(register_csv(rows, hooks.people_told), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="avviksregister.csv"'
        return response
    qs = search_cases(filter_register(register_page_queryset(user), **filters), query.term)
    if query.sort is not None:
        qs = sort_cases(with_decided_risk(qs), query.sort, query.descending)
    page = Paginator(qs, 100).get_page(request.GET.get("side"))
    told = hooks.people_told([i.pk for i in page])
    for i in page:
        i.told = told.get(i.pk)
    years = years_with_cases()
    return render(
        request,
        "incidents/register.html",
        {
            "page": page,
            "filters": filters,
            "years": years,
            "states": State.choices,
            "decisions": DECISION_FILTERS,
            "csv_query": request.GET.urlencode(),
            "query": query,
            "headers": sort_headers(query, _register_columns(), REGISTER_SORTS, default=("referanse", True)),
            "year_errors": year_errors,
        },
        status=400 if year_errors or query.errors else 200,
    )
