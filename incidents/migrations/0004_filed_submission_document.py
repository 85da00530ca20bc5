# Each filing with Datatilsynet keeps the notification exactly as it was filed (#14).

from django.db import migrations, models


def backfill_documents(apps, schema_editor):
    """Filings made before this field existed get the best record there is: the snapshot of
    the document stored with the filing (``content["document"]``), with the filing's own
    facts and the filings before it. A filing without a snapshot gets the document as it
    stands now, the best available."""
    AuthoritySubmission = apps.get_model("incidents", "AuthoritySubmission")
    previous: dict[int, list[dict]] = {}
    rows = AuthoritySubmission.objects.order_by("incident_id", "submitted_at", "pk")
    for submission in rows.iterator(chunk_size=500):
        earlier = previous.setdefault(submission.incident_id, [])
        content = submission.content or {}
        snapshot = dict(content.get("document") or {})
        if not snapshot:
            snapshot = _current_document(submission.incident_id)
        initial = next((s for s in earlier if s["kind"] == "initial"), None)
        snapshot.update(
            {
                "phased": submission.phased,
                "late_reason": (initial or {}).get("late_reason", "") if initial else submission.late_reason,
                "submissions": list(earlier),
            }
        )
        AuthoritySubmission.objects.filter(pk=submission.pk).update(document=snapshot)
        earlier.append(
            {
                "kind": submission.kind,
                "submitted_at": submission.submitted_at.isoformat(),
                "authority_reference": submission.authority_reference,
                "phased": submission.phased,
                "late_reason": submission.late_reason,
                "late": submission.submitted_at > submission.deadline_at_submission,
                "recorded_at": submission.recorded_at.isoformat(),
                "note": content.get("note", ""),
            }
        )


def _current_document(incident_id: int) -> dict:
    from django.utils import translation

    from incidents.selectors.authority import build_document, document_content
    from incidents.models import Incident

    with translation.override("nb"):
        return document_content(build_document(Incident.objects.get(pk=incident_id)))


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_register_decision_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="authoritysubmission",
            name="document",
            field=models.JSONField(blank=True, default=dict, verbose_name="meldingen slik den ble sendt"),
        ),
        migrations.AddField(
            model_name="historicalauthoritysubmission",
            name="document",
            field=models.JSONField(blank=True, default=dict, verbose_name="meldingen slik den ble sendt"),
        ),
        migrations.RunPython(backfill_documents, migrations.RunPython.noop),
    ]
