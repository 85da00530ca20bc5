from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseBase

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def set_language(request: HttpRequest) -> HttpResponseBase:
    """Django's language switch; a signed-in user's choice is also kept on their profile, so
    that their other devices and the e-mails Avvik sends them follow it."""
    from contextlib import suppress

    from django.views.i18n import set_language as switch

    from accounts.services import user_set_language
    from core.errors import Invalid

    response = switch(request)
    user: Any = request.user
    if request.method == "POST" and user.is_authenticated:
        with suppress(Invalid):  # an unknown language changes nothing, here as in Django's switch
            user_set_language(user=user, language=request.POST.get("language", ""))
    return response
