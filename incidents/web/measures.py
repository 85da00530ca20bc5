"""Pages for measures (tiltak): add on the case page, edit, mark done, drop. Thin: parse,
call ``incidents.services.measures``, show the result."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.http import AuthedRequest
from core.views import Outcome, run_service
from incidents.selectors import cases as selectors
from incidents.selectors.measures import Measure
from incidents.services import measures as services
from incidents.web.cases import detail_context
from incidents.web.measure_forms import CompleteForm, DropForm, MeasureEditForm, MeasureForm
from incidents.web.pages import ADD_PREFIX, complete_prefix, permitted_incident


def _visible_measure(request: HttpRequest, pk: int, *, work: bool = False, owner_may: bool = True) -> Measure:
    """A measure the user may see: their own (``owner_may``), or one on a case they may see
    whose measures their role shows (not a reporter's). ``work``: only those who may change it."""
    user: Any = request.user
    measure = get_object_or_404(Measure.objects.select_related("incident", "owner"), pk=pk)
    if owner_may and measure.owner_id == user.pk:
        return measure
    if not selectors.incidents_visible_to(user).filter(pk=measure.incident_id).exists():
        raise Http404
    may = user.has_perm(permissions.WORK) or (not work and user.has_perm(permissions.VIEW_ALL))
    if not may:
        raise PermissionDenied
    return measure


def _back(request: HttpRequest, measure: Measure) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(measure.incident)


@login_required
@require_POST
def measure_add(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.WORK)
    form = MeasureForm(request.POST, prefix=ADD_PREFIX)
    if form.is_valid():

        def add() -> None:
            services.measure_add(incident=incident, by=request.user, data=services.measure_input(form.cleaned_data))

        if run_service(request, form, add, success=_("Tiltaket er lagt til.")) is not Outcome.INVALID:
            return redirect(incident)
    return render(
        request, "incidents/detail.html", detail_context(request, incident, {"measure_add": form}), status=400
    )


@login_required
def measure_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    measure = _visible_measure(request, pk, work=True, owner_may=False)
    initial = {"what": measure.what, "kind": measure.kind, "owner": measure.owner, "due_on": measure.due_on}
    form = MeasureEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def update() -> None:
            services.measure_update(
                measure=measure,
                by=request.user,
                data=services.measure_input(form.cleaned_data),
                reason=form.cleaned_data["reason"],
            )

        if run_service(request, form, update, success=_("Tiltaket er endret."), conflict_on_form=True) is Outcome.DONE:
            return redirect(measure.incident)
    status = 400 if form.is_bound and form.errors else 200
    context = {"measure": measure, "form": form, "title": _("Endre tiltak")}
    return render(request, "incidents/measure_form.html", context, status=status)


@login_required
def measure_complete(request: AuthedRequest, pk: int) -> HttpResponse:
    measure = _visible_measure(request, pk, work=True)
    form = CompleteForm(request.POST or None, prefix=complete_prefix(measure))
    if request.method == "POST" and form.is_valid():

        def complete() -> None:
            services.measure_complete(measure=measure, by=request.user, done_on=form.cleaned_data["done_on"])

        outcome = run_service(
            request, form, complete, success=_("Tiltaket er merket som utført."), conflict_on_form=True
        )
        if outcome is Outcome.DONE:
            return _back(request, measure)
    status = 400 if form.is_bound and form.errors else 200
    context = {"measure": measure, "form": form, "title": _("Merk tiltaket som utført")}
    return render(request, "incidents/measure_form.html", context, status=status)


@login_required
def measure_drop(request: AuthedRequest, pk: int) -> HttpResponse:
    measure = _visible_measure(request, pk, work=True, owner_may=False)
    form = DropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def drop() -> None:
            services.measure_drop(measure=measure, by=request.user, reason=form.cleaned_data["reason"])

        if run_service(request, form, drop, success=_("Tiltaket er droppet."), conflict_on_form=True) is Outcome.DONE:
            return redirect(measure.incident)
    status = 400 if form.is_bound and form.errors else 200
    context = {"measure": measure, "form": form, "title": _("Dropp tiltaket")}
    return render(request, "incidents/measure_form.html", context, status=status)
