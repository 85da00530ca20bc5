"""The printed letters on the case's recipients page: gather the letters waiting into a
batch, download its one PDF for printing once a task has made it (or have it made again
when that failed), record when it was posted (services.letters)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions
from accounts.http import AuthedRequest
from core.views import Outcome, attempt, private_download, run_service
from incidents.web.pages import permitted_incident
from notifications.models import LetterBatch
from notifications.services import letters


class PostedForm(forms.Form):
    posted_at = forms.DateTimeField(
        label=gettext_lazy("Postlagt"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": gettext_lazy("Skriv når brevene ble postlagt."),
            "invalid": gettext_lazy("Skriv dato og klokkeslett, for eksempel 2026-12-01 14:30."),
        },
    )


def _batch_of(request: AuthedRequest, reference: str, batch_id: int) -> LetterBatch:
    """The print run of a case the DPO may print for; 404 for another case's."""
    incident = permitted_incident(request, reference, permissions.DECIDE)
    batch = LetterBatch.objects.filter(pk=batch_id, incident=incident).select_related("incident").first()
    if batch is None:
        raise Http404
    return batch


def _back(reference: str) -> HttpResponse:
    return redirect(reverse("recipients", args=[reference]) + "#letters-heading")


@login_required
@require_POST
def letter_batch_create(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.DECIDE)
    outcome, batch = attempt(
        request, None, lambda: letters.letter_batch_create(incident_id=incident.pk, by=request.user)
    )
    if outcome is Outcome.DONE and batch is not None:
        messages.success(
            request,
            _("%(n)s brev er samlet til utskrift. PDF-en lages nå; oppdater siden om litt.") % {"n": batch.count},
        )
    return _back(incident.reference)


@login_required
@require_GET
def letter_batch_download(request: AuthedRequest, reference: str, batch_id: int) -> HttpResponseBase:
    """The print run's PDF, made beforehand by a task: private, never kept by a cache. While
    it is being made (or when it failed, or was deleted), back to the page, which says so."""
    batch = _batch_of(request, reference, batch_id)
    incident = batch.incident
    outcome, handle = attempt(request, None, lambda: letters.letter_batch_file(batch=batch, by=request.user))
    if outcome is not Outcome.DONE or handle is None:
        return _back(incident.reference)
    return private_download(
        handle, filename=f"brev-{incident.reference}-{batch.pk}.pdf", content_type="application/pdf"
    )


@login_required
@require_POST
def letter_batch_retry(request: AuthedRequest, reference: str, batch_id: int) -> HttpResponse:
    incident = _batch_of(request, reference, batch_id).incident
    run_service(
        request,
        None,
        lambda: letters.letter_batch_retry(batch_id=batch_id, by=request.user),
        success=_("PDF-en lages på nytt. Oppdater siden om litt."),
    )
    return _back(incident.reference)


@login_required
@require_POST
def letter_batch_posted(request: AuthedRequest, reference: str, batch_id: int) -> HttpResponse:
    incident = _batch_of(request, reference, batch_id).incident
    form = PostedForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(incident.reference)
    posted_at = form.cleaned_data["posted_at"]
    if timezone.is_naive(posted_at):
        posted_at = timezone.make_aware(posted_at)
    outcome, n = attempt(
        request, None, lambda: letters.letter_batch_posted(batch_id=batch_id, by=request.user, posted_at=posted_at)
    )
    if outcome is Outcome.DONE:
        messages.success(request, _("%(n)s brev er registrert som sendt.") % {"n": n})
    return _back(incident.reference)
