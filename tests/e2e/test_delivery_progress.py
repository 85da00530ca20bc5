"""The case page's live progress (static/js/deliveries.js): while notices are being sent, the
overall counts and each channel's row of the table follow the deliveries API without a
reload."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from notifications.models import Delivery, Notice, Recipient
from tests.e2e.conftest import log_in_directly
from tests.notifications.conftest import decide, organisation, school_case
from tests.notifications.delivery_helpers import approve_notices

__all__ = ["decide", "organisation", "school_case"]  # the case of tests/notifications, here too

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_per_channel_table_updates_as_letters_are_posted(
    page: Any, live_server: Any, school_case: Any, users: Any
) -> None:
    approve_notices(school_case, users["dpo"])
    notice = Notice.objects.get(incident=school_case, language="nb", status=Notice.Status.APPROVED)
    for index in range(3):
        email = Recipient.objects.create(incident=school_case, name=f"E {index}", email=f"e{index}@example.org")
        Delivery.objects.create(incident=school_case, notice=notice, recipient=email, channel="email")
        letter = Recipient.objects.create(incident=school_case, name=f"B {index}", address1="Vei 1", postcode="0150")
        Delivery.objects.create(incident=school_case, notice=notice, recipient=letter, channel="letter")
    log_in_directly(page, users["handler"], live_server.url)
    page.goto(f"/avvik/{school_case.reference}/")
    letters_sent = page.locator('tr[data-channel="letter"] [data-count="sent"]')
    email_sent = page.locator('tr[data-channel="email"] [data-count="sent"]')
    assert letters_sent.inner_text() == "0" and email_sent.inner_text() == "0"

    # Two letters posted while the page is open; e-mail still queued.
    Delivery.objects.filter(channel="letter", recipient__name__in=["B 0", "B 1"]).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    page.wait_for_function(
        "() => document.querySelector('tr[data-channel=\"letter\"] [data-count=\"sent\"]').textContent === '2'"
    )
    assert email_sent.inner_text() == "0"
    assert page.locator('#delivery-progress p [data-count="sent"]').inner_text() == "2"
    assert page.locator('tr[data-channel="letter"] [data-count="total"]').inner_text() == "3"
