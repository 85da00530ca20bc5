"""Forms for a case's files. They parse and show; ``incidents.services.attachments`` decides
what is taken (size, kind from the bytes, virus scan)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from incidents.models.attachments import DESCRIPTION_MAX, Attachment
from incidents.web.forms import ServiceErrorsMixin, text

ADD_PREFIX = "attachment"
# Offered by the browser's file dialog; what is taken is decided from the bytes.
ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.eml,.docx,.xlsx,.pptx,.odt,.ods,.odp"


class AttachmentForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, bilde, tekst, e-post (.eml), Word, Excel, PowerPoint eller OpenDocument."),
        allow_empty_file=False,
        max_length=1000,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": _("Velg en fil å legge til."),
            "empty": _("Filen er tom. Velg en fil med innhold."),
            "invalid": _("Det kom ingen fil. Velg filen på nytt."),
            "missing": _("Det kom ingen fil. Velg filen på nytt."),
            "max_length": _("Filnavnet er for langt. Gi filen et kortere navn."),
        },
    )
    description = forms.CharField(
        label=_("Hva filen viser"),
        help_text=_("For eksempel «Kvittering fra Altinn» eller «Mottakeren bekrefter at e-posten er slettet»."),
        required=False,
        max_length=DESCRIPTION_MAX,
        error_messages={"max_length": _("Teksten kan være høyst %(limit_value)d tegn.")},
    )


def remove_prefix(attachment: Attachment) -> str:
    return f"a{attachment.pk}"


class RemoveAttachmentForm(ServiceErrorsMixin, forms.Form):
    reason = text(_("Hvorfor filen fjernes"), required=True, rows=2, when_missing=_("Skriv hvorfor filen fjernes."))
