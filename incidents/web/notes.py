"""The notes on the case page: comments, the contact log, questions to the reporter, and the
reporter's additions and answers. Each view parses one small form and calls a service; a
refused form comes back on the case page with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import permissions
from core.views import Outcome, attempt
from incidents.models import CaseNote, Incident
from incidents.services import notes as services
from incidents.services import reporter as reporter_services
from incidents.web.cases import detail_context
from incidents.web.note_forms import (
    AdditionForm,
    AnswerForm,
    CommentForm,
    ContactForm,
    QuestionForm,
    answer_prefix,
)
from incidents.web.pages import permitted_incident, request_user, visible_incident


def _done_or_page(
    request: HttpRequest,
    incident: Incident,
    form: forms.Form,
    key: str,
    write: Callable[[], CaseNote],
    success: str | Callable[[Any], str],
) -> HttpResponse:
    """Run ``write`` for a valid form and go to the new note; otherwise show the case page
    again with the form as typed and the reason (400, or 409 when the case moved on)."""
    if form.is_valid():
        # A refusal of the case's state is said at the top of the page; the form below it
        # keeps what was typed (notes_context shows a posted form even on a closed case).
        outcome, note = attempt(request, form, write)
        if outcome is Outcome.DONE and note is not None:
            messages.success(request, success(note) if callable(success) else success)
            return redirect(incident.get_absolute_url() + f"#note-{note.pk}")
        status = 409 if outcome is Outcome.CONFLICT else 400
    else:
        status = 400
    fresh = visible_incident(request, incident.reference)
    return render(request, "incidents/detail.html", detail_context(request, fresh, bound={key: form}), status=status)


def _comment_message(written: Any) -> str:
    parts = [_("Kommentaren er lagret.")]
    if written.told:
        parts.append(
            ngettext("%(names)s er varslet på e-post.", "%(names)s er varslet på e-post.", len(written.told))
            % {"names": ", ".join(user.display_name for user in written.told)}
        )
    if written.ignored:
        parts.append(
            _("%(handles)s er ikke brukere i Avvik, og ingen ble varslet om dem.")
            % {"handles": ", ".join(written.ignored)}
        )
    return " ".join(parts)


@login_required
@require_POST
def comment_add(request: HttpRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.WORK)
    form = CommentForm(request.POST, incident=incident)
    result: list[Any] = []

    def write() -> CaseNote:
        result.append(
            services.comment_add(
                incident=incident,
                by=request_user(request),
                text=form.cleaned_data["text"],
                mention=list(form.cleaned_data["mention"]),
            )
        )
        return result[0].note

    return _done_or_page(request, incident, form, "comment", write, lambda _note: _comment_message(result[0]))


@login_required
@require_POST
def contact_add(request: HttpRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.WORK)
    form = ContactForm(request.POST)

    def write() -> CaseNote:
        data = form.cleaned_data
        return services.contact_log_add(
            incident=incident,
            by=request_user(request),
            contacted=data["contacted"],
            channel=data["channel"],
            contacted_at=data["contacted_at"],
            text=data["text"],
        )

    return _done_or_page(request, incident, form, "contact", write, _("Kontakten er ført i kontaktloggen."))


def _text_note(
    request: HttpRequest,
    incident: Incident,
    form: forms.Form,
    key: str,
    service: Callable[..., CaseNote],
    success: str,
) -> HttpResponse:
    """A form of one text field, written by ``service(incident=, by=, text=)``."""

    def write() -> CaseNote:
        return service(incident=incident, by=request_user(request), text=form.cleaned_data["text"])

    return _done_or_page(request, incident, form, key, write, success)


@login_required
@require_POST
def question_ask(request: HttpRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.WORK)
    success = _("Spørsmålet er sendt. Melderen får beskjed på e-post.")
    return _text_note(
        request, incident, QuestionForm(request.POST), "question", reporter_services.reporter_question_ask, success
    )


def _reporters_case(request: HttpRequest, reference: str) -> Incident:
    """The case, for what only its reporter may write: 404 when they may not see it, 403
    for anyone else who may."""
    incident = visible_incident(request, reference)
    if incident.reported_by_id != request_user(request).pk:
        raise PermissionDenied
    return incident


@login_required
@require_POST
def addition_add(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _reporters_case(request, reference)
    success = _("Takk. Opplysningene er lagt til meldingen din.")
    return _text_note(
        request, incident, AdditionForm(request.POST), "addition", reporter_services.reporter_addition_add, success
    )


@login_required
@require_POST
def answer_add(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _reporters_case(request, reference)
    posted = request.POST.get("question", "")
    # A question that is not there (a tampered form) is refused by the service in words.
    question_id = int(posted) if posted.isdigit() and len(posted) < 12 else 0
    form = AnswerForm(request.POST, prefix=answer_prefix(question_id))

    def write() -> CaseNote:
        return reporter_services.reporter_question_answer(
            incident=incident, by=request_user(request), question_id=question_id, text=form.cleaned_data["text"]
        )

    return _done_or_page(
        request, incident, form, answer_prefix(question_id), write, _("Takk for svaret. Det er lagt til saken.")
    )
