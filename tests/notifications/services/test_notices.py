"""Notices: drafts, approval freezing the text, versions, missing parts, the art. 34(3)(c)
public page and the API."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from core.errors import Conflict, Invalid, NotPermitted
from incidents.services.cases import incident_complete
from notifications.models import FrozenNotice, Notice, PublicNotice
from notifications.selectors.rendering import GREETING_SLOT, default_texts
from notifications.services import notices as services
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    return login(Client(), user)


def _api(user: Any) -> Client:
    _token, key = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_high_risk_defaults_are_honest_and_advise_from_the_data(school_case: Any) -> None:
    texts = default_texts(school_case, None, "nb")
    assert "høy" in texts["consequences"]
    assert "liten" not in texts["consequences"] and "lav" not in texts["consequences"]
    assert "kreditt" in texts["advice"], "a national ID number suggests a credit freeze"
    assert "Bytt passordet" not in texts["advice"], "no password advice when no password was involved"
    assert "passordet ditt" in texts["your_data"], "says which data it was NOT about"
    assert "personvern@eksempel.kommune.no" in texts["contact"]
    nn = default_texts(school_case, None, "nn")
    assert "høg" in nn["consequences"] and "ikkje" in nn["your_data"]


def test_credentials_and_low_risk_change_the_defaults(make_incident: Any, organisation: Any, decide: Any) -> None:
    incident = make_incident(data_categories=("credentials",))
    decide(incident, risk_level="risk")
    texts = default_texts(incident, None, "en")
    assert "Change your password" in texts["advice"] and "everywhere" in texts["advice"]
    assert "high" not in texts["consequences"]


def test_approval_freezes_and_a_change_makes_a_new_version(school_case: Any, users: Any) -> None:
    dpo = users["dpo"]
    approved = services.notice_approve(incident=school_case, by=dpo)
    assert {n.language for n in approved} == {"nb", "nn", "en"}
    nb = next(n for n in approved if n.language == "nb")
    assert nb.is_approved and nb.frozen_text.startswith(GREETING_SLOT)
    assert "Du kan klage til Datatilsynet" in nb.frozen_text

    nb.advice = "Endret etter godkjenning."
    with pytest.raises(FrozenNotice):
        nb.save()

    texts = {"subject": nb.subject, **nb.parts(), "advice": "Bytt passord i dag."}
    with pytest.raises(Conflict, match="låst"):  # no silent version 2 from "save draft"
        services.notice_save_drafts(incident=school_case, by=users["handler"], texts={"nb": texts})
    assert Notice.objects.filter(language="nb").count() == 1
    services.notice_new_version(incident=school_case, by=users["handler"], language="nb")
    [draft] = services.notice_save_drafts(incident=school_case, by=users["handler"], texts={"nb": texts})
    assert draft.version == 2 and draft.status == Notice.Status.DRAFT
    old = Notice.objects.get(pk=nb.pk)
    assert old.is_approved and "Bytt passord i dag." not in old.frozen_text, "the approved version stays"


def test_a_missing_part_blocks_approval_and_is_named(school_case: Any, users: Any) -> None:
    texts = default_texts(school_case, None, "nn")
    texts["measures"] = "   "
    services.notice_save_drafts(incident=school_case, by=users["dpo"], texts={"nn": texts})
    with pytest.raises(Invalid) as error:
        services.notice_approve(incident=school_case, by=users["dpo"])
    assert error.value.errors == {"parts": ["measures"]}
    assert not Notice.objects.filter(status=Notice.Status.APPROVED).exists()


def test_only_the_dpo_approves_and_reporters_cannot_write(school_case: Any, users: Any) -> None:
    with pytest.raises(NotPermitted):
        services.notice_approve(incident=school_case, by=users["handler"])
    with pytest.raises(NotPermitted):
        services.notice_save_drafts(incident=school_case, by=users["reporter"], texts={"nb": {"subject": "x"}})


def test_audiences_get_their_own_advice(school_case: Any, users: Any) -> None:
    staff = services.notice_audience_add(
        incident=school_case, by=users["dpo"], name="Ansatte", data_categories=["credentials"]
    )
    assert "Bytt passordet" in default_texts(school_case, staff, "nb")["advice"]
    with pytest.raises(Invalid):
        services.notice_audience_add(incident=school_case, by=users["dpo"], name="ansatte", data_categories=[])


def test_complete_needs_delivery_or_a_public_notice(school_case: Any, users: Any, decide: Any) -> None:
    missing = services.notices_ready_for_completion(school_case)
    assert missing and "ikke skrevet" in missing[0]
    services.notice_approve(incident=school_case, by=users["dpo"])
    assert services.notices_ready_for_completion(school_case) == ["Varselet er ikke levert til alle mottakerne."]

    decide(school_case, exemption="34_3_c")
    services.notice_approve(incident=school_case, by=users["dpo"])
    services.public_notice_publish(incident=school_case, by=users["dpo"])
    assert services.notices_ready_for_completion(school_case) == []


def test_complete_transition_is_refused_while_notices_are_missing(school_case: Any, users: Any) -> None:
    from incidents.models import Incident

    Incident.objects.filter(pk=school_case.pk).update(state="subject_notification")
    with pytest.raises(Conflict) as error:
        incident_complete(incident=school_case.pk, by=users["dpo"])
    assert "ikke skrevet" in error.value.message


def test_public_notice_versions_and_withdrawal(school_case: Any, users: Any, decide: Any) -> None:
    dpo = users["dpo"]
    services.notice_approve(incident=school_case, by=dpo)
    with pytest.raises(Conflict):
        services.public_notice_publish(incident=school_case, by=dpo)  # no 34(3)(c) decision yet
    decide(school_case, exemption="34_3_c")
    first = services.public_notice_publish(incident=school_case, by=dpo)
    public = PublicNotice.objects.get(incident=school_case)
    assert len(public.token) >= 32 and first.version == 1

    anonymous = Client()
    page = anonymous.get(f"/varsel/{public.token}/nn/")
    assert page.status_code == 200
    assert 'lang="nn"' in page.content.decode() and "høg" in page.content.decode()
    assert anonymous.get("/varsel/not-the-token/").status_code == 404

    with pytest.raises(Conflict):
        services.public_notice_publish(incident=school_case, by=dpo)  # nothing changed
    nb = services.current_notice(public.incident.notice_audiences.first(), "nb")  # type: ignore[arg-type]
    assert nb is not None
    services.notice_new_version(incident=school_case, by=dpo, language="nb")
    services.notice_save_drafts(
        incident=school_case,
        by=dpo,
        texts={"nb": {"subject": nb.subject, **nb.parts(), "measures": "Vi har lagt til et nytt tiltak."}},
    )
    services.notice_approve(incident=school_case, by=dpo)
    with pytest.raises(Invalid):
        services.public_notice_publish(incident=school_case, by=dpo)  # an update says what changed
    second = services.public_notice_publish(incident=school_case, by=dpo, note="Vi har lagt til et tiltak.")
    assert second.version == 2
    page = anonymous.get(f"/varsel/{public.token}/").content.decode()
    assert "Vi har lagt til et nytt tiltak." in page and "Vi har lagt til et tiltak." in page
    assert "Sist oppdatert" in page

    services.public_notice_withdraw(incident=school_case, by=dpo, reason="Saken er avklart.")
    gone = anonymous.get(f"/varsel/{public.token}/")
    assert gone.status_code == 410 and "trukket tilbake" in gone.content.decode()
    assert public.versions.count() == 2, "every version is kept"


def test_api_preview_and_approve(school_case: Any, users: Any, make_user: Any) -> None:
    handler = _api(users["handler"])
    url = f"/api/v1/incidents/{school_case.reference}/notices/preview/"
    # The handler sees the case only when assigned.
    school_case.handler = users["handler"]
    school_case.save()
    response = handler.get(url, {"language": "nn"})
    assert response.status_code == 200
    body = response.json()
    assert body["language"] == "nn" and body["missing"] == []
    assert set(body) >= {"language", "subject", "text", "html", "lix", "parts", "missing"}
    assert set(body["parts"]) >= {"what_happened", "consequences", "measures", "advice", "contact"}
    assert 0 < body["lix"] <= 35
    assert handler.get(url, {"language": "de"}).status_code == 400
    assert _api(make_user("reporter")).get(url).status_code == 404, "another reporter's case"
    assert _api(users["reporter"]).get(url).status_code == 403, "the reporter sees the case, not the draft"
    assert _api(users["management"]).get(url).status_code == 403
    approve = f"/api/v1/incidents/{school_case.reference}/notices/approve/"
    assert handler.post(approve, {}, content_type="application/json").status_code == 403

    dpo = _api(users["dpo"])
    texts = default_texts(school_case, None, "en")
    texts["advice"] = ""
    services.notice_save_drafts(incident=school_case, by=users["dpo"], texts={"en": texts})
    refused = dpo.post(approve, {}, content_type="application/json")
    assert refused.status_code == 400 and refused.json() == {"errors": {"parts": ["advice"]}}

    texts["advice"] = "Bytt passord."
    services.notice_save_drafts(incident=school_case, by=users["dpo"], texts={"en": texts})
    ok = dpo.post(approve, {}, content_type="application/json")
    assert ok.status_code == 200
    assert {a["language"] for a in ok.json()["approved"]} == {"nb", "nn", "en"}
    assert dpo.get(url, {"language": "en"}).json()["parts"]["advice"] == "Bytt passord."


def test_editor_page_shows_three_languages_and_approves(school_case: Any, users: Any) -> None:
    dpo = _client(users["dpo"])
    page = dpo.get(f"/avvik/{school_case.reference}/varsel/")
    assert page.status_code == 200
    html = page.content.decode()
    for code in ("nb", "nn", "en"):
        assert f'data-lix-group="{code}"' in html
    bands = re.findall(r'<span data-lix-out="band">([^<]*)</span>', html)
    assert len(bands) == 3 and set(bands) <= {"svært lett", "lett", "middels", "vanskelig", "svært vanskelig"}, bands
    data = {}
    for language in ("nb", "nn", "en"):
        for name, value in default_texts(school_case, None, language).items():
            data[f"{language}-{name}"] = value
    data["nb-contact"] = ""
    response = dpo.post(f"/avvik/{school_case.reference}/varsel/", {**data, "action": "approve"}, follow=True)
    assert "Spørsmål og kontakt" in response.content.decode() and "tomme" in response.content.decode()
    data["nb-contact"] = "Ring oss på 22 33 44 55."
    response = dpo.post(f"/avvik/{school_case.reference}/varsel/", {**data, "action": "approve"}, follow=True)
    assert "godkjent på alle språk" in response.content.decode()
    assert Notice.objects.filter(status=Notice.Status.APPROVED).count() == 3
