"""The recipients page in each of its states with people by national ID and postal address
(#21), for the sweeps that read every page (tests/test_in_words.py, tests/e2e): the list with
the national ID masked and the address on one line, the add form and the upload refused
with their messages, the sending per channel with a bounce and a person no channel reaches,
and the retry that sends a bounced e-mail as a letter instead."""

from __future__ import annotations

from typing import Any

from notifications.services.delivery import deliveries_retry_failed, flush_deliveries, notices_send
from notifications.services.recipients import recipient_add
from tests.notifications.delivery_helpers import BACKEND, FlakySmtpBackend, csv_bytes
from tests.notifications.services.test_national_id_recipients import HEADER, valid_number, with_one_digit_wrong

POSTAL = {"address1": "Storgata 1", "address2": "c/o Kari Nordmann", "postcode": "0150", "place": "Oslo"}

# The add form with a wrong control digit, postcode and mobile number (the page answers 400).
BAD_ADD = {
    "add": "1",
    "name": "Ola Nordmann",
    "national_id": with_one_digit_wrong(valid_number(20)),
    "address1": "Storgata 1",
    "postcode": "15",
    "place": "Oslo",
    "phone": "1234",
}


def bad_upload() -> bytes:
    """A list whose second and third rows are wrong: nothing is imported, both are named."""
    return csv_bytes(
        [
            ["Kari", "", "nb", valid_number(21), "Storgata 2", "", "0150", "Oslo", "NO", ""],
            ["Per", "", "nb", with_one_digit_wrong(valid_number(22)), "Storgata 3", "", "0150", "Oslo", "NO", ""],
            ["Lise", "", "nb", "", "Storgata 4", "", "15", "Oslo", "NO", "1234"],
        ],
        header=HEADER,
    )


def add_people_by_national_id(world: Any) -> None:
    """Three more people on the world's case: one by national ID, postal address and mobile
    number; one whose e-mail will bounce and who has a postal address; one known only by
    national ID (no channel reaches her while SvarUt is not set up)."""
    by = world.users["dpo"]
    case = world.case.pk
    recipient_add(incident_id=case, by=by, name="Per Post", national_id=valid_number(23), phone="912 34 567", **POSTAL)
    recipient_add(incident_id=case, by=by, name="Anne", email="bounce@example.org", **POSTAL)
    recipient_add(incident_id=case, by=by, name="Eva", national_id=valid_number(24), language="en")


def send_with_failures(world: Any, settings: Any) -> None:
    """Send the notices: e-mail to those with an address (one bounces), a letter to wait for
    printing, and a person no channel reaches recorded as failed."""
    settings.CELERY_BROKER_URL = ""
    settings.EMAIL_BACKEND = BACKEND
    settings.AVVIK_SVARUT_URL = ""
    FlakySmtpBackend.reset()
    notices_send(incident_id=world.case.pk, by=world.users["dpo"])
    flush_deliveries()


def retry(world: Any) -> None:
    """Send the failed ones again: the bounced e-mail goes as a letter instead."""
    assert deliveries_retry_failed(incident_id=world.case.pk, by=world.users["dpo"]).moved == {"letter": 1}
