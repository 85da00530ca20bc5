"""On PostgreSQL, the check that each person's case exists runs once per statement instead of
once per row.

A foreign key checks each inserted row by a query of its own (about 6 µs): for an imported
list of a million people that is most of the database's work. Here the foreign key from
notifications_recipient to incidents_incident is replaced by triggers that keep the same
promise: no person on a list without a case, and no case deleted while people remain on
its list. After each INSERT the distinct cases of the new rows are looked up once and locked
``FOR KEY SHARE`` until commit, as the foreign key locks them; a row moved to another case
is checked the same way; after a DELETE of cases, none may still have people. The checks
run at the end of each statement, not at commit: Avvik never writes a person before the
case. Case ids never change, so an UPDATE of incidents_incident is not watched.

SQLite keeps its foreign key (per-row checks cost little there, and a table that SQLite's
schema editor rebuilds would lose triggers). Django's migration state keeps the foreign key
on both: a later change of the field that re-adds it on PostgreSQL is caught by
tests/integration/test_recipient_case_guard.py."""

from django.db import migrations

FORWARD = """
DO $$
DECLARE
    found text;
BEGIN
    SELECT conname INTO found FROM pg_constraint
    WHERE conrelid = 'notifications_recipient'::regclass AND contype = 'f'
      AND confrelid = 'incidents_incident'::regclass;
    IF found IS NOT NULL THEN
        EXECUTE format('ALTER TABLE notifications_recipient DROP CONSTRAINT %I', found);
    END IF;
END $$;

CREATE FUNCTION avvik_recipient_cases_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    case_id bigint;
BEGIN
    FOR case_id IN SELECT DISTINCT incident_id FROM written LOOP
        PERFORM 1 FROM incidents_incident WHERE id = case_id FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE foreign_key_violation
                USING MESSAGE = format('notifications_recipient: case %s does not exist', case_id);
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION avvik_recipient_case_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM incidents_incident WHERE id = NEW.incident_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE foreign_key_violation
            USING MESSAGE = format('notifications_recipient: case %s does not exist', NEW.incident_id);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION avvik_cases_without_recipients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM notifications_recipient r JOIN removed c ON r.incident_id = c.id) THEN
        RAISE foreign_key_violation
            USING MESSAGE = 'incidents_incident: a case deleted still has people on its list';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER recipient_cases_exist AFTER INSERT ON notifications_recipient
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION avvik_recipient_cases_exist();
CREATE TRIGGER recipient_case_exists AFTER UPDATE OF incident_id ON notifications_recipient
    FOR EACH ROW WHEN (OLD.incident_id IS DISTINCT FROM NEW.incident_id)
    EXECUTE FUNCTION avvik_recipient_case_exists();
CREATE TRIGGER cases_without_recipients AFTER DELETE ON incidents_incident
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION avvik_cases_without_recipients();
"""

BACKWARD = """
DROP TRIGGER cases_without_recipients ON incidents_incident;
DROP TRIGGER recipient_case_exists ON notifications_recipient;
DROP TRIGGER recipient_cases_exist ON notifications_recipient;
DROP FUNCTION avvik_cases_without_recipients();
DROP FUNCTION avvik_recipient_case_exists();
DROP FUNCTION avvik_recipient_cases_exist();
ALTER TABLE notifications_recipient ADD CONSTRAINT notifications_recipi_incident_id_6aac7692_fk_incidents
    FOREIGN KEY (incident_id) REFERENCES incidents_incident (id) DEFERRABLE INITIALLY DEFERRED;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)  # no placeholders: %I and %s are format()'s


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0012_reminder_case_index_in_unique"),
        ("notifications", "0008_recipient_fewer_index_writes"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
