from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from incidents import selectors
    from incidents.measure_services import open_measures_of
    from incidents.workflow import Urgency

    user: Any = request.user
    context: dict[str, Any] = {
        "mine": list(selectors.incident_list(user).filter(reported_by=user).order_by("-reported_at")[:10]),
        "urgent": None,
        "my_measures": open_measures_of(user),
        "today": timezone.localdate(),
    }
    if user.has_perm("incidents.view_all_incidents") or user.has_perm("incidents.view_assigned_incidents"):
        now = timezone.now()
        urgent = selectors.worklist(user).filter(urgency=Urgency.CLOCK_RUNNING)[:10]
        context["urgent"] = [(incident, selectors.clock_of(incident, now)) for incident in urgent]
    return render(request, "accounts/home.html", context)


def set_language(request: HttpRequest) -> HttpResponseBase:
    """Django's language switch; a signed-in user's choice is also kept on their profile, so
    that their other devices and the e-mails Avvik sends them follow it."""
    from contextlib import suppress

    from django.views.i18n import set_language as switch

    from accounts.services import user_set_language
    from config.errors import Invalid

    response = switch(request)
    user: Any = request.user
    if request.method == "POST" and user.is_authenticated:
        with suppress(Invalid):  # an unknown language changes nothing, here as in Django's switch
            user_set_language(user=user, language=request.POST.get("language", ""))
    return response
