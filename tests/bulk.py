"""Many cases straight into the tables, for query-count tests and benchmarks (the services
that create cases one by one are tested elsewhere)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from incidents.models import Assessment, AuthoritySubmission, Incident
from incidents.workflow import State

STATES = [s for s in State.values]


def bulk_cases(reporter: Any, count: int, *, now: datetime | None = None, decided_by: Any = None) -> list[Incident]:
    """``count`` cases spread over states and the last year; every fifth concluded, every
    tenth with a submission to Datatilsynet."""
    now = now or timezone.now()
    start = Incident.objects.count()
    rows = []
    for i in range(start + 1, start + count + 1):
        reported_at = now - timedelta(hours=i % 8000)
        rows.append(
            Incident(
                reference=f"AVVIK-{reported_at.year}-{100000 + i}",
                year=reported_at.year,
                number=100000 + i,
                title=f"Sak {i}",
                description="Testsak",
                discovered_at=reported_at,
                reported_at=reported_at,
                reported_by=reporter,
                aware_at=reported_at,
                authority_deadline=reported_at + timedelta(hours=72),
                breach_types=["confidentiality"],
                data_categories=["basic"],
                state=STATES[i % len(STATES)],
            )
        )
    cases = Incident.objects.bulk_create(rows, batch_size=2000)
    if decided_by is not None:
        Assessment.objects.bulk_create(
            [
                Assessment(
                    incident=c,
                    version=1,
                    facts={"breach_types": ["confidentiality"], "data_categories": ["basic"]},
                    notify_authority=True,
                    notify_data_subjects=False,
                    justification="Vurdert",
                    concluded_at=c.reported_at + timedelta(hours=2),
                    concluded_by=decided_by,
                )
                for c in cases[::5]
            ],
            batch_size=2000,
        )
        Incident.objects.filter(pk__in=[c.pk for c in cases[::5]]).update(authority_required=True)
        for c in cases[::10]:
            c.authority_notified_at = c.reported_at + timedelta(hours=30)
            c.authority_notified_late = False
        Incident.objects.bulk_update(cases[::10], ["authority_notified_at", "authority_notified_late"], batch_size=2000)
        AuthoritySubmission.objects.bulk_create(
            [
                AuthoritySubmission(
                    incident=c,
                    submitted_at=c.reported_at + timedelta(hours=30),
                    deadline_at_submission=c.authority_deadline,
                    recorded_by=decided_by,
                )
                for c in cases[::10]
            ],
            batch_size=2000,
        )
    return cases
