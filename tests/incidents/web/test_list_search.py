"""The search box and the sortable headers of the worklist and the register, as pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from incidents.models import Assessment
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(make_incident: Any) -> list[Any]:
    return [
        make_incident(title="Bærbar PC stjålet", description="Kryptert disk."),
        make_incident(title="Feil mottaker", description="Et passord ble sendt ut."),
    ]


def listed(answer: Any) -> list[str]:
    return [incident.reference for incident, _clock in answer.context["rows"]]


def test_the_worklist_finds_by_a_word_and_keeps_what_was_typed(two: list[Any], users: dict[str, Any]) -> None:
    client = login(Client(), users["dpo"])
    answer = client.get("/avvik/", {"q": "passord", "state": "all"})
    assert listed(answer) == [two[1].reference]
    page = answer.content.decode()
    assert 'name="q" value="passord"' in page
    assert "1 sak funnet for «passord»" in page
    assert len(listed(client.get("/avvik/", {"state": "all"}))) == 2  # control


def test_a_search_too_long_is_refused_by_the_field_and_kept(two: list[Any], users: dict[str, Any]) -> None:
    client = login(Client(), users["dpo"])
    typed = "passord " + "x" * 200
    answer = client.get("/avvik/", {"q": typed})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Søket kan være høyst 200 tegn." in page and f'value="{typed}"' in page
    assert 'aria-invalid="true"' in page
    assert len(listed(answer)) == 2  # the list, unsearched


def test_the_search_term_is_escaped_in_the_page(two: list[Any], users: dict[str, Any]) -> None:
    client = login(Client(), users["dpo"])
    page = client.get("/avvik/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def headers(page: str) -> dict[str, tuple[str, str]]:
    """Header label -> (aria-sort, link) of each sortable column."""
    found = {}
    for attrs, href, label in re.findall(r'<th scope="col"([^>]*)><a class="sort-link" href="([^"]+)">([^<]+)<', page):
        sort = re.search(r'aria-sort="(\w+)"', attrs)
        found[label] = (sort.group(1) if sort else "", href.replace("&amp;", "&"))
    return found


def test_sortable_headers_say_their_order_and_keep_filter_and_search(two: list[Any], users: dict[str, Any]) -> None:
    Assessment.objects.create(incident=two[0], version=1, recommendation={"risk_level": "high"})
    client = login(Client(), users["dpo"])
    answer = client.get("/avvik/", {"state": "all", "q": "e", "sort": "-risiko"})
    assert listed(answer) == [two[0].reference, two[1].reference]
    assert listed(client.get("/avvik/", {"state": "all", "q": "e", "sort": "risiko"}))[0] == two[0].reference
    page = answer.content.decode()
    shown = headers(page)
    assert shown["Risiko"][0] == "descending"
    assert "sort=risiko" in shown["Risiko"][1]  # a second click turns the order
    assert shown["Frist"] == ("", "?state=all&q=e&sort=frist")
    assert set(shown) == {"Referanse", "Risiko", "Saksbehandler", "Meldt", "Frist"}
    assert "høy risiko" in page and "Ingen ennå" in page
    assert 'name="sort" value="-risiko"' in page  # a new search keeps the order
    ascending = client.get("/avvik/", {"state": "all", "sort": "risiko"})
    assert headers(ascending.content.decode())["Risiko"][0] == "ascending"


def test_a_reporter_has_no_risk_or_handler_column(two: list[Any], users: dict[str, Any]) -> None:
    page = login(Client(), users["reporter"]).get("/avvik/", {"sort": "risiko"}).content.decode()
    assert set(headers(page)) == {"Referanse", "Meldt", "Frist"}
    assert "Saksbehandler" not in page


def test_pages_keep_the_filter_the_search_and_the_order(make_incident: Any, users: dict[str, Any]) -> None:
    from tests.bulk import bulk_cases

    bulk_cases(users["reporter"], 120)
    client = login(Client(), users["dpo"])
    answer = client.get("/avvik/", {"state": "all", "q": "Testsak", "sort": "referanse"})
    assert answer.context["page"].paginator.num_pages == 3
    page = answer.content.decode()
    assert 'href="?state=all&amp;q=Testsak&amp;sort=referanse&amp;side=2"' in page
    second = client.get("/avvik/?state=all&q=Testsak&sort=referanse&side=2")
    assert listed(second)[0] == listed(answer)[-1][:-6] + str(int(listed(answer)[-1][-6:]) + 1)
    last = client.get("/avvik/?state=all&q=Testsak&sort=referanse&side=99")  # past the end: the last page
    assert last.status_code == 200 and last.context["page"].number == 3 and len(listed(last)) == 20


def test_the_register_searches_and_sorts_by_risk(two: list[Any], users: dict[str, Any]) -> None:
    from django.utils import timezone

    for case, level in zip(two, ("high", "unlikely"), strict=True):
        Assessment.objects.create(
            incident=case, version=1, recommendation={"risk_level": level}, concluded_at=timezone.now()
        )
    client = login(Client(), users["dpo"])
    answer = client.get("/register/", {"q": "stjålet"})
    assert [i.reference for i in answer.context["page"]] == [two[0].reference]
    page = answer.content.decode()
    assert 'value="stjålet"' in page and "q=st%C3%A5let" not in page
    assert "format=csv" in page and "q=stj%C3%A5let" in page  # the CSV follows the search
    ordered = client.get("/register/", {"sort": "risiko"})
    assert [i.reference for i in ordered.context["page"]] == [two[1].reference, two[0].reference]
    shown = headers(ordered.content.decode())
    assert shown["Risiko"][0] == "ascending" and shown["Referanse"][0] == ""
    assert headers(client.get("/register/").content.decode())["Referanse"][0] == "descending"  # its own order
    csv = b"".join(client.get("/register/", {"q": "passord", "format": "csv"}).streaming_content).decode()
    assert two[1].reference in csv and two[0].reference not in csv
