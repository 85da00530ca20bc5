"""The realistic case of issue #16, in each of bokmål, nynorsk and English: a spreadsheet
with 120 pupils' national identity numbers was e-mailed to the parents of a school year
(about 180 people). Driven through the report API, the assessment API, the EDPB PATCH and
the notification page; the notices' deliveries are rows as the sending leaves them.

The document must say nothing is unknown where the case knows it, hold no text in another
language than the one the DPO chose, and say what may happen to the pupils."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation
from lingua import Language, LanguageDetectorBuilder
from pypdf import PdfReader
from rest_framework.test import APIClient

from accounts.models import User
from incidents.models import Incident
from incidents.selectors.authority import unknown
from incidents.services.assessment import Decision, incident_conclude
from incidents.services.measures import MeasureInput, measure_add
from tests.conftest import login
from tests.incidents.services.test_authority import organisation_profile_of_testvik

pytestmark = pytest.mark.django_db

LINGUA = {"nb": Language.BOKMAL, "nn": Language.NYNORSK, "en": Language.ENGLISH}
DETECTOR = LanguageDetectorBuilder.from_languages(*LINGUA.values()).build()
# What people typed stays as they typed it (bokmål here); everything else is Avvik's.
TYPED = {"what_happened", "measures_taken", "measures_planned", "data_location", "discovered_at", "aware_at"}
HARMS = {
    "nb": ("identitetstyveri", "svindel"),
    "nn": ("identitetstjuveri", "svindel"),
    "en": ("identity theft", "fraud"),
}


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def realistic_case(users: dict[str, User]) -> Incident:
    organisation_profile_of_testvik(users["dpo"])
    now = timezone.now()
    sent = now - timedelta(days=2, hours=3)
    report = api(users["reporter"]).post(
        "/api/v1/incidents/",
        {
            "title": "Regneark med elevenes fødselsnummer sendt til foreldrene på 9. trinn",
            "description": "En kontaktlærer sendte et regneark med navn og fødselsnummer til 120 elever "
            "til alle foreldrene på 9. trinn, om lag 180 mottakere.",
            "discovered_at": (sent + timedelta(hours=1)).isoformat(),
            "occurred_at": sent.isoformat(),
            "ended_at": sent.isoformat(),
            "how_discovered": "En forelder ringte skolen.",
            "breach_types": ["confidentiality"],
            "approx_subjects": 120,
            "data_categories": ["basic", "national_id"],
            "incident_kind": "sent_by_mistake",
            "immediate_measures": "Bedt alle mottakerne om å slette e-posten.",
        },
        format="json",
    )
    assert report.status_code == 201, report.json()
    reference = report.json()["reference"]
    dpo = api(users["dpo"])
    for name, body in (("start", {}), ("confirm", {})):
        assert dpo.post(f"/api/v1/incidents/{reference}/transitions/{name}/", body, format="json").status_code == 200
    facts = {
        "breach_types": ["confidentiality"],
        "data_categories": ["basic", "national_id"],
        "identifiability": "maximum",
        "confidentiality_exposure": "known_recipients",
        "subjects_count": 120,
        "records_count": 120,
        "vulnerable_subjects": True,
    }
    assert dpo.put(f"/api/v1/incidents/{reference}/assessment/", facts, format="json").status_code == 200
    incident = Incident.objects.get(reference=reference)
    incident_conclude(
        incident=incident,
        by=users["dpo"],
        decision=Decision(notify_authority=True, notify_data_subjects=True, exemption=None, justification=""),
    )
    answer = dpo.patch(
        f"/api/v1/incidents/{reference}/authority-notification/edpb/",
        {
            "nature": {"cause": "internal_non_malicious"},
            "timeline": {"contained": (sent + timedelta(hours=4)).isoformat(), "discovery": "by_data_subject"},
            "subjects": {"categories": ["students", "minors"], "number": {"kind": "exact", "value": 120}},
            "data": {
                "location": "Hos foreldrene; 176 har bekreftet sletting.",
                "records": {"kind": "exact", "value": 120},
            },
            "cross_border": {"cross_border": "no"},
            "other_authorities": {"police": "no", "other": "no"},
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    measure_add(
        incident=incident,
        by=users["dpo"],
        data=MeasureInput(
            what="Ny rutine for utsending av elevlister.", kind="prevent", owner=users["dpo"], due_on=date(2030, 1, 1)
        ),
    )
    deliver_notices(incident, users["dpo"], count=180, at=now - timedelta(hours=20))
    return Incident.objects.get(pk=incident.pk)


def deliver_notices(incident: Incident, by: User, *, count: int, at: Any) -> None:
    """The notices sent and delivered to every parent, as the sending leaves its rows."""
    from notifications.models import Audience, Delivery, Notice, Recipient

    audience = Audience.objects.create(incident=incident, name="Foreldre", created_by=by)
    notice = Notice.objects.create(incident=incident, audience=audience, language="nb", created_by=by)
    people = Recipient.objects.bulk_create(
        Recipient(incident=incident, audience=audience, name=f"Forelder {n}", email=f"f{n}@example.org", language="nb")
        for n in range(count)
    )
    Delivery.objects.bulk_create(
        Delivery(incident=incident, notice=notice, recipient=p, status=Delivery.Status.SENT, sent_at=at) for p in people
    )


def choose(dpo: Client, incident: Incident, language: str) -> None:
    answer = dpo.post(f"/avvik/{incident.reference}/datatilsynet/sprak/", {"language": language})
    assert answer.status_code == 302


def generated_texts(document: dict[str, Any]) -> list[str]:
    """What Avvik wrote into the document: titles, labels and the values it derived."""
    texts: list[str] = []
    for section in document["sections"]:
        if section["key"] == "contact":
            texts.append(section["title"])
            texts += [f["label"] for f in section["fields"]]
            continue
        texts.append(section["title"])
        for field in section["fields"]:
            texts.append(field["label"])
            if field["key"] not in TYPED:
                texts.append(field["value"])
    return texts


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_document_of_the_realistic_case_is_whole_in_one_language(
    users: dict[str, User], language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case = realistic_case(users)
    dpo = login(Client(), users["dpo"])
    choose(dpo, case, language)
    document = api(users["dpo"]).get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()
    fields = {f["key"]: f for s in document["sections"] for f in s["fields"]}

    # Nothing "unknown" where the case knows it; nothing is missing.
    with translation.override(language):
        unknown_word = unknown()
    assert [k for k, f in fields.items() if unknown_word in f["value"].lower()] == []
    assert document["missing"] == [] and document["gaps"] == []

    # No text in another language: the whole of what Avvik wrote, and each longer piece.
    generated = generated_texts(document)
    whole = "\n".join(generated)
    assert DETECTOR.detect_language_of(whole) == LINGUA[language], whole
    for text in generated:
        for sentence in re.split(r"(?<=\.)\s+|\n", text):
            words = len(sentence.split())
            if words >= 4:
                # English against Norwegian is plain from a few words on.
                assert (DETECTOR.detect_language_of(sentence) == Language.ENGLISH) is (language == "en"), sentence
            if words >= 8 and sentence.endswith("."):
                # Bokmål against nynorsk needs a whole sentence (lists of nouns are often the same).
                assert DETECTOR.detect_language_of(sentence) == LINGUA[language], sentence
    # A control: the bokmål document is not taken for the others.
    if language != "nb":
        with translation.override("nb"):
            assert "Beskrivelse av bruddet" not in whole and "de berørte" not in whole

    consequences = fields["consequences"]["value"]
    assert all(harm in consequences.lower() for harm in HARMS[language]), consequences
    assert "×" not in consequences and "ENISA" not in consequences
    informed = fields["informed"]["value"]
    assert "180" in informed and ("av 180" in informed or "of 180" in informed)
    planned = fields["measures_planned"]["value"]  # typed, with Avvik's word for the due date
    assert {"nb": "(innen ", "nn": "(innan ", "en": "(by "}[language] in planned, planned
    assert fields["main_cause"]["value"] and fields["relation"]["value"] and fields["other_countries"]["value"]
    with capsys.disabled():
        print(f"\n--- {language}: {fields['consequences']['label']} ---\n{consequences}\n")

    # The PDF is in the same language.
    pdf = dpo.get(f"/avvik/{case.reference}/datatilsynet/pdf/")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages))
    assert consequences.split("\n")[0] in text
    assert fields["consequences"]["label"] in text and fields["informed"]["value"] in text


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", "Ja. Sverige, Danmark."), ("nn", "Ja. Sverige, Danmark."), ("en", "Yes. Sweden, Denmark.")],
)
def test_other_countries_are_named_in_words_in_the_documents_language(
    users: dict[str, User], language: str, words: str
) -> None:
    case = realistic_case(users)
    answer = api(users["dpo"]).patch(
        f"/api/v1/incidents/{case.reference}/authority-notification/edpb/",
        {
            "cross_border": {
                "cross_border": "yes",
                "subject_countries": [{"country": "SE", "number": 3}],
                "establishment_countries": ["DK", "SE"],
            }
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    choose(login(Client(), users["dpo"]), case, language)
    document = api(users["dpo"]).get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()
    fields = {f["key"]: f for s in document["sections"] for f in s["fields"]}
    assert fields["other_countries"]["value"] == words
