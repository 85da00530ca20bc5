import django.db.models.deletion
from django.db import migrations, models

# The index Django made for the foreign key, by the name it gave it on both databases. Only
# the index goes: AlterField would also drop and re-add the foreign key, checking it again
# over the whole table of reminders.
INDEX = "incidents_reminder_incident_id_9047aa3f"


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0011_worklist_by_state_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="reminder",
                    name="incident",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="incidents.incident",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "incidents_reminder" ("incident_id")',
                ),
            ],
        ),
    ]
