"""The notice pages: the editor with the three languages side by side, and the public
notice page (art. 34(3)(c)) that anyone with the address can read without logging in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.http import AuthedRequest
from core.errors import Conflict, Invalid, NotPermitted
from core.views import Outcome, run_service
from incidents.models import Incident
from incidents.selectors.cases import latest_decision
from incidents.web.pages import permitted_incident, visible_incident
from notifications.models import LANGUAGES, PART_LABELS, Audience, PublicNotice
from notifications.selectors.rendering import notice_facts, preview
from notifications.services import notices as services
from notifications.web.forms import (
    AudienceForm,
    NoticeFactsForm,
    NoticeTextForm,
    PublishedWhereForm,
    PublishForm,
    ReaderForm,
    WithdrawForm,
)

LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def _audience(incident: Incident, audience_id: int | None) -> Audience | None:
    audiences = incident.notice_audiences.order_by("position", "pk")
    if audience_id is None:
        return audiences.first()
    return get_object_or_404(audiences, pk=audience_id)


def _editor_context(
    request: HttpRequest, incident: Incident, audience: Audience | None, forms: dict[str, NoticeTextForm] | None = None
) -> dict[str, Any]:
    columns = []
    for language in LANGUAGES:
        notice = services.current_notice(audience, language) if audience else None
        shown = preview(incident=incident, audience=audience, notice=notice, language=language)
        locked = notice is not None and notice.is_approved
        form = (forms or {}).get(language) or NoticeTextForm(
            language=language, locked=locked, initial={"subject": shown["subject"], **shown["parts"]}
        )
        columns.append(
            {"language": language, "name": LANGUAGE_NAMES[language], "form": form, "preview": shown, "locked": locked}
        )
    facts = notice_facts(incident)
    facts_initial: dict[str, Any] = {name: getattr(facts, name) for name in services.FACT_FIELDS}
    for language in LANGUAGES:
        facts_initial[f"summary_{language}"] = (facts.summary or {}).get(language, "")
        facts_initial[f"measures_{language}"] = (facts.measures or {}).get(language, "")
    public = PublicNotice.objects.filter(incident=incident).first()
    audience_form = AudienceForm()
    can_decide = request.user.has_perm(permissions.DECIDE)
    # Art. 34: approving and publishing wait for the DPO's decision to tell the people.
    blocked = services.decision_gate(incident) if can_decide else ""
    return {
        "incident": incident,
        "audience": audience,
        "audiences": list(incident.notice_audiences.order_by("position", "pk")),
        "columns": columns,
        "decision": latest_decision(incident),
        "can_decide": can_decide,
        "can_approve": can_decide and not blocked,
        "approve_blocked": blocked,
        "public": public,
        "public_versions": list(public.versions.order_by("-version")) if public else [],
        "public_url": reverse("public-notice", kwargs={"token": public.token}) if public else "",
        "publish_form": PublishForm(),
        "withdraw_form": WithdrawForm(),
        "audience_form": audience_form,
        "part_labels": PART_LABELS,
        "facts_form": NoticeFactsForm(initial=facts_initial),
        "reader_form": ReaderForm(initial={"reader": audience.reader if audience else "self"}),
        "place_form": PublishedWhereForm(initial={"published_where": public.published_where if public else ""}),
    }


@login_required
def notice_editor(request: HttpRequest, reference: str, audience_id: int | None = None) -> HttpResponse:
    incident = visible_incident(request, reference)
    user: Any = request.user
    if not user.has_perm(permissions.WORK):
        raise PermissionDenied
    audience = _audience(incident, audience_id)
    if request.method != "POST":
        return render(request, "notifications/notice_editor.html", _editor_context(request, incident, audience))
    action = request.POST.get("action", "save")
    locked = {language for language in LANGUAGES if audience and _is_locked(audience, language)}
    forms = {
        language: NoticeTextForm(request.POST, language=language, locked=language in locked) for language in LANGUAGES
    }
    if all(form.is_valid() for form in forms.values()):
        texts = {language: form.cleaned_data for language, form in forms.items() if language not in locked}
        try:
            if action.startswith("new-version-"):
                language = action.removeprefix("new-version-")
                notice = services.notice_new_version(incident=incident, by=user, language=language, audience=audience)
                messages.success(
                    request,
                    _("Versjon %(version)s på %(language)s er et utkast. Den må godkjennes på nytt før den sendes.")
                    % {"version": notice.version, "language": services.language_name(language)},
                )
            else:
                if texts:
                    services.notice_save_drafts(incident=incident, by=user, texts=texts, audience=audience)
                if action == "approve" or action.startswith("approve-"):
                    only = action.removeprefix("approve-") if action != "approve" else None
                    services.notice_approve(incident=incident, by=user, language=only)
                    if only:
                        messages.success(
                            request,
                            _("Varselet på %(language)s er godkjent. Teksten er nå låst.")
                            % {"language": services.language_name(only)},
                        )
                    else:
                        messages.success(request, _("Varselet er godkjent på alle språk. Teksten er nå låst."))
                else:
                    messages.success(request, _("Utkastet er lagret."))
        except Invalid as error:
            parts = error.errors.get("parts")
            if parts:
                names = ", ".join(str(PART_LABELS.get(p, p)) for p in parts)
                messages.error(request, _("Kan ikke godkjennes. Disse delene er tomme: %(parts)s.") % {"parts": names})
            else:
                for key, problems in error.errors.items():
                    language, _dot, part = key.partition(".")
                    form = forms.get(language)
                    for problem in problems:
                        if form is not None and part in form.fields:
                            form.add_error(part, problem)
                        else:
                            messages.error(request, problem)
                context = _editor_context(request, incident, audience, forms)
                context["refused"] = [p for problems in error.errors.values() for p in problems]
                return render(request, "notifications/notice_editor.html", context, status=400)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            messages.error(request, error.message)
        return _back(incident, audience)
    context = _editor_context(request, incident, audience, forms)
    return render(request, "notifications/notice_editor.html", context, status=400)


def _is_locked(audience: Audience, language: str) -> bool:
    notice = services.current_notice(audience, language)
    return notice is not None and notice.is_approved


def _back(incident: Incident, audience: Audience | None) -> HttpResponse:
    if audience is None:
        return redirect("notice-editor", reference=incident.reference)
    return redirect("notice-editor-audience", reference=incident.reference, audience_id=audience.pk)


def _editor_form_post(
    request: AuthedRequest,
    incident: Incident,
    audience: Audience | None,
    form: Any,
    form_key: str,
    action: Callable[[], Any],
    success: str,
) -> HttpResponse:
    """A form of the notice editor: run the service, go back to the editor, or show the
    editor again with this form's errors and what was typed."""
    if form.is_valid() and run_service(request, form, action, success=success) is not Outcome.INVALID:
        return _back(incident, audience)
    context = _editor_context(request, incident, audience if audience is not None else _audience(incident, None))
    context[form_key] = form
    return render(request, "notifications/notice_editor.html", context, status=400)


@login_required
@require_POST
def notice_facts_edit(request: AuthedRequest, reference: str) -> HttpResponse:
    """What the notice says happened, per language and from the facts."""
    incident = permitted_incident(request, reference, permissions.WORK)
    form = NoticeFactsForm(request.POST)
    return _editor_form_post(
        request,
        incident,
        None,
        form,
        "facts_form",
        lambda: services.notice_facts_save(
            incident=incident,
            by=request.user,
            summary=form.texts("summary"),
            measures=form.texts("measures"),
            values=form.values(),
        ),
        _("Faktaene er lagret. Utkastene som ikke er godkjent, er skrevet på nytt."),
    )


@login_required
@require_POST
def notice_reader_edit(request: AuthedRequest, reference: str, audience_id: int) -> HttpResponse:
    """Who reads the notice of one audience."""
    incident = permitted_incident(request, reference, permissions.WORK)
    audience = get_object_or_404(incident.notice_audiences, pk=audience_id)
    form = ReaderForm(request.POST)
    return _editor_form_post(
        request,
        incident,
        audience,
        form,
        "reader_form",
        lambda: services.notice_audience_set_reader(
            audience=audience, by=request.user, reader=form.cleaned_data["reader"]
        ),
        _("Mottakeren av varselet er endret. Utkastene som ikke er godkjent, er skrevet på nytt."),
    )


@login_required
@require_POST
def public_notice_place(request: AuthedRequest, reference: str) -> HttpResponse:
    """Where the public notice is linked from (art. 34(3)(c): findable)."""
    incident = permitted_incident(request, reference, permissions.DECIDE)
    form = PublishedWhereForm(request.POST)
    return _editor_form_post(
        request,
        incident,
        None,
        form,
        "place_form",
        lambda: services.public_notice_record_place(
            incident=incident, by=request.user, url=form.cleaned_data["published_where"]
        ),
        _("Adressen er lagret."),
    )


@login_required
@require_POST
def audience_add(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.WORK)
    form = AudienceForm(request.POST)
    if form.is_valid():
        added: list[Audience] = []

        def add_audience() -> None:
            added.append(
                services.notice_audience_add(
                    incident=incident,
                    by=request.user,
                    name=form.cleaned_data["name"],
                    data_categories=form.cleaned_data["data_categories"],
                )
            )

        if run_service(request, form, add_audience) is Outcome.DONE:  # notice_audience_add raises no Conflict
            return redirect("notice-editor-audience", reference=incident.reference, audience_id=added[0].pk)
    context = _editor_context(request, incident, _audience(incident, None))
    context["audience_form"] = form
    return render(request, "notifications/notice_editor.html", context, status=400)


@login_required
@require_POST
def public_notice_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    if action not in ("publish", "withdraw"):
        raise Http404
    incident = permitted_incident(request, reference, permissions.DECIDE)
    user: Any = request.user
    form: PublishForm | WithdrawForm = PublishForm(request.POST) if action == "publish" else WithdrawForm(request.POST)
    if form.is_valid():
        if action == "publish":
            outcome = run_service(
                request,
                form,
                lambda: services.public_notice_publish(incident=incident, by=user, note=form.cleaned_data["note"]),
                success=_("Kunngjøringen er publisert."),
            )
        else:
            outcome = run_service(
                request,
                form,
                lambda: services.public_notice_withdraw(incident=incident, by=user, reason=form.cleaned_data["reason"]),
                success=_("Kunngjøringen er trukket tilbake."),
            )
        if outcome is not Outcome.INVALID:
            return redirect("notice-editor", reference=incident.reference)
    context = _editor_context(request, incident, _audience(incident, None))
    context["publish_form" if action == "publish" else "withdraw_form"] = form
    return render(request, "notifications/notice_editor.html", context, status=400)


def public_notice_page(request: HttpRequest, token: str, language: str = "nb") -> HttpResponse:
    """Art. 34(3)(c): readable by anyone with the address, in the language chosen."""
    if language not in LANGUAGES:
        raise Http404
    public = get_object_or_404(PublicNotice, token=token)
    versions = list(public.versions.order_by("version"))
    if not versions:
        raise Http404
    latest = versions[-1]
    content = latest.content.get(language) or latest.content.get("nb", {})
    context = {
        "public": public,
        "language": language,
        "content": content,
        "first": versions[0],
        "latest": latest,
        "updates": [v for v in reversed(versions[1:])],
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "token": token,
        "date_format": "j F Y" if language == "en" else "j. F Y",
    }
    with translation.override(language):
        response = render(request, f"notifications/notice/{language}/public.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    if public.withdrawn_at is not None:
        response.status_code = 410
    return response
