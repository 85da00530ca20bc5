"""Plain-text e-mails show "&" and "<" as typed; the HTML part escapes them (#14)."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.models import OutboundEmail
from notifications.selectors.rendering import render_message

pytestmark = pytest.mark.django_db


def test_the_dpos_e_mail_shows_a_name_with_ampersand_as_typed(make_user: Any, make_incident: Any) -> None:
    dpo = make_user("dpo", name="Ola & Kari <personvern>")
    make_incident()
    email = OutboundEmail.objects.get(kind="incident_reported", to_address=dpo.email)
    assert "Hei Ola & Kari <personvern>," in email.body_text
    assert "&amp;" not in email.body_text and "&lt;" not in email.body_text


def test_a_notice_title_is_raw_in_the_text_and_escaped_in_the_html(users: Any, make_incident: Any) -> None:
    from django.test import Client

    from tests.conftest import login

    incident = make_incident(title="Lønn & fravær <elever>", by=users["dpo"])
    client = login(Client(), users["dpo"])
    preview = client.get(f"/api/v1/incidents/{incident.reference}/notices/preview/", {"language": "nb"}).json()
    assert "Lønn & fravær <elever>" in preview["text"]
    assert "&amp;" not in preview["text"]
    assert "Lønn &amp; fravær &lt;elever&gt;" in preview["html"]
    assert "<elever>" not in preview["html"]
    rendered = render_message(
        language="nb", subject="A & B", parts={"what_happened": "Lønn & fravær <elever>", "contact": "x"}
    )
    assert "Lønn & fravær <elever>" in rendered.text
    assert "Lønn &amp; fravær &lt;elever&gt;" in rendered.html
