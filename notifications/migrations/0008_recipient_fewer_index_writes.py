import django.db.models.deletion
from django.db import migrations, models

# The indexes Django made for the two foreign keys, by the names it gave them on both
# databases. Only the indexes go: AlterField would also drop and re-add each foreign key,
# checking it again over every person on every list.
CASE_INDEX = "notifications_recipient_incident_id_6aac7692"
AUDIENCE_INDEX = "notifications_recipient_audience_id_740896ff"
TABLE = "notifications_recipient"


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0012_reminder_case_index_in_unique"),
        ("notifications", "0007_letter_batch_pdf"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="recipient",
            name="recipient_national_id_unique_per_case",
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="recipient",
                    name="audience",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="recipients",
                        to="notifications.audience",
                    ),
                ),
                migrations.AlterField(
                    model_name="recipient",
                    name="incident",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recipients",
                        to="incidents.incident",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{AUDIENCE_INDEX}"',
                    reverse_sql=f'CREATE INDEX "{AUDIENCE_INDEX}" ON "{TABLE}" ("audience_id")',
                ),
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{CASE_INDEX}"',
                    reverse_sql=f'CREATE INDEX "{CASE_INDEX}" ON "{TABLE}" ("incident_id")',
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="recipient",
            index=models.Index(
                condition=models.Q(("audience__isnull", False)), fields=["audience"], name="recipient_audience_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="recipient",
            constraint=models.UniqueConstraint(
                condition=models.Q(("national_id_key__isnull", False)),
                fields=("incident", "national_id_key"),
                name="recipient_national_id_unique_per_case",
            ),
        ),
    ]
