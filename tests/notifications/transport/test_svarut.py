"""The SvarUt client against the local SvarUt (tests/fakes/svarut_server.py), which checks
each request against KS's published schema: what Avvik sends is a shipment SvarUt takes,
and the fake itself refuses what SvarUt would refuse."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from notifications import svarut
from notifications.svarut import Client, PostalAddress, Shipment, SvarUtError
from tests.fakes.svarut_server import SHIPMENT, FakeSvarUt, running

PDF = b"%PDF-1.7\n%fake one-page letter\n"
NATIONAL_ID = "01029400475"  # a synthetic test number


@pytest.fixture
def fake() -> Iterator[FakeSvarUt]:
    yield from running()


def client_for(fake: FakeSvarUt, password: str | None = None) -> Client:
    return Client(fake.url, fake.username, fake.password if password is None else password)


def shipment(reference: str = "avvik-1", national_id: str = NATIONAL_ID, **address: Any) -> Shipment:
    fields = {
        "name": "Kari Nordmann",
        "lines": ("Storgata 1", "Leil. H0101"),
        "postcode": "0155",
        "place": "OSLO",
        "country": "",
    } | address
    return Shipment(
        title="Varsel om brudd på personopplysningssikkerheten",
        external_reference=reference,
        address=PostalAddress(**fields),
        pdf=PDF,
        national_id=national_id,
    )


def test_a_shipment_is_accepted_with_the_national_id_as_digital_address_and_the_postal_address(
    fake: FakeSvarUt,
) -> None:
    shipment_id = client_for(fake).send(shipment())
    [item] = fake.accepted
    assert item.id == shipment_id
    assert item.national_id == NATIONAL_ID
    post = item.shipment["mottaker"]["postAdresse"]
    assert post == {
        "navn": "Kari Nordmann",
        "adresse1": "Storgata 1",
        "adresse2": "Leil. H0101",
        "postNummer": "0155",
        "postSted": "OSLO",
    }
    assert item.shipment["krevNiva4Innlogging"] is True
    assert item.shipment["kunDigitalLevering"] is False
    assert item.files == [("varsel.pdf", PDF)]


def test_without_a_national_id_the_shipment_goes_by_post_only(fake: FakeSvarUt) -> None:
    client_for(fake).send(shipment(national_id=""))
    assert "digitalAdresse" not in fake.accepted[0].shipment["mottaker"]


def test_the_shipment_json_matches_the_published_schema_and_unknown_fields_are_refused() -> None:
    body = svarut.shipment_json(shipment())
    assert not list(SHIPMENT.iter_errors(body))
    # The fake is stricter than the bare schema: a misspelt field is an error, not ignored.
    wrong = json.loads(json.dumps(body))
    wrong["mottaker"]["postAdresse"]["postnummer"] = wrong["mottaker"]["postAdresse"].pop("postNummer")
    assert list(SHIPMENT.iter_errors(wrong))
    short_id = json.loads(json.dumps(body))
    short_id["mottaker"]["digitalAdresse"]["fodselsNummer"] = "123"
    assert list(SHIPMENT.iter_errors(short_id))


def test_the_fake_refuses_a_request_that_breaks_the_schema(fake: FakeSvarUt, monkeypatch: Any) -> None:
    original = svarut.shipment_json

    def broken(item: Shipment) -> dict[str, Any]:
        body = original(item)
        del body["mottaker"]["postAdresse"]["postSted"]  # required by the schema
        return body

    monkeypatch.setattr(svarut, "shipment_json", broken)
    with pytest.raises(SvarUtError) as raised:
        client_for(fake).send(shipment())
    assert raised.value.status == 400 and raised.value.permanent
    assert "postSted" in fake.refused[0]
    assert not fake.accepted


def test_a_wrong_password_is_refused_and_not_permanent(fake: FakeSvarUt) -> None:
    with pytest.raises(SvarUtError) as raised:
        client_for(fake, password="feil").send(shipment())
    assert raised.value.status == 401
    assert not raised.value.permanent  # the account's settings are wrong, not the letter
    assert not fake.accepted


def test_a_server_error_is_temporary(fake: FakeSvarUt) -> None:
    fake.fail_next = [503]
    with pytest.raises(SvarUtError) as raised:
        client_for(fake).send(shipment())
    assert raised.value.status == 503 and not raised.value.permanent
    assert client_for(fake).send(shipment())  # the next try goes through


def test_an_unreachable_svarut_is_temporary_and_says_so_without_the_address() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SvarUtError) as raised:
        Client(f"http://127.0.0.1:{port}", "a", "b").send(shipment())
    assert not raised.value.permanent
    assert "unreachable" in str(raised.value)


def test_a_shipment_is_found_by_its_external_reference_after_the_answer_was_lost(fake: FakeSvarUt) -> None:
    client = client_for(fake)
    assert client.find("avvik-lost") == []
    fake.drop_after_accept = 1
    with pytest.raises(SvarUtError):
        client.send(shipment("avvik-lost"))
    [item] = fake.accepted  # SvarUt has it although the sender never heard back
    assert client.find("avvik-lost") == [item.id]


def test_statuses_are_read_for_many_shipments(fake: FakeSvarUt) -> None:
    client = client_for(fake)
    digital = client.send(shipment("a"))
    paper = client.send(shipment("b", national_id=""))
    assert client.statuses([digital, paper]) == {digital: "LEVERT_SDP", paper: "SENDT_PRINT"}
    fake.set_status(paper, "PRINTET")
    assert client.statuses([paper]) == {paper: "PRINTET"}


def test_no_national_id_in_any_url_or_error(fake: FakeSvarUt) -> None:
    client = client_for(fake)
    fake.fail_next = [500]
    with pytest.raises(SvarUtError) as raised:
        client.send(shipment())
    shipment_id = client.send(shipment())
    client.find("avvik-1")
    client.statuses([shipment_id])
    assert NATIONAL_ID not in str(raised.value)
    assert fake.request_lines and not [line for line in fake.request_lines if NATIONAL_ID in line]


def test_an_error_message_naming_the_national_id_is_stored_without_it() -> None:
    import io
    import urllib.error

    body = json.dumps({"errorcode": "X", "message": f"Mottaker {NATIONAL_ID} finnes ikke"}).encode()
    error = urllib.error.HTTPError("http://x", 400, "Bad Request", {}, io.BytesIO(body))  # type: ignore[arg-type]
    text = str(svarut._http_error(error))
    assert NATIONAL_ID not in text and "finnes ikke" in text


def test_the_external_reference_is_stable_per_message_id_and_says_nothing_of_it() -> None:
    message_id = "<0f8a@avvik.example>"
    assert svarut.external_reference(message_id) == svarut.external_reference(message_id)
    assert svarut.external_reference(message_id) != svarut.external_reference("<other@avvik.example>")
    assert "avvik.example" not in svarut.external_reference(message_id)


def test_configured_only_with_url_name_and_password(settings: Any) -> None:
    settings.AVVIK_SVARUT_URL, settings.AVVIK_SVARUT_USERNAME, settings.AVVIK_SVARUT_PASSWORD = "", "", ""
    assert not svarut.configured()
    with pytest.raises(svarut.NotConfigured):
        Client.from_settings()
    settings.AVVIK_SVARUT_URL, settings.AVVIK_SVARUT_USERNAME, settings.AVVIK_SVARUT_PASSWORD = (
        "https://svarut.ks.no",
        "avsender",
        "passord",
    )
    assert svarut.configured()
