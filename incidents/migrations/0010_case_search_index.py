"""The full-text index the worklist's and the register's search use on PostgreSQL
(incidents.selectors.search). Created on PostgreSQL only, and kept out of the model's
state on purpose: SQLite has no GIN index, and SQLite rebuilds a table with every index
the model declares whenever a later migration alters it."""

from django.db import migrations

INDEX = "incident_search_idx"


def _index():  # type: ignore[no-untyped-def]
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    # The same expression as incidents.selectors.search.search_vector(), or no index is used.
    return GinIndex(SearchVector("title", "description", config="norwegian"), name=INDEX)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("incidents", "Incident"), _index())


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("incidents", "Incident"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0009_attachments"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
