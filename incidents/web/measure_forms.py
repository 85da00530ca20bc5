"""Forms for measures (tiltak). They parse and show; ``incidents.services.measures`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from incidents.selectors.measures import MEASURE_TEXT_MAX, Measure
from incidents.web.forms import ServiceErrorsMixin

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Skriv inn en dato."), "invalid": _("Skriv datoen som dd.mm.åååå.")},
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.email})"


class MeasureForm(ServiceErrorsMixin, forms.Form):
    what = forms.CharField(
        label=_("Hva skal gjøres?"),
        max_length=MEASURE_TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For eksempel «Slå på tofaktorpålogging for e-post». Ikke skriv personopplysninger her."),
        error_messages={"required": _("Skriv hva som skal gjøres."), "max_length": _("Teksten er for lang.")},
    )
    kind = forms.ChoiceField(
        label=_("Hva skal tiltaket oppnå?"),
        choices=[("", _("Velg")), *Measure.Kind.choices],
        error_messages={"required": _("Velg hva tiltaket skal oppnå."), "invalid_choice": _("Velg fra listen.")},
    )
    owner = OwnerChoiceField(
        label=_("Ansvarlig"),
        queryset=User.objects.none(),
        empty_label=_("Velg ansvarlig"),
        error_messages={"required": _("Velg hvem som er ansvarlig."), "invalid_choice": _("Velg fra listen.")},
    )
    due_on = date_field(_("Frist"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner: Any = self.fields["owner"]
        owner.queryset = User.objects.filter(is_active=True).order_by("name", "email")


class MeasureEditForm(MeasureForm):
    reason = forms.CharField(
        label=_("Hvorfor endres tiltaket?"),
        required=False,
        max_length=MEASURE_TEXT_MAX,
        strip=False,
        help_text=_("Vises i historikken."),
    )


class CompleteForm(ServiceErrorsMixin, forms.Form):
    done_on = date_field(_("Utført dato"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("done_on", timezone.localdate())


class DropForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor droppes tiltaket?"),
        max_length=MEASURE_TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv hvorfor tiltaket droppes."), "max_length": _("Teksten er for lang.")},
    )
