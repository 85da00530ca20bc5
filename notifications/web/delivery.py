"""Pages for the recipient list and the sending of notices (issue 8). Thin: parse, call
the services in ``notifications.services.recipients``, ``recipient_import`` and ``delivery``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.http import AuthedRequest
from core.errors import Conflict, NotPermitted
from core.views import Outcome, attempt, run_service
from incidents.models import TEXT_MAX, Incident
from incidents.web.pages import permitted_incident, visible_incident
from notifications.models.recipients import MAX_ADDRESS, MAX_PLACE, MAX_POSTCODE
from notifications.selectors.letters import letter_context
from notifications.selectors.recipients import SEARCH_MAX, recipient_page
from notifications.selectors.send_plan import send_plan
from notifications.services import delivery
from notifications.services.channels import channel_rows, moved_words
from notifications.services.notices import language_name
from notifications.services.recipient_import import MAX_UPLOAD_BYTES, ImportErrors, import_recipients
from notifications.services.recipients import (
    MAX_EMAIL,
    MAX_NAME,
    Recipient,
    can_manage_recipients,
    default_language,
    recipient_add,
)
from notifications.services.recipients import recipient_remove as recipient_remove_service

# Sending, sending again and recording what was done for those not reached are the DPO's.

# The recipients page's search, per case: {incident id: text} in the session.
SEARCH_SESSION_KEY = "recipient_search"

LANGUAGE_CHOICES = [
    ("", gettext_lazy("Virksomhetens standardspråk")),
    ("nb", "Bokmål"),
    ("nn", "Nynorsk"),
    ("en", "English"),
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-fil med mottakere"),
        help_text=gettext_lazy(
            "Kolonnene name, email og language (nb, nn eller en), og eventuelt audience. "
            "Komma eller semikolon; UTF-8 eller Windows-1252 slik Excel lagrer. Høyst 150 MB."
        ),
        error_messages={"required": gettext_lazy("Velg en fil.")},
    )


CONTACT_FIELDS = ("national_id", "address1", "address2", "postcode", "place", "country", "phone")


class AddForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=MAX_NAME, required=False)
    email = forms.CharField(label=gettext_lazy("E-postadresse"), max_length=MAX_EMAIL, required=False)
    # Typed again after an error on the same page (nothing entered is lost), never shown
    # from the database; not remembered by the browser.
    national_id = forms.CharField(
        label=gettext_lazy("Fødselsnummer eller D-nummer"),
        help_text=gettext_lazy("11 sifre. Brukes for å sende til digital postkasse."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    address1 = forms.CharField(label=gettext_lazy("Adresse"), max_length=MAX_ADDRESS, required=False)
    address2 = forms.CharField(label=gettext_lazy("Adresselinje 2"), max_length=MAX_ADDRESS, required=False)
    postcode = forms.CharField(label=gettext_lazy("Postnummer"), max_length=MAX_POSTCODE, required=False)
    place = forms.CharField(label=gettext_lazy("Poststed"), max_length=MAX_PLACE, required=False)
    country = forms.CharField(
        label=gettext_lazy("Land"),
        help_text=gettext_lazy("To bokstaver; tomt betyr Norge."),
        max_length=2,
        required=False,
    )
    phone = forms.CharField(
        label=gettext_lazy("Mobilnummer"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    language = forms.ChoiceField(label=gettext_lazy("Språk"), choices=LANGUAGE_CHOICES, required=False)
    audience = forms.TypedChoiceField(label=gettext_lazy("Målgruppe"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = list(incident.notice_audiences.order_by("position", "pk").values_list("pk", "name"))
        field: Any = self.fields["audience"]
        field.choices = [("", _("Den første målgruppen")), *choices]
        if not choices:
            del self.fields["audience"]


class FollowupForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Hva er gjort for dem som ikke fikk e-posten?"),
        help_text=gettext_lazy("For eksempel: brev sendt i posten 3. mars, eller ringt opp."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        error_messages={"required": gettext_lazy("Skriv hva som er gjort.")},
    )


def _page(
    request: HttpRequest,
    incident: Incident,
    *,
    upload: UploadForm | None = None,
    add: AddForm | None = None,
    followup: FollowupForm | None = None,
    import_errors: list[tuple[int, str]] | None = None,
    import_error_total: int = 0,
    status: int = 200,
) -> HttpResponse:
    user: Any = request.user
    counts = delivery.delivery_counts(incident.pk)
    search = _searched(request, incident)
    page, rows = recipient_page(incident.pk, search, request.GET.get("side"))
    context = {
        "page": page,
        "rows": rows,
        "search": search,
        "search_max": SEARCH_MAX,
        "incident": incident,
        "upload_form": upload or UploadForm(),
        "add_form": add or AddForm(incident=incident),
        "followup_form": followup or FollowupForm(),
        "import_errors": import_errors or [],
        "import_error_total": import_error_total or len(import_errors or []),
        "recipient_count": Recipient.objects.filter(incident=incident).count(),
        "counts": counts,
        "channel_rows": channel_rows(counts["by_channel"]),
        "failed": delivery.failed_deliveries(incident.pk),
        "can_decide": user.has_perm(permissions.DECIDE),
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        **letter_context(incident.pk),
    }
    return render(request, "notifications/recipients.html", context, status=status)


def _allowed(request: AuthedRequest, reference: str) -> Incident:
    incident = visible_incident(request, reference)
    if not can_manage_recipients(request.user):
        raise PermissionDenied
    return incident


@login_required
def recipients_page(request: AuthedRequest, reference: str) -> HttpResponse:
    """The recipient list: upload a CSV, add someone by hand, follow the sending."""
    incident = _allowed(request, reference)
    if request.method != "POST":
        return _page(request, incident)
    if "search" in request.POST or "clear_search" in request.POST:
        typed = "" if "clear_search" in request.POST else " ".join(request.POST.get("q", "").split())
        # Kept in the session, not the URL: a name or an address typed here is personal data
        # of someone affected, and URLs end up in logs and the browser's history.
        searches = {**request.session.get(SEARCH_SESSION_KEY, {}), str(incident.pk): typed[:SEARCH_MAX]}
        request.session[SEARCH_SESSION_KEY] = {k: v for k, v in searches.items() if v}
        return redirect(reverse("recipients", args=[incident.reference]))
    if "upload" in request.POST:
        upload = UploadForm(request.POST, request.FILES)
        if not upload.is_valid():
            return _page(request, incident, upload=upload, status=400)
        file = upload.cleaned_data["file"]
        try:
            result = import_recipients(incident_id=incident.pk, by=request.user, file=file, size=file.size)
        except ImportErrors as errors:
            upload.add_error("file", _("Ingenting er lagt inn. Rett linjene under og last opp filen på nytt."))
            return _page(
                request,
                incident,
                upload=upload,
                import_errors=errors.shown,
                import_error_total=errors.total,
                status=400,
            )
        except Conflict as error:
            messages.error(request, error.message)
            return redirect(reverse("recipients", args=[incident.reference]))
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        messages.success(
            request,
            _("%(imported)s mottakere lagt inn; %(duplicates)s dubletter slått sammen.")
            % {"imported": result.imported, "duplicates": result.duplicates},
        )
        return redirect(reverse("recipients", args=[incident.reference]))
    add = AddForm(request.POST, incident=incident)
    if not add.is_valid():
        return _page(request, incident, add=add, status=400)
    data = add.cleaned_data
    outcome = run_service(
        request,
        add,
        lambda: recipient_add(
            incident_id=incident.pk,
            by=request.user,
            name=data["name"],
            email=data["email"],
            language=data["language"],
            audience_id=data.get("audience"),
            **{field: data[field] for field in CONTACT_FIELDS},
        ),
        success=_("Mottakeren er lagt til."),
    )
    if outcome is Outcome.INVALID:
        return _page(request, incident, add=add, status=400)
    return redirect(reverse("recipients", args=[incident.reference]))


def _confirmation(request: AuthedRequest, incident: Incident, *, changed: str = "", status: int = 200) -> HttpResponse:
    """Who gets the notice if the DPO confirms: how many, per audience and language."""
    blocked, plan = "", None
    try:
        plan = send_plan(incident, default_language())
    except Conflict as error:
        blocked = error.message
    rows = [
        {
            "audience": row.audience,
            "reader": row.reader,
            "language": language_name(row.notice_language),
            "wanted": language_name(row.language),
            "fallback": row.fallback,
            "people": row.people,
        }
        for row in (plan.rows if plan else [])
    ]
    context = {"incident": incident, "plan": plan, "rows": rows, "blocked": blocked, "changed": changed}
    return render(request, "notifications/send_confirm.html", context, status=status)


@login_required
def deliveries_send(request: AuthedRequest, reference: str) -> HttpResponse:
    """ "Send varslene" shows the confirmation (GET); only its form (POST, with the number
    of people it showed) sends. The API sends without it (CONTRACT.md)."""
    incident = permitted_incident(request, reference, permissions.DECIDE)
    expected = request.POST.get("expected", "")
    if request.method != "POST" or not expected.isascii() or not expected.isdigit():
        return _confirmation(request, incident)
    try:
        result = delivery.notices_send(incident_id=incident.pk, by=request.user, expected=int(expected))
    except delivery.PlanChanged as error:
        return _confirmation(request, incident, changed=error.message, status=409)
    except Conflict as error:
        messages.error(request, error.message)
        return redirect(incident.get_absolute_url())
    except NotPermitted as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, _("%(n)s varsler er lagt i kø for sending.") % {"n": result.queued})
    if result.language_fallback:
        messages.warning(
            request,
            _(
                "%(n)s mottakere får varselet på virksomhetens standardspråk, "
                "fordi det ikke finnes et godkjent varsel på deres språk."
            )
            % {"n": result.language_fallback},
        )
    return redirect(incident.get_absolute_url())


@login_required
@require_POST
def recipient_remove(request: AuthedRequest, reference: str, recipient_id: int) -> HttpResponse:
    incident = _allowed(request, reference)
    run_service(
        request,
        None,
        lambda: recipient_remove_service(incident_id=incident.pk, recipient_id=recipient_id, by=request.user),
        success=_("Mottakeren er fjernet fra listen."),
    )
    return redirect(reverse("recipients", args=[incident.reference]) + _page_suffix(request))


def _page_suffix(request: HttpRequest) -> str:
    side = request.POST.get("side", "")
    return f"?side={side}" if side.isascii() and side.isdigit() else ""


def _searched(request: HttpRequest, incident: Incident) -> str:
    return str(request.session.get(SEARCH_SESSION_KEY, {}).get(str(incident.pk), ""))


@login_required
@require_POST
def deliveries_retry(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.DECIDE)
    _outcome, retried = attempt(
        request, None, lambda: delivery.deliveries_retry_failed(incident_id=incident.pk, by=request.user)
    )
    if retried is not None:
        words = [_("%(n)s varsler sendes på nytt.") % {"n": retried.queued}, *moved_words(retried.moved)]
        messages.success(request, " ".join(words))
        if retried.unreachable:
            messages.warning(
                request,
                ngettext(
                    "%(n)s person kan ikke nås på noen annen måte. Registrer hva som er gjort.",
                    "%(n)s personer kan ikke nås på noen annen måte. Registrer hva som er gjort.",
                    retried.unreachable,
                )
                % {"n": retried.unreachable},
            )
    return redirect(reverse("recipients", args=[incident.reference]))


@login_required
@require_POST
def deliveries_followup(request: AuthedRequest, reference: str) -> HttpResponse:
    incident = permitted_incident(request, reference, permissions.DECIDE)
    form = FollowupForm(request.POST)
    if not form.is_valid():
        return _page(request, incident, followup=form, status=400)
    outcome = run_service(
        request,
        form,
        lambda: delivery.deliveries_record_followup(
            incident_id=incident.pk, by=request.user, note=form.cleaned_data["note"]
        ),
        success=_("Oppfølgingen er registrert."),
    )
    if outcome is Outcome.INVALID:
        return _page(request, incident, followup=form, status=400)
    return redirect(reverse("recipients", args=[incident.reference]))
