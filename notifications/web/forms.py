"""Forms of the notice pages. They parse and show; the services validate and decide."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incidents.models import SUBJECTS_MAX, TEXT_MAX
from incidents.vocabulary import DATA_CATEGORY_LABELS
from incidents.web.forms import ServiceErrorsMixin
from notifications.models import PART_LABELS, PARTS, Certainty, Reader, RecipientKind
from notifications.rules.lix import terms_for_js


class NoticeTextForm(ServiceErrorsMixin, forms.Form):
    """The texts of one language; the form's prefix is the language code."""

    subject = forms.CharField(label=PART_LABELS["subject"], max_length=255, required=False, strip=False)

    def __init__(self, *args: Any, language: str, locked: bool = False, **kwargs: Any) -> None:
        kwargs["prefix"] = language
        super().__init__(*args, **kwargs)
        self.language = language
        self.locked = locked
        for name in PARTS:
            self.fields[name] = forms.CharField(
                label=PART_LABELS[name],
                required=False,
                strip=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 6, "data-lix-part": name}),
                error_messages={"max_length": _("Teksten er for lang.")},
            )
        self.fields["subject"].widget.attrs.update({"lang": language})
        for name in PARTS:
            self.fields[name].widget.attrs["lang"] = language
        if locked:
            # Approved text is locked; a change starts a new version (notice_new_version).
            for field in self.fields.values():
                field.disabled = True

    @property
    def lix_terms(self) -> str:
        return json.dumps(terms_for_js(self.language), ensure_ascii=False)


class PublishForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("Hva er endret (vises på siden)"),
        required=False,
        max_length=TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor trekkes kunngjøringen tilbake"),
        max_length=TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv hvorfor kunngjøringen trekkes tilbake.")},
    )


class AudienceForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Navn på målgruppen"), max_length=200)
    data_categories = forms.MultipleChoiceField(
        label=_("Hvilke opplysninger gjelder det for denne gruppen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(DATA_CATEGORY_LABELS.items()),
    )


def _per_language(label: str, language: str, rows: int, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=f"{label} ({LANGUAGE_LABELS[language]})",
        required=False,
        strip=False,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "lang": language}),
        error_messages={"max_length": _("Teksten er for lang.")},
    )


LANGUAGE_LABELS = {"nb": _("bokmål"), "nn": _("nynorsk"), "en": _("engelsk")}


class NoticeFactsForm(ServiceErrorsMixin, forms.Form):
    """What the notice says happened: the staff's own words per language and the facts the
    sentences are built from in each language."""

    recipient_kind = forms.ChoiceField(label=_("Hvem fikk eller kunne se opplysningene"), choices=RecipientKind.choices)
    recipients_count = forms.IntegerField(
        label=_("Hvor mange fikk eller kunne se dem"), required=False, min_value=0, max_value=SUBJECTS_MAX
    )
    certainty = forms.ChoiceField(label=_("Hvor sikkert er det"), choices=Certainty.choices)
    subjects_count = forms.IntegerField(
        label=_("Hvor mange personer gjelder det"), required=False, min_value=0, max_value=SUBJECTS_MAX
    )
    exposed_from = forms.DateTimeField(
        label=_("Fra (da det skjedde)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    exposed_until = forms.DateTimeField(
        label=_("Til (da det ble stoppet; tomt hvis det skjedde på én gang)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    next_update = forms.DateField(
        label=_("Når skriver vi til de berørte igjen"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for language in LANGUAGE_LABELS:
            self.fields[f"summary_{language}"] = _per_language(
                str(_("Kort om hva som skjedde")),
                language,
                3,
                str(_("Med vanlige ord: hva, hvem fikk opplysningene. Skriv bokmål først, og oversett.")),
            )
        for language in LANGUAGE_LABELS:
            self.fields[f"measures_{language}"] = _per_language(
                str(_("Hva vi har gjort og skal gjøre")),
                language,
                4,
                str(_("Én setning per linje, med «vi»: «Vi har bedt …», «Innen 30. desember …».")),
            )

    def texts(self, name: str) -> dict[str, str]:
        return {language: self.cleaned_data.get(f"{name}_{language}") or "" for language in LANGUAGE_LABELS}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in FACT_FIELDS}


FACT_FIELDS = (
    "recipient_kind",
    "recipients_count",
    "certainty",
    "subjects_count",
    "exposed_from",
    "exposed_until",
    "next_update",
)


class ReaderForm(ServiceErrorsMixin, forms.Form):
    reader = forms.ChoiceField(label=_("Hvem leser varselet"), choices=Reader.choices)


class PublishedWhereForm(ServiceErrorsMixin, forms.Form):
    published_where = forms.URLField(
        label=_("Adressen til siden som lenker til kunngjøringen"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "For eksempel forsiden til kommunen. Kunngjøringen må være lett å finne (art. 34 nr. 3 bokstav c)."
        ),
        error_messages={
            "required": _("Skriv adressen til siden."),
            "invalid": _("Skriv en hel adresse, med https://."),
        },
    )
