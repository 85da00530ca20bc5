"""The pages of the user administration (/brukere/) and of an invitation (/invitasjon/).

The services (accounts.administration) check the permission; the pages check it too, before
anything posted is read, so a role that may not is answered 403 and shown nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import administration as services
from accounts import hooks, selectors
from accounts.forms import AcceptInvitationForm, DeputyForm, InviteForm, RoleForm
from accounts.models import hash_token
from accounts.permissions import MANAGE_USERS
from core.views import Outcome, attempt, run_service

PAGE_SIZE = 50
# The enrolment code issued by the last change, shown once on the next page the DPO sees.
CODE_SESSION_KEY = "enrolment_code_to_show"
# The SHA-256 of the invitation key the link carried (the key itself is not kept).
INVITATION_SESSION_KEY = "invitation"


def _manager(request: HttpRequest) -> Any:
    user: Any = request.user
    if not user.has_perm(MANAGE_USERS):
        raise PermissionDenied
    return user


def _show_code_once(request: HttpRequest, user: Any, code: str | None) -> None:
    if code:
        request.session[CODE_SESSION_KEY] = {"name": user.display_name, "code": code}


def _common(request: HttpRequest) -> dict[str, Any]:
    return {"enrolment_code": request.session.pop(CODE_SESSION_KEY, None)}


@login_required
def users_page(request: HttpRequest) -> HttpResponse:
    """Every account with role, state, two-factor and last login; invite; name the deputy;
    the history of the user administration."""
    by = _manager(request)
    form = InviteForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        outcome, result = attempt(request, form, lambda: services.user_invite(**form.cleaned_data, by=by))
        if outcome is Outcome.DONE and result is not None:
            _show_code_once(request, result[0], result[1])
            return redirect("user-admin-detail", user_id=result[0].pk)
    page = Paginator(selectors.users_for_admin(), PAGE_SIZE).get_page(request.GET.get("side"))
    deputy = selectors.deputy()
    context = {
        **_common(request),
        "page": page,
        "rows": [selectors.user_row(user) for user in page.object_list],
        "form": form,
        "deputy": deputy,
        "deputy_form": DeputyForm(
            initial={"deputy": deputy.pk if deputy else ""}, candidates=selectors.deputy_candidates()
        ),
        "history": selectors.admin_history(),
    }
    return render(request, "accounts/users.html", context, status=400 if form.errors else 200)


@login_required
def user_page(request: HttpRequest, user_id: int) -> HttpResponse:
    """One account: its role (changed here), deactivate or reactivate, reset two-factor,
    and its own history."""
    by = _manager(request)
    user = selectors.admin_user(user_id)
    if user is None:
        raise Http404
    row = selectors.user_row(user)
    form = RoleForm(request.POST or None, initial={"role": row.role})
    if request.method == "POST" and form.is_valid():
        outcome, result = attempt(
            request,
            form,
            lambda: services.user_set_role(user=user, role=form.cleaned_data["role"], by=by),
            success=_("Rollen er endret."),
        )
        if outcome is not Outcome.INVALID:
            _show_code_once(request, user, result[1] if result else None)
            return redirect("user-admin-detail", user_id=user.pk)
    context = {
        **_common(request),
        "row": row,
        "form": form,
        "is_self": user.pk == by.pk,
        "handled_cases": hooks.handled_cases(user.pk),
        "history": selectors.admin_history(user=user),
    }
    return render(request, "accounts/user.html", context, status=400 if form.errors else 200)


CHANGES = {
    "deaktiver": (services.user_deactivate, gettext_lazy("Kontoen er deaktivert.")),
    "aktiver": (services.user_reactivate, gettext_lazy("Kontoen er aktiv igjen.")),
}


@login_required
@require_POST
def user_change(request: HttpRequest, user_id: int, change: str) -> HttpResponse:
    """Deactivate, reactivate, or reset two-factor (``change``: deaktiver, aktiver, tofaktor)."""
    by = _manager(request)
    user = selectors.admin_user(user_id)
    if user is None or change not in (*CHANGES, "tofaktor"):
        raise Http404
    if change == "tofaktor":
        outcome, code = attempt(
            request,
            None,
            lambda: services.user_reset_two_factor(user=user, by=by),
            success=_("Tofaktor er nullstilt. Personen har fått beskjed på e-post."),
        )
        _show_code_once(request, user, code if outcome is Outcome.DONE else None)
    else:
        action, done = CHANGES[change]
        run_service(request, None, lambda: action(user=user, by=by), success=str(done))
    return redirect("user-admin-detail", user_id=user.pk)


@login_required
@require_POST
def deputy_view(request: HttpRequest) -> HttpResponse:
    """Name the deputy DPO, or end the deputyship (the empty choice)."""
    by = _manager(request)
    form = DeputyForm(request.POST, candidates=selectors.deputy_candidates())
    if not form.is_valid():
        raise Http404
    chosen = form.cleaned_data["deputy"]
    if chosen:
        user = selectors.admin_user(chosen)
        if user is None:
            raise Http404
        run_service(
            request,
            None,
            lambda: services.deputy_name(user=user, by=by),
            success=_("%(name)s er stedfortreder for personvernombudet.") % {"name": user.display_name},
        )
    else:
        run_service(request, None, lambda: services.deputy_end(by=by), success=_("Ingen er stedfortreder nå."))
    return redirect("user-admin")


def invitation_link(request: HttpRequest, invitation: str) -> HttpResponse:
    """The link from the e-mail: the key's hash goes to the session and the browser on to a
    page without the key, so it is not left in the history or sent on as a referrer."""
    request.session[INVITATION_SESSION_KEY] = hash_token(invitation)
    return redirect("invitation-accept")


def invitation_accept(request: HttpRequest) -> HttpResponse:
    """The invited person chooses a password; then the login goes on to two-factor where
    the role needs it."""
    key_hash = request.session.get(INVITATION_SESSION_KEY, "")
    invitation = selectors.pending_invitation(key_hash) if key_hash else None
    form = AcceptInvitationForm(request.POST or None)
    if invitation is not None and request.method == "POST" and form.is_valid():
        outcome, user = attempt(
            request,
            form,
            lambda: services.invitation_accept(key_hash=key_hash, password=form.cleaned_data["new_password1"]),
        )
        if outcome is Outcome.DONE and user is not None:
            request.session.pop(INVITATION_SESSION_KEY, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("two-factor-enrol" if user.must_use_two_factor else "home")
        if outcome is Outcome.CONFLICT:
            invitation = None
    context = {"form": form, "invitation": invitation}
    status = 400 if form.errors else 200
    return render(request, "accounts/invitation.html", context, status=status)
