"""The files of a case on its page: add, download, remove. Views parse, call a service and
show the result; who may do what is decided in ``incidents.selectors.attachments``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import Outcome, private_download, run_service
from incidents.models import Incident
from incidents.selectors.attachments import may_add_attachment, may_remove_attachment, visible_attachment
from incidents.services import attachments as services
from incidents.web.attachment_forms import ADD_PREFIX, AttachmentForm, RemoveAttachmentForm, remove_prefix
from incidents.web.cases import detail_context
from incidents.web.pages import request_user, visible_incident

SECTION = "#attachments-heading"


def _redraw(request: HttpRequest, incident: Incident, status: int, **forms: Any) -> HttpResponse:
    """The case page again, with the file form that was refused and its errors."""
    context = detail_context(request, incident)
    context.update(forms)
    return render(request, "incidents/detail.html", context, status=status)


@login_required
@require_POST
def attachment_add(request: HttpRequest, reference: str) -> HttpResponse:
    incident = visible_incident(request, reference)
    user = request_user(request)
    if not incident.is_open:
        messages.error(request, _("Saken er avsluttet. Det kan ikke legges til flere filer."))
        return redirect(incident.get_absolute_url() + SECTION)
    if not may_add_attachment(user, incident):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES, prefix=ADD_PREFIX)
    outcome = Outcome.INVALID
    if form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            request,
            form,
            lambda: services.attachment_add(
                incident=incident, by=user, upload=data["file"], description=data["description"]
            ),
            success=_("Filen er lagt til i saken."),
            conflict_on_form=True,
        )
        if outcome is Outcome.DONE:
            return redirect(incident.get_absolute_url() + SECTION)
    return _redraw(request, incident, 409 if outcome is Outcome.CONFLICT else 400, attachment_form=form)


@login_required
@require_GET
def attachment_download(request: HttpRequest, reference: str, attachment: str) -> FileResponse:
    """The file, as a download in the type its bytes were found to be: never shown in the
    browser, never guessed at (nosniff), to those who may see it only."""
    incident = visible_incident(request, reference)
    found = visible_attachment(request_user(request), incident, attachment)
    if found is None:
        raise Http404
    try:
        handle = services.attachment_open(found)
    except services.StoredBytesMissing:
        raise Http404 from None
    return private_download(handle, filename=found.name, content_type=found.content_type)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, reference: str, attachment: str) -> HttpResponse:
    incident = visible_incident(request, reference)
    user = request_user(request)
    found = visible_attachment(user, incident, attachment)
    if found is None:
        raise Http404
    if not may_remove_attachment(user, incident):
        raise PermissionDenied
    form = RemoveAttachmentForm(request.POST, prefix=remove_prefix(found))
    if form.is_valid():
        outcome = run_service(
            request,
            form,
            lambda: services.attachment_remove(attachment=found, by=user, reason=form.cleaned_data["reason"]),
            success=_("Filen er fjernet fra saken."),
        )
        if outcome is not Outcome.INVALID:
            return redirect(incident.get_absolute_url() + SECTION)
    return _redraw(request, incident, 400, attachment_remove_form=form, attachment_remove_id=found.pk)
