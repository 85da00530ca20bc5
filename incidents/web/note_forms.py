"""The small forms for notes on the case page — a comment, a contact, a question to the
reporter, the reporter's addition and answers — and what the page's notes section needs.
They parse and show; ``incidents.services.notes`` and ``.reporter`` check and decide (the
length limits too, so that the message says how long the text is)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.models import User
from incidents.models import CaseNote, Incident
from incidents.selectors.cases import sees_case_internals
from incidents.selectors.notes import mentionable_users, open_questions
from incidents.web.forms import ServiceErrorsMixin, datetime_field


def note_text(label: Any, *, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("Dette feltet må fylles ut.")},
    )


class MentionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.role_label})" if obj.role_label else str(obj.display_name)


class CommentForm(ServiceErrorsMixin, forms.Form):
    prefix = "comment"  # several forms on one page: ids must differ
    text = note_text(
        _("Kommentar"),
        help_text=_(
            "Bare for dem som arbeider med saken. Skriv @ og begynnelsen av e-postadressen "
            "(for eksempel @kari.nordmann) eller kryss av nedenfor for å varsle en kollega på e-post."
        ),
    )
    mention = MentionField(
        label=_("Varsle"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Velg blant dem som har tilgang til saken.")},
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mention"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = mentionable_users(incident)


class ContactForm(ServiceErrorsMixin, forms.Form):
    prefix = "contact"  # several forms on one page: ids must differ
    contacted = forms.CharField(
        label=_("Hvem ble kontaktet?"),
        help_text=_("For eksempel «forelderen», «leverandøren» eller «mottakeren av e-posten»."),
        strip=False,
        error_messages={"required": _("Skriv hvem som ble kontaktet.")},
    )
    channel = forms.ChoiceField(
        label=_("Hvordan?"),
        choices=[("", _("Velg")), *CaseNote.Channel.choices],
        error_messages={"required": _("Velg hvordan kontakten skjedde."), "invalid_choice": _("Velg fra listen.")},
    )
    contacted_at = datetime_field(_("Når?"), required=True, help_text=_("Norsk tid."))
    text = note_text(_("Hva ble sagt?"))


class QuestionForm(ServiceErrorsMixin, forms.Form):
    prefix = "question"  # several forms on one page: ids must differ
    text = note_text(
        _("Spørsmål til melderen"),
        help_text=_("Melderen får en e-post om at det er et spørsmål, og svarer på sin side i Avvik."),
    )


class AdditionForm(ServiceErrorsMixin, forms.Form):
    prefix = "addition"  # several forms on one page: ids must differ
    text = note_text(
        _("Nye opplysninger"),
        help_text=_("Det du skriver, legges til meldingen din. Vil du rette noe, skriver du rettelsen her."),
        rows=4,
    )


class AnswerForm(ServiceErrorsMixin, forms.Form):
    text = note_text(_("Ditt svar"))


def answer_prefix(question_id: int) -> str:
    return f"q{question_id}"


def notes_context(user: User, incident: Incident, bound: dict[str, Any]) -> dict[str, Any]:
    """The forms of the notes section for this reader; a form that was posted and refused
    comes back in ``bound`` with what was typed."""
    internal = sees_case_internals(user, incident)
    works = internal and incident.is_open and user.has_perm(permissions.WORK)
    reporter = incident.reported_by_id == user.pk and incident.is_open
    questions = list(open_questions(incident)) if internal or reporter else []
    initial_time = {"contacted_at": timezone.localtime().replace(second=0, microsecond=0)}
    asks = works and incident.reported_by_id != user.pk
    # A form that was posted and refused is shown as typed, even where the case no longer
    # takes it (it was closed meanwhile): nothing typed is lost.
    return {
        "comment_form": bound.get("comment") or (CommentForm(incident=incident) if works else None),
        "contact_form": bound.get("contact") or (ContactForm(initial=initial_time) if works else None),
        "question_form": bound.get("question") or (QuestionForm() if asks else None),
        "addition_form": bound.get("addition") or (AdditionForm() if reporter else None),
        "asked_of_me": reporter and not internal,
        "open_questions": [
            {
                "question": question,
                "form": (bound.get(answer_prefix(question.pk)) or AnswerForm(prefix=answer_prefix(question.pk)))
                if reporter
                else None,
            }
            for question in questions
        ],
    }
