# The audit trail records what is done beside the case row, and the DPO can tell the
# reporter what they choose (#14).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0004_filed_submission_document"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalincident",
            name="reporter_message",
            field=models.TextField(blank=True, max_length=10000, verbose_name="melding til melderen"),
        ),
        migrations.AddField(
            model_name="incident",
            name="reporter_message",
            field=models.TextField(blank=True, max_length=10000, verbose_name="melding til melderen"),
        ),
        migrations.CreateModel(
            name="CaseEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                ("details", models.JSONField(blank=True, default=dict)),
                ("text", models.TextField(blank=True)),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "incident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="events", to="incidents.incident"
                    ),
                ),
            ],
            options={
                "verbose_name": "hendelse i saken",
                "verbose_name_plural": "hendelser i saken",
                "ordering": ("at", "pk"),
                "indexes": [models.Index(fields=["incident", "at"], name="case_event_incident_at_idx")],
            },
        ),
    ]
