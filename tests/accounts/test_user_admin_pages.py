"""The user administration's pages (/brukere/) and the invitation's (/invitasjon/), as the
DPO and the invited person use them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from accounts.models import EnrolmentCode, User
from notifications.models import OutboundEmail
from tests.conftest import login

pytestmark = pytest.mark.django_db


def said(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_dpo_sees_every_account_in_words(make_user: Any) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    make_user("handler", name="Hans Behandler")
    page = login(Client(), dpo).get("/brukere/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hans Behandler" in text and "Saksbehandler" in text and "Satt opp" in text and "Aldri" in text
    assert 'href="/brukere/"' in text, "the menu links the page"


@pytest.mark.parametrize("role", ["reporter", "handler", "management", "auditor"])
def test_other_roles_may_not_open_it(make_user: Any, role: str) -> None:
    someone = make_user(role)
    client = login(Client(), someone)
    assert client.get("/brukere/").status_code == 403
    assert client.post("/brukere/", {"email": "x@example.org", "role": "dpo", "language": "nb"}).status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()
    assert 'href="/brukere/"' not in client.get("/").content.decode()


def test_inviting_shows_the_enrolment_code_once(make_user: Any) -> None:
    client = login(Client(), make_user("dpo"))
    answer = client.post(
        "/brukere/", {"email": "Ny@Example.org", "name": "Nora Ny", "role": "handler", "language": "nn"}
    )
    assert answer.status_code == 302
    user = User.objects.get(email="ny@example.org")
    page = client.get(answer["Location"])
    code = re.search(r'class="code-display"><strong>([0-9a-f-]+)<', page.content.decode()).group(1)  # type: ignore[union-attr]
    assert EnrolmentCode.matches(user, code)
    assert "Invitert, venter på svar" in page.content.decode()
    assert code not in client.get(answer["Location"]).content.decode(), "shown once"
    assert OutboundEmail.objects.filter(kind="invitation", to_address="ny@example.org").count() == 1


def test_a_bad_invitation_keeps_what_was_typed(make_user: Any) -> None:
    client = login(Client(), make_user("dpo"))
    answer = client.post("/brukere/", {"email": "ikke en adresse", "name": "Nora Ny", "role": "", "language": "nb"})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert 'value="ikke en adresse"' in text and 'value="Nora Ny"' in text
    assert "Skriv en gyldig e-postadresse" in text and "Velg en rolle." in text


def test_the_invited_person_sets_a_password_once_and_goes_on_to_two_factor(make_user: Any) -> None:
    dpo_client = login(Client(), make_user("dpo"))
    dpo_client.post("/brukere/", {"email": "ny@example.org", "name": "Nora", "role": "handler", "language": "nb"})
    body = OutboundEmail.objects.get(kind="invitation").body_text
    link = re.search(r"https?://[^/]+(/invitasjon/[\w-]+/)", body).group(1)  # type: ignore[union-attr]
    invitee = Client()
    hop = invitee.get(link)
    assert hop.status_code == 302 and hop["Location"] == "/invitasjon/", "the key leaves the address bar"
    form = invitee.get("/invitasjon/")
    assert "ny@example.org" in form.content.decode()
    mismatch = invitee.post("/invitasjon/", {"new_password1": "Et-langt-passord-2026", "new_password2": "annet"})
    assert mismatch.status_code == 400 and "De to passordene er ikke like." in mismatch.content.decode()
    done = invitee.post(
        "/invitasjon/", {"new_password1": "Et-langt-passord-2026", "new_password2": "Et-langt-passord-2026"}
    )
    assert done.status_code == 302 and done["Location"] == "/tofaktor/oppsett/"
    assert User.objects.get(email="ny@example.org").is_active
    again = Client()
    again.get(link)
    page = again.get("/invitasjon/")
    assert "Lenken er brukt eller utløpt" in page.content.decode() and "new_password1" not in page.content.decode()


def test_the_last_dpo_cannot_deactivate_themselves_on_the_page(make_user: Any) -> None:
    dpo = make_user("dpo")
    client = login(Client(), dpo)
    answer = client.post(f"/brukere/{dpo.pk}/deaktiver/")
    assert answer.status_code == 302
    assert any("eneste aktive personvernombudet" in m for m in said(answer))
    assert User.objects.get(pk=dpo.pk).is_active
    role = client.post(f"/brukere/{dpo.pk}/", {"role": "handler"})
    assert any("eneste aktive personvernombudet" in m for m in said(role))
    assert User.objects.get(pk=dpo.pk).role == "dpo"


def test_role_deactivation_reset_and_deputy_from_the_pages(make_user: Any) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    handler = make_user("handler", name="Hans Behandler")
    client = login(Client(), dpo)
    assert client.post("/brukere/stedfortreder/", {"deputy": handler.pk}).status_code == 302
    assert User.objects.get(pk=handler.pk).is_deputy
    reset = client.post(f"/brukere/{handler.pk}/tofaktor/")
    page = client.get(reset["Location"])
    assert "Oppsettskode for tofaktor" in page.content.decode() and "Ikke satt opp" in page.content.decode()
    client.post(f"/brukere/{handler.pk}/deaktiver/")
    assert not User.objects.get(pk=handler.pk).is_active
    page = client.get(f"/brukere/{handler.pk}/").content.decode()
    assert "Dina Ombud deaktiverte kontoen til Hans Behandler." in page
    assert "Dina Ombud avsluttet Hans Behandler som stedfortreder for personvernombudet." in page
    assert client.post("/brukere/stedfortreder/", {"deputy": ""}).status_code == 302
    assert client.get(f"/brukere/{handler.pk}/deaktiver/").status_code == 405


def test_the_pages_read_in_english(make_user: Any) -> None:
    dpo = make_user("dpo")
    dpo.language = "en"
    dpo.save()
    text = login(Client(), dpo).get("/brukere/").content.decode()
    assert "Invite a new user" in text and "Deputy data protection officer" in text
    assert "Data protection officer" in text


def test_a_handler_with_open_cases_is_named_with_them_before_and_after_deactivation(
    users: dict[str, User], make_incident: Any
) -> None:
    from incidents.services.cases import incident_assign, incident_dismiss, incident_start

    dpo, handler = users["dpo"], users["handler"]
    handled = [make_incident(title=title) for title in ("Mistet mobiltelefon", "Feilsendt elevliste")]
    dismissed = make_incident(title="Ikke et brudd")
    for case in [*handled, dismissed]:
        incident_assign(incident=case, by=dpo, handler=handler)
    incident_start(incident=dismissed, by=dpo)
    incident_dismiss(incident=dismissed, by=dpo, reason="Ingen personopplysninger kom på avveie.")
    client = login(Client(), dpo)
    page = client.get(f"/brukere/{handler.pk}/").content.decode()
    warning = page.split('data-testid="handled-cases"')[1].split("</div>")[0]
    assert f"{handler.display_name} er saksbehandler i 2 åpne saker:" in warning
    assert all(f'href="{case.get_absolute_url()}">{case.reference}</a>' in warning for case in handled)
    assert dismissed.reference not in warning  # a closed case needs no new handler
    assert "ingen saksbehandler får påminnelsene om fristen" in warning
    client.post(f"/brukere/{handler.pk}/deaktiver/")
    assert "Kontoen er deaktivert, og ingen saksbehandler" in client.get(f"/brukere/{handler.pk}/").content.decode()
    dpo.language = "en"
    dpo.save(update_fields=["language"])
    english = client.get(f"/brukere/{handler.pk}/").content.decode()
    assert f"{handler.display_name} is the handler of 2 open cases:" in english
    # A person with no open case is shown no warning.
    assert 'data-testid="handled-cases"' not in client.get(f"/brukere/{users['auditor'].pk}/").content.decode()
