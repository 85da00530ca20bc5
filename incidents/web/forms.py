"""Forms of the case pages. They parse and show; the services validate and decide."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.errors import Invalid
from incidents.lessons import RootCause
from incidents.models import TEXT_MAX
from incidents.rules.deadlines import MomentError, moment
from incidents.rules.edpb import INCIDENT_KINDS
from incidents.vocabulary import BREACH_TYPE_LABELS, DATA_CATEGORY_LABELS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class LocalDateTimeField(forms.DateTimeField):
    """A time typed on the Europe/Oslo wall clock, cleaned to a UTC instant.

    Django's field refuses both the hour that occurs twice when summer time ends and the
    one that never occurs when it begins, in words no one can act on; this one reads the
    repeated hour as its first occurrence and names the missing one (deadlines.moment)."""

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        typed = self._wall_clock(value)
        try:
            return moment(typed)
        except MomentError as error:
            raise ValidationError(str(error), code="invalid") from None

    def _wall_clock(self, value: Any) -> datetime:
        if isinstance(value, datetime):
            return timezone.make_naive(value) if timezone.is_aware(value) else value
        text = str(value).strip()
        for input_format in self.input_formats:
            try:
                return datetime.strptime(text, input_format)
            except (TypeError, ValueError):
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")


def datetime_field(label: Any, *, required: bool, help_text: Any = "") -> forms.DateTimeField:
    return LocalDateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=LocalDateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M"],
        error_messages={
            "required": _("Skriv inn dato og klokkeslett."),
            "invalid": _("Skriv dato og klokkeslett som dd.mm.åååå tt:mm."),
        },
    )


def text(
    label: Any, *, required: bool = False, help_text: Any = "", rows: int = 4, when_missing: Any = None
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": when_missing or _("Dette feltet må fylles ut."),
            "max_length": _("Teksten er for lang."),
        },
    )


class ServiceErrorsMixin:
    """Put a service's field errors next to the fields, keeping what was typed."""

    def add_service_errors(self, error: Invalid) -> None:
        for name, messages in error.errors.items():
            target = name if name in self.fields else None  # type: ignore[attr-defined]
            for message in messages:
                self.add_error(target, message)  # type: ignore[attr-defined]


class ReportForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(
        label=_("Kort beskrivelse"),
        help_text=_("Én setning, for eksempel «E-post med elevliste sendt til feil mottaker»."),
        max_length=TEXT_MAX,
        strip=False,
        error_messages={"required": _("Skriv en kort beskrivelse.")},
    )
    description = text(
        _("Hva skjedde?"),
        required=True,
        help_text=_(
            "Fortell med dine egne ord. Ta med hva slags opplysninger det gjelder, men ikke selve opplysningene."
        ),
        rows=6,
        when_missing=_("Fortell kort hva som skjedde."),
    )
    discovered_at = datetime_field(_("Når ble det oppdaget?"), required=True)
    occurred_at = datetime_field(
        _("Når skjedde det?"), required=False, help_text=_("Hvis du vet det. La stå tomt hvis du ikke vet.")
    )
    ongoing = forms.BooleanField(label=_("Det pågår fortsatt"), required=False)
    ended_at = datetime_field(
        _("Når sluttet det?"), required=False, help_text=_("Hvis det er over og du vet det. Ellers la stå tomt.")
    )
    incident_kind = forms.ChoiceField(
        label=_("Hva slags hendelse var det?"),
        help_text=_("Velg det som passer best. Er du usikker, velg «Avklares senere»."),
        required=False,
        choices=[("", _("Ikke valgt")), *INCIDENT_KINDS.items()],
    )
    incident_kind_other = text(_("Hvis annet: beskriv hendelsen"), rows=2)
    how_discovered = text(_("Hvordan ble det oppdaget?"), rows=3)
    breach_types = forms.MultipleChoiceField(
        label=_("Hva gjelder det?"),
        help_text=_("Kryss av for alt som passer. Er du usikker, kan du la det stå."),
        required=False,
        choices=list(BREACH_TYPE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    approx_subjects = forms.IntegerField(
        label=_("Omtrent hvor mange personer gjelder det?"),
        required=False,
        min_value=0,
        help_text=_("Et anslag holder."),
        error_messages={"min_value": _("Antallet kan ikke være negativt."), "invalid": _("Skriv et helt tall.")},
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Hva slags opplysninger?"),
        required=False,
        choices=list(DATA_CATEGORY_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    immediate_measures = text(
        _("Hva har du gjort allerede?"),
        help_text=_("For eksempel: bedt mottakeren slette e-posten, sperret telefonen, varslet IT."),
        rows=3,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("discovered_at", timezone.localtime().replace(second=0, microsecond=0))

    def clean(self) -> dict[str, Any]:
        """The rules for the times (services.validate_times) checked with the other fields, so
        that every message shows at once; the service checks them again."""
        from incidents.services.cases import validate_times

        data = super().clean() or {}
        if data.get("discovered_at"):
            errors = validate_times(
                discovered_at=data["discovered_at"], occurred_at=data.get("occurred_at"), now=timezone.now()
            )
            for name, messages in errors.items():
                for message in messages:
                    self.add_error(name, message)
        return data


class EditFactsForm(ReportForm):
    reason = forms.CharField(
        label=_("Hvorfor endres dette?"),
        required=False,
        max_length=TEXT_MAX,
        strip=False,
        help_text=_("Vises i historikken."),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(ServiceErrorsMixin, forms.Form):
    reason = text(_("Begrunnelse"), required=True, rows=3)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ConfirmForm(ServiceErrorsMixin, forms.Form):
    aware_at = datetime_field(
        _("Kjent fra"),
        required=False,
        help_text=_(
            "Når virksomheten med rimelig sikkerhet visste at personopplysninger var rammet. "
            "Fristen på 72 timer regnes herfra. Foreslått er når avviket ble oppdaget; endrer du det, "
            "skriv hvorfor."
        ),
    )
    aware_reason = text(_("Begrunnelse for tidspunktet"), rows=2)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AwarenessForm(ServiceErrorsMixin, forms.Form):
    aware_at = datetime_field(_("Kjent fra"), required=True)
    reason = text(_("Begrunnelse"), required=True, rows=2)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _display_name(user: User) -> str:
    return user.display_name


class AssignForm(ServiceErrorsMixin, forms.Form):
    handler = forms.ModelChoiceField(
        label=_("Saksbehandler"),
        queryset=User.objects.none(),
        empty_label=_("Velg saksbehandler"),
        error_messages={"required": _("Velg en saksbehandler."), "invalid_choice": _("Velg en aktiv saksbehandler.")},
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = handlers
        field.label_from_instance = _display_name  # type: ignore[method-assign,assignment]


class ReporterMessageForm(ServiceErrorsMixin, forms.Form):
    reporter_message = text(
        _("Melding til melderen"),
        rows=3,
        help_text=_(
            "Melderen ser meldingen, statusen og det de selv meldte – ikke vurderingen, begrunnelsene eller "
            "historikken. La feltet stå tomt for ikke å si noe."
        ),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CloseForm(ServiceErrorsMixin, forms.Form):
    root_cause = forms.ChoiceField(
        label=_("Hva var hovedårsaken?"),
        choices=[("", _("Velg årsak")), *RootCause.choices],
        error_messages={"required": _("Velg en årsak."), "invalid_choice": _("Velg en årsak fra listen.")},
    )
    root_cause_detail = text(_("Mer om årsaken"), rows=3, help_text=_("Må fylles ut hvis du velger «Annet»."))
    lessons_learned = text(_("Erfaringer: hva lærte vi, og hva endrer vi?"), required=True, rows=5)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EmptyForm(ServiceErrorsMixin, forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
