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
