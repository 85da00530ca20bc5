from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_username(self) -> str:
        # Before authentication and before django-axes counts the attempt.
        from accounts.models import normalise_email

        return normalise_email(self.cleaned_data.get("username"))

    error_messages = {
        "invalid_login": _("Feil e-postadresse eller passord. Sjekk at du skrev riktig og prøv igjen."),
        "inactive": _("Denne kontoen er deaktivert."),
    }


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        error_messages={
            "required": _("Skriv e-postadressen til personen du vil invitere."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        },
    )
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Rolle"), error_messages={"required": _("Velg en rolle.")})
    language = forms.ChoiceField(
        label=_("Språk i e-posten og i Avvik"), error_messages={"required": _("Velg et språk.")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        from accounts.roles import ROLE_LABELS

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = list(ROLE_LABELS.items())
        cast(forms.ChoiceField, self.fields["language"]).choices = list(settings.LANGUAGES)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), error_messages={"required": _("Velg en rolle.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from accounts.roles import ROLE_LABELS

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = list(ROLE_LABELS.items())


class DeputyForm(forms.Form):
    deputy = forms.TypedChoiceField(label=_("Stedfortreder for personvernombudet"), coerce=int, required=False)

    def __init__(self, *args: Any, candidates: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["deputy"]).choices = [
            ("", _("Ingen stedfortreder")),
            *((u.pk, u.display_name) for u in candidates),
        ]


class AcceptInvitationForm(forms.Form):
    new_password1 = forms.CharField(
        label=_("Nytt passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Velg et passord.")},
    )
    new_password2 = forms.CharField(
        label=_("Nytt passord en gang til"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Skriv passordet en gang til.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password2") and data["new_password1"] != data["new_password2"]:
            self.add_error("new_password2", _("De to passordene er ikke like."))
        return data
