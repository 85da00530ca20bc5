"""Forms of the notice pages. They parse and show; the services validate and decide."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incidents.models import TEXT_MAX
from incidents.vocabulary import DATA_CATEGORY_LABELS
from incidents.web.forms import ServiceErrorsMixin
from notifications.models import PART_LABELS, PARTS
from notifications.rules.lix import terms_for_js


class NoticeTextForm(ServiceErrorsMixin, forms.Form):
    """The texts of one language; the form's prefix is the language code."""

    subject = forms.CharField(label=PART_LABELS["subject"], max_length=255, required=False, strip=False)

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        kwargs["prefix"] = language
        super().__init__(*args, **kwargs)
        self.language = language
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
