"""Two-factor login (TOTP, RFC 6238) with recovery codes, for the roles that must use it."""

from __future__ import annotations

import base64
import io
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentCode

RECOVERY_CODES = 10


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Engangskode"),
        help_text=gettext_lazy("Seks sifre fra autentiseringsappen, eller en av gjenopprettingskodene dine."),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": gettext_lazy("Skriv inn koden.")},
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=gettext_lazy("Oppsettskode"),
        help_text=gettext_lazy("Koden administratoren ga deg, for eksempel 1a2b-3c4d-5e6f-7a8b."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        error_messages={"required": gettext_lazy("Skriv inn oppsettskoden.")},
    )


# The session may enrol a device for this user id: set when a valid enrolment code was given.
ENROLMENT_SESSION_KEY = "two_factor_enrolment_for"


def _verified_login(request: HttpRequest, device: Any) -> None:
    """The second factor is given: a new session id (the one from before the code is no
    longer worth anything), then django-otp marks the session verified."""
    request.session.cycle_key()
    otp_login(request, device)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _has_device(user: Any) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not _has_device(user):
        return redirect(f"/tofaktor/oppsett/?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            _verified_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("Koden er feil eller utløpt. Prøv den neste koden appen viser."))
    status = 400 if form.errors else 200
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next(request)}, status=status)


def _qr_svg(uri: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: show the secret, confirm with a code, hand out
    recovery codes once.

    A role that must use two-factor first gives a one-time enrolment code from an
    administrator (``manage.py enrol_code EMAIL``, or ``adduser``): a password alone must not
    be enough to bind someone's authenticator app to a DPO's account."""
    user: Any = request.user
    if _has_device(user) and not request.session.get("recovery_codes"):
        return redirect(f"/tofaktor/?next={_next(request)}")
    if request.session.get("recovery_codes"):
        codes = request.session.pop("recovery_codes")
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
    if user.must_use_two_factor and request.session.get(ENROLMENT_SESSION_KEY) != user.pk:
        return _enrolment_code(request, user)
    device = TOTPDevice.objects.filter(user=user, name="app", confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            with transaction.atomic():
                device.confirmed = True
                device.save()
                EnrolmentCode.objects.filter(user=user).delete()
                static, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
                static.token_set.all().delete()
                codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
                for code in codes:
                    static.token_set.create(token=code)
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            _verified_login(request, device)
            request.session["recovery_codes"] = codes
            return redirect(f"/tofaktor/oppsett/?next={_next(request)}")
        form.add_error("code", _("Koden stemmer ikke. Sjekk at klokken på telefonen går riktig, og prøv igjen."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr": _qr_svg(device.config_url),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_enrol.html", context, status=400 if form.errors else 200)


def _enrolment_code(request: HttpRequest, user: Any) -> HttpResponse:
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if EnrolmentCode.matches(user, form.cleaned_data["enrolment_code"]):
            request.session[ENROLMENT_SESSION_KEY] = user.pk
            return redirect(f"/tofaktor/oppsett/?next={_next(request)}")
        form.add_error(
            "enrolment_code",
            _("Oppsettskoden er feil eller utløpt. Be administratoren om en ny."),
        )
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/two_factor_enrol_code.html", context, status=400 if form.errors else 200)
