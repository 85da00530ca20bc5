"""The DPO's user administration, through its services: invitations (one use, expiry),
roles, deactivation, two-factor reset, the deputy, the guard rails and the history."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import override
from django_otp import devices_for_user

from accounts import administration as services
from accounts.models import ApiToken, EnrolmentCode, Invitation, User, UserEvent, hash_token
from accounts.roles import DEPUTY
from accounts.selectors import admin_history
from core.errors import Conflict, Invalid, NotPermitted
from notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Et-langt-nytt-passord-2026"


def invite(by: User, role: str = "handler", email: str = "ny.saksbehandler@example.org", language: str = "nb") -> Any:
    return services.user_invite(email=email, name="Nora Ny", role=role, language=language, by=by)


def link_key(email: str) -> str:
    """The key in the newest invitation e-mail to ``email``, as the invitee clicks it."""
    mail = OutboundEmail.objects.filter(kind="invitation", to_address=email).latest("pk")
    return re.search(r"/invitasjon/([\w-]+)/", mail.body_text).group(1)  # type: ignore[union-attr]


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_an_invitation_makes_an_inactive_account_and_an_email_with_a_one_time_link(make_user: Any) -> None:
    dpo = make_user("dpo")
    user, code = invite(dpo)
    assert not user.is_active and not user.has_usable_password()
    assert user.role == "handler"
    assert code and EnrolmentCode.matches(user, code), "a handler must use two-factor: the DPO gets the code"
    mail = OutboundEmail.objects.get(kind="invitation")
    assert mail.to_address == "ny.saksbehandler@example.org"
    assert "saksbehandler" in mail.body_text and "oppsettskode" in mail.body_text
    key = link_key(user.email)
    assert Invitation.objects.get(user=user).key_hash == hash_token(key), "only the key's hash is stored"
    assert key not in str(list(Invitation.objects.values()))


def test_an_invitation_email_is_in_the_invitees_language(make_user: Any) -> None:
    dpo = make_user("dpo")
    invite(dpo, role="reporter", email="en@example.org", language="en")
    invite(dpo, role="reporter", email="nn@example.org", language="nn")
    english = OutboundEmail.objects.get(to_address="en@example.org")
    nynorsk = OutboundEmail.objects.get(to_address="nn@example.org")
    assert english.subject == "You are invited to Avvik"
    assert "The link can be used once" in english.body_text
    assert "oppsettskode" not in english.body_text and "set-up code" not in english.body_text, "a reporter needs none"
    assert nynorsk.subject == "Du er invitert til Avvik" and "Lenkja" in nynorsk.body_text


def test_the_link_works_once(make_user: Any) -> None:
    user, _code = invite(make_user("dpo"), role="reporter")
    key = link_key(user.email)
    accepted = services.invitation_accept(key_hash=hash_token(key), password=NEW_PASSWORD)
    assert accepted.is_active and accepted.check_password(NEW_PASSWORD)
    with pytest.raises(Conflict):
        services.invitation_accept(key_hash=hash_token(key), password="Et-annet-passord-2026")
    assert fresh(user).check_password(NEW_PASSWORD), "the second use changed nothing"


def test_the_link_expires(make_user: Any) -> None:
    user, _code = invite(make_user("dpo"), role="reporter")
    key_hash = hash_token(link_key(user.email))
    later = timezone.now() + timedelta(days=7, minutes=1)
    with pytest.raises(Conflict):
        services.invitation_accept(key_hash=key_hash, password=NEW_PASSWORD, now=later)
    assert not fresh(user).is_active
    # Control: a minute before the end it still works.
    almost = timezone.now() + timedelta(days=6, hours=23)
    assert services.invitation_accept(key_hash=key_hash, password=NEW_PASSWORD, now=almost).is_active


def test_a_new_invitation_ends_the_earlier_link(make_user: Any) -> None:
    dpo = make_user("dpo")
    user, _code = invite(dpo, role="reporter")
    first = link_key(user.email)
    invite(dpo, role="reporter")
    with pytest.raises(Conflict):
        services.invitation_accept(key_hash=hash_token(first), password=NEW_PASSWORD)
    assert services.invitation_accept(key_hash=hash_token(link_key(user.email)), password=NEW_PASSWORD).is_active


def test_a_weak_password_is_refused_and_the_link_still_works(make_user: Any) -> None:
    user, _code = invite(make_user("dpo"), role="reporter")
    key_hash = hash_token(link_key(user.email))
    with pytest.raises(Invalid) as refused:
        services.invitation_accept(key_hash=key_hash, password="123")
    assert "new_password1" in refused.value.errors
    assert services.invitation_accept(key_hash=key_hash, password=NEW_PASSWORD).is_active


def test_an_existing_account_is_not_invited_again(make_user: Any) -> None:
    dpo = make_user("dpo")
    handler = make_user("handler")
    with pytest.raises(Invalid) as refused:
        invite(dpo, email=handler.email.upper())
    assert "email" in refused.value.errors
    with pytest.raises(Invalid) as bad:
        services.user_invite(email="ikke-en-adresse", name="", role="pilot", language="de", by=dpo)
    assert set(bad.value.errors) == {"email", "role", "language"}


@pytest.mark.parametrize("role", ["handler", "management", "auditor", "reporter"])
def test_only_the_dpo_administers_users(make_user: Any, role: str) -> None:
    someone = make_user(role)
    target = make_user("reporter")
    for change in (
        lambda: invite(someone),
        lambda: services.user_set_role(user=target, role="handler", by=someone),
        lambda: services.user_deactivate(user=target, by=someone),
        lambda: services.user_reset_two_factor(user=target, by=someone),
        lambda: services.deputy_name(user=target, by=someone),
    ):
        with pytest.raises(NotPermitted):
            change()
    assert fresh(target).role == "reporter" and fresh(target).is_active


def test_the_last_dpo_can_neither_leave_the_role_nor_be_deactivated(make_user: Any) -> None:
    dpo = make_user("dpo")
    with pytest.raises(Conflict):
        services.user_set_role(user=dpo, role="handler", by=dpo)
    with pytest.raises(Conflict):
        services.user_deactivate(user=dpo, by=dpo)
    assert fresh(dpo).role == "dpo" and fresh(dpo).is_active
    # Control: with a second DPO, the first may step down.
    second = make_user("dpo")
    services.user_set_role(user=dpo, role="handler", by=dpo)
    assert fresh(dpo).role == "handler"
    with pytest.raises(Conflict):
        services.user_deactivate(user=second, by=second)


def test_a_deactivated_dpo_does_not_count_as_the_other_dpo(make_user: Any) -> None:
    dpo, other = make_user("dpo"), make_user("dpo")
    services.user_deactivate(user=other, by=dpo)
    with pytest.raises(Conflict):
        services.user_set_role(user=dpo, role="auditor", by=dpo)


def test_deactivation_ends_login_tokens_and_reactivation_restores_login(make_user: Any) -> None:
    from django.test import Client

    from tests.conftest import PASSWORD

    dpo, handler = make_user("dpo"), make_user("handler")
    ApiToken.issue(handler)
    services.user_deactivate(user=handler, by=dpo)
    assert not fresh(handler).is_active and not ApiToken.objects.filter(user=handler).exists()
    assert Client().post("/logg-inn/", {"username": handler.email, "password": PASSWORD}).status_code == 200
    with pytest.raises(Conflict):
        services.user_deactivate(user=handler, by=dpo)
    services.user_reactivate(user=handler, by=dpo)
    assert Client().post("/logg-inn/", {"username": handler.email, "password": PASSWORD}).status_code == 302


def test_a_pending_invitee_is_not_reactivated_but_invited_again(make_user: Any) -> None:
    dpo = make_user("dpo")
    user, _code = invite(dpo, role="reporter")
    with pytest.raises(Conflict):
        services.user_reactivate(user=user, by=dpo)
    services.user_deactivate(user=user, by=dpo)  # withdraws the invitation
    with pytest.raises(Conflict):
        services.invitation_accept(key_hash=hash_token(link_key(user.email)), password=NEW_PASSWORD)


def test_resetting_two_factor_removes_the_app_and_tells_the_person(make_user: Any) -> None:
    dpo, manager = make_user("dpo"), make_user("management")
    manager.language = "en"
    manager.save()
    ApiToken.issue(manager)
    code = services.user_reset_two_factor(user=manager, by=dpo)
    assert not list(devices_for_user(manager, confirmed=None))
    assert not ApiToken.objects.filter(user=manager).exists()
    assert EnrolmentCode.matches(manager, code)
    mail = OutboundEmail.objects.get(kind="two_factor_reset")
    assert mail.to_address == manager.email and mail.subject == "Two-factor for your Avvik account has been reset"
    assert code not in mail.body_text, "the code is given in person, never by e-mail"
    with pytest.raises(Conflict):
        services.user_reset_two_factor(user=dpo, by=dpo)


def test_a_new_role_that_needs_two_factor_gets_an_enrolment_code(make_user: Any) -> None:
    dpo, reporter = make_user("dpo"), make_user("reporter")
    _user, code = services.user_set_role(user=reporter, role="handler", by=dpo)
    assert code and EnrolmentCode.matches(reporter, code)
    handler = make_user("handler")  # has an app already
    assert services.user_set_role(user=handler, role="auditor", by=dpo)[1] is None


def test_the_deputy_acts_as_the_dpo_and_only_one_at_a_time(make_user: Any) -> None:
    from accounts import permissions

    dpo, first, second = make_user("dpo"), make_user("handler"), make_user("handler")
    assert not first.has_perm(permissions.DECIDE)
    services.deputy_name(user=first, by=dpo)
    assert fresh(first).has_perm(permissions.DECIDE) and fresh(first).has_perm(permissions.VIEW_ALL)
    assert not fresh(first).has_perm(permissions.MANAGE_USERS), "the office's users stay with the DPO"
    assert fresh(first).role == "handler" and fresh(first).is_deputy
    services.deputy_name(user=second, by=dpo)
    assert not fresh(first).has_perm(permissions.DECIDE)
    assert list(User.objects.filter(groups__name=DEPUTY)) == [second]
    services.deputy_end(by=dpo)
    assert not fresh(second).has_perm(permissions.DECIDE)


def test_only_an_active_handler_can_be_deputy_and_demotion_ends_it(make_user: Any) -> None:
    dpo, manager, handler = make_user("dpo"), make_user("management"), make_user("handler")
    with pytest.raises(Invalid):
        services.deputy_name(user=manager, by=dpo)
    services.deputy_name(user=handler, by=dpo)
    services.user_set_role(user=handler, role="reporter", by=dpo)
    assert not fresh(handler).is_deputy
    services.user_set_role(user=handler, role="handler", by=dpo)
    services.deputy_name(user=handler, by=dpo)
    services.user_deactivate(user=handler, by=dpo)
    assert not fresh(handler).is_deputy


def test_every_change_is_in_the_history_in_words(make_user: Any) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    handler = make_user("handler", name="Hans Behandler")
    user, _code = invite(dpo, role="reporter")
    services.invitation_accept(key_hash=hash_token(link_key(user.email)), password=NEW_PASSWORD)
    services.user_set_role(user=handler, role="auditor", by=dpo)
    services.user_set_role(user=handler, role="handler", by=dpo)
    services.deputy_name(user=handler, by=dpo)
    services.user_reset_two_factor(user=handler, by=dpo)
    services.user_deactivate(user=handler, by=dpo)
    services.user_reactivate(user=handler, by=dpo)
    assert UserEvent.objects.count() == 9
    lines = [line.text for line in reversed(admin_history())]
    assert lines == [
        "Dina Ombud inviterte Nora Ny som melder.",
        "Nora Ny tok imot invitasjonen og valgte passord.",
        "Dina Ombud endret rollen til Hans Behandler fra saksbehandler til revisor.",
        "Dina Ombud endret rollen til Hans Behandler fra revisor til saksbehandler.",
        "Dina Ombud gjorde Hans Behandler til stedfortreder for personvernombudet.",
        "Dina Ombud nullstilte tofaktor for Hans Behandler, som må sette opp appen på nytt.",
        "Dina Ombud avsluttet Hans Behandler som stedfortreder for personvernombudet.",
        "Dina Ombud deaktiverte kontoen til Hans Behandler.",
        "Dina Ombud aktiverte kontoen til Hans Behandler igjen.",
    ]
    with override("en"):
        assert admin_history(user=handler)[0].text == "Dina Ombud reactivated Hans Behandler's account."
