"""Pages of the notification to Datatilsynet and of the organisation profile. Thin: parse,
call a service in incidents.services.authority / incidents.services.organisation, show the result."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.http import AuthedRequest
from core.errors import Conflict, Invalid, NotPermitted
from core.views import Outcome, run_service
from incidents.models import Incident, Organisation
from incidents.selectors.authority_answers import stored_time
from incidents.services import authority, edpb
from incidents.services.organisation import OrganisationForm, organisation_missing, organisation_update
from incidents.vocabulary import EDPB_QUESTION_LABELS
from incidents.web import filed as authority_filed
from incidents.web.forms import ServiceErrorsMixin, datetime_field, text
from incidents.web.pages import visible_incident
from incidents.workflow import TRANSITION_LABELS


class SubmitForm(ServiceErrorsMixin, forms.Form):
    submitted_at = datetime_field(gettext_lazy("Når ble meldingen sendt?"), required=True)
    authority_reference = forms.CharField(
        label=gettext_lazy("Referanse fra Altinn"), required=False, max_length=200, strip=False
    )
    phased = forms.BooleanField(
        label=gettext_lazy("Trinnvis melding: mer informasjon kommer senere (art. 33 nr. 4)"), required=False
    )
    late_reason = text(
        gettext_lazy("Begrunnelse for forsinkelse"),
        help_text=gettext_lazy(
            "Må fylles ut når meldingen er sendt mer enn 72 timer etter at virksomheten ble kjent med bruddet."
        ),
        rows=3,
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FollowUpForm(ServiceErrorsMixin, forms.Form):
    submitted_at = datetime_field(gettext_lazy("Når ble meldingen sendt?"), required=True)
    authority_reference = forms.CharField(
        label=gettext_lazy("Referanse fra Altinn"), required=False, max_length=200, strip=False
    )
    text = text(gettext_lazy("Hva den oppfølgende meldingen sa"), required=True, rows=4)
    phased = forms.BooleanField(label=gettext_lazy("Mer informasjon kommer fortsatt senere"), required=False)


def section_form(section: authority.DocSection, data: Any = None) -> forms.Form:
    form = forms.Form(data, prefix=section.key)
    for item in section.fields:
        if item.editable:
            form.fields[item.key] = text(item.label, rows=3 if item.key not in ("what_happened", "consequences") else 6)
            form.fields[item.key].initial = item.value or ""
    return form


def _notification_incident(request: AuthedRequest, reference: str, permission: str = "") -> Incident:
    """The case, when the user may see its notification; with ``permission``, also only
    when their role may make this change (checked before the form is read)."""
    incident = visible_incident(request, reference)
    if not authority.can_view_notification(request.user):
        raise PermissionDenied
    if permission and not request.user.has_perm(permission):
        raise PermissionDenied
    return incident


def _context(request: AuthedRequest, incident: Incident, **bound: Any) -> dict[str, Any]:
    user: Any = request.user
    document = authority.build_document(incident)
    can_edit = incident.is_open and user.has_perm(permissions.WORK)
    sections = []
    for section in document.sections:
        form = bound.get(f"section_{section.key}") or (section_form(section) if can_edit else None)
        has_form = form is not None and bool(form.fields)
        sections.append({"section": section, "form": form if has_form else None})
    can_submit = authority.in_notification_step(incident) and user.has_perm(permissions.DECIDE)
    return {
        "incident": incident,
        "document": document,
        "filed": authority_filed.filed_views(document),
        "sections": sections,
        "profile_missing": organisation_missing(document.organisation),
        "can_edit": can_edit,
        "can_edit_profile": user.has_perm(permissions.EDIT_ORGANISATION) or user.is_staff,
        "submit_form": (bound.get("submit") or SubmitForm(initial={"row_version": incident.row_version}))
        if can_submit
        else None,
        "submit_label": TRANSITION_LABELS["submit"],
        "follow_up_form": (bound.get("follow_up") or FollowUpForm())
        if authority.can_add_follow_up(incident, user)
        else None,
        "answers_form": (bound.get("answers") or AnswersForm(answers=edpb.answers_of(incident))) if can_edit else None,
        "language_form": (bound.get("language") or LanguageForm(initial={"language": document.language}))
        if can_edit
        else None,
    }


@login_required
def notification(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = _notification_incident(request, reference)
    return render(request, "incidents/authority.html", _context(request, incident))


@login_required
@require_POST
def save_section(request: AuthedRequest, reference: str, key: str) -> HttpResponse:
    incident = _notification_incident(request, reference, permissions.WORK)
    document = authority.build_document(incident)
    section = next((s for s in document.sections if s.key == key), None)
    if section is None:
        raise Http404
    form = section_form(section, request.POST)
    if form.is_valid() and form.fields:
        outcome = run_service(
            request,
            form,
            lambda: authority.authority_draft_save(incident=incident, by=request.user, texts=form.cleaned_data),
            success=_("Lagret: %(section)s.") % {"section": section.title},
        )
        if outcome is Outcome.DONE:
            return redirect(reverse("authority-notification", args=[incident.reference]) + f"#section-{key}")
        if outcome is Outcome.CONFLICT:
            return redirect("authority-notification", reference=incident.reference)
    context = _context(request, incident, **{f"section_{key}": form})
    return render(request, "incidents/authority.html", context, status=400)


@login_required
@require_POST
def submit(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = _notification_incident(request, reference, permissions.DECIDE)
    form = SubmitForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def submit_notification() -> None:
            authority.incident_submit(
                incident=incident,
                by=request.user,
                submitted_at=data["submitted_at"],
                authority_reference=data["authority_reference"],
                phased=data["phased"],
                late_reason=data["late_reason"],
                expected_version=data["row_version"],
            )

        outcome = run_service(
            request, form, submit_notification, success=_("Meldingen til Datatilsynet er registrert.")
        )
        if outcome is not Outcome.INVALID:
            return redirect("authority-notification", reference=incident.reference)
    return render(request, "incidents/authority.html", _context(request, incident, submit=form), status=400)


@login_required
@require_POST
def follow_up(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = _notification_incident(request, reference, permissions.DECIDE)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def add_follow_up() -> None:
            authority.incident_add_follow_up(
                incident=incident,
                by=request.user,
                submitted_at=data["submitted_at"],
                text=data["text"],
                authority_reference=data["authority_reference"],
                phased=data["phased"],
            )

        outcome = run_service(request, form, add_follow_up, success=_("Den oppfølgende meldingen er registrert."))
        if outcome is not Outcome.INVALID:
            return redirect("authority-notification", reference=incident.reference)
    return render(request, "incidents/authority.html", _context(request, incident, follow_up=form), status=400)


def _print_html(request: HttpRequest, incident: Incident, *, pdf: bool = False) -> str:
    """The print of a filing exactly as filed (``?melding=N``, the N-th filing; by default the
    latest), or of the notification not yet filed (``?utkast=1``, or before any filing)."""
    document = authority.build_document(incident)
    filed: authority_filed.Filed | None = None
    number = request.GET.get("melding")
    if number is not None:
        if not re.fullmatch(r"[0-9]{1,6}", number) or not 1 <= int(number) <= len(document.submissions):
            raise Http404
        filed = authority_filed.filed_view(document.submissions[int(number) - 1], int(number), document)
    elif request.GET.get("utkast") != "1" and document.submissions:
        filed = authority_filed.filed_view(document.submissions[-1], len(document.submissions), document)
    # The print is wholly in the notification's language: the filed one's, or the draft's.
    language = str((filed.submission.document or {}).get("language") or "") if filed else document.language
    with translation.override(language if language in edpb.LANGUAGES else document.language):
        return render_to_string(
            "incidents/authority_print.html",
            {"incident": incident, "document": document, "filed": filed, "pdf": pdf},
            request=request,
        )


@login_required
def print_view(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = _notification_incident(request, reference)
    return HttpResponse(_print_html(request, incident))


@login_required
def pdf_view(request: AuthedRequest, reference: str) -> HttpResponse:
    from core.pdf import html_to_pdf

    incident = _notification_incident(request, reference)
    pdf = html_to_pdf(_print_html(request, incident, pdf=True), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{incident.reference}-datatilsynet.pdf"'
    return response


@login_required
def organisation_profile(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not (user.has_perm(permissions.EDIT_ORGANISATION) or user.is_staff):
        raise PermissionDenied
    organisation = Organisation.current()
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            request,
            form,
            lambda: organisation_update(by=user, changes=form.cleaned_data),
            success=_("Virksomhetsprofilen er lagret."),
        )
        if outcome is Outcome.DONE:  # organisation_update raises no Conflict
            return redirect("organisation-profile")
    status = 400 if form.is_bound and form.errors else 200
    missing = organisation_missing(Organisation.current())
    return render(request, "incidents/organisation.html", {"form": form, "missing": missing}, status=status)


# --- The template's questions, the document's language and the EDPB export -------------------

# The questions asked on this page, where the DPO and the handler work (the report form asks
# the reporter for the kind of incident and when it happened; the risk assessment has the
# data, the counts and the protection of the data — they are not asked again here).
PAGE_QUESTIONS = (
    "nature.incident_kind",
    "nature.incident_kind_other",
    "nature.cause",
    "nature.cause_description",
    "nature.systems",
    "timeline.start",
    "timeline.end",
    "timeline.contained",
    "timeline.discovery",
    "timeline.discovery_description",
    "subjects.categories",
    "subjects.description",
    "subjects.number",
    "data.records",
    "data.location",
    "data.protection",
    "data.protection_description",
    "other_parties.involved",
    "other_authorities.police",
    "other_authorities.other",
    "other_authorities.which",
    "other_authorities.reference",
    "cross_border.cross_border",
    "cross_border.lead_authority",
    "measures.prevention",
    "measures.prevention_description",
    "communication.not_all_reason",
)


def _name(path: str) -> str:
    return path.replace(".", "__")


class AnswersForm(ServiceErrorsMixin, forms.Form):
    """The template's questions as choices with an "other (describe)" escape beside them."""

    def __init__(self, *args: Any, answers: edpb.Answers | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from incidents.rules import edpb as rules

        values = answers.values if answers is not None else {}
        for path in PAGE_QUESTIONS:
            question = rules.QUESTIONS[path]
            label = EDPB_QUESTION_LABELS[path]
            value = values.get(path)
            name = _name(path)
            if question.kind == "choice" and question.options is not None:
                choices = [("", _("Ikke besvart")), *question.options.items()]
                self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
                self.fields[name].initial = value or ""
            elif question.kind == "choices" and question.options is not None:
                self.fields[name] = forms.MultipleChoiceField(
                    label=label,
                    choices=list(question.options.items()),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
                self.fields[name].initial = value or []
            elif question.kind == "time":
                self.fields[name] = datetime_field(label, required=False)
                self.fields[name].initial = stored_time(value)
            elif question.kind == "number":
                kinds = [("", _("Ikke besvart")), *rules.NUMBER_KINDS.items()]
                self.fields[name] = forms.ChoiceField(label=label, choices=kinds, required=False)
                self.fields[name + "__value"] = forms.IntegerField(
                    label=_("Antall"), required=False, min_value=0, max_value=1_000_000_000
                )
                self.fields[name].initial = (value or {}).get("kind", "")
                self.fields[name + "__value"].initial = (value or {}).get("value")
            else:
                self.fields[name] = text(label, rows=2)
                self.fields[name].initial = value or ""

    def body(self) -> dict[str, Any]:
        """The answers as the PATCH body of the export: an emptied field clears its answer."""
        from incidents.rules import edpb as rules

        flat: dict[str, Any] = {}
        for path in PAGE_QUESTIONS:
            kind = rules.QUESTIONS[path].kind
            value = self.cleaned_data.get(_name(path))
            if kind == "number":
                flat[path] = {"kind": value, "value": self.cleaned_data.get(_name(path) + "__value")} if value else None
            elif kind == "time":
                flat[path] = value.isoformat() if value else None
            elif kind == "choices":
                flat[path] = list(value) if value else None
            else:
                flat[path] = value if value not in ("", None) else None
        body: dict[str, Any] = {}
        for path, value in flat.items():
            section, key = path.split(".", 1)
            body.setdefault(section, {})[key] = value
        return body

    def add_service_errors(self, error: Any) -> None:
        for name, texts in error.errors.items():
            target = _name(name) if _name(name) in self.fields else None
            for message in texts:
                self.add_error(target, message)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Språk i meldingen"),
        choices=[("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")],
    )


@login_required
@require_POST
def save_answers(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = _notification_incident(request, reference, permissions.WORK)
    form = AnswersForm(request.POST, answers=edpb.answers_of(incident))
    if form.is_valid():
        try:
            edpb.authority_answers_save(incident=incident, by=request.user, body=form.body())
        except Invalid as error:
            form.add_service_errors(error)
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("authority-notification", reference=incident.reference)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        else:
            messages.success(request, _("Opplysningene til meldingen er lagret."))
            return redirect(reverse("authority-notification", args=[incident.reference]) + "#answers-heading")
    return render(request, "incidents/authority.html", _context(request, incident, answers=form), status=400)


@login_required
@require_POST
def save_language(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = _notification_incident(request, reference, permissions.WORK)
    form = LanguageForm(request.POST)
    if form.is_valid():
        outcome = run_service(
            request,
            form,
            lambda: edpb.authority_language_save(
                incident=incident, by=request.user, language=form.cleaned_data["language"]
            ),
            success=_("Språket i meldingen er lagret."),
        )
        if outcome is not Outcome.INVALID:
            return redirect("authority-notification", reference=incident.reference)
    return render(request, "incidents/authority.html", _context(request, incident, language=form), status=400)


@login_required
def edpb_download(request: AuthedRequest, reference: str) -> HttpResponse:
    """The EDPB export as a JSON file, beside the PDF (the same as the API's GET)."""
    import json

    incident = _notification_incident(request, reference)
    response = HttpResponse(
        json.dumps(edpb.export(incident), ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{incident.reference}-edpb.json"'
    return response
