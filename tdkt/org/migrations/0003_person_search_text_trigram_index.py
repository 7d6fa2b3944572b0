"""A trigram index for the people search on PostgreSQL (national scale, issue 19).

The search (`core.text.match_words`) asks, for every word, `search_text LIKE 'word%' OR LIKE '% word%'`: a
b-tree cannot serve the second form, so over 1,000,000 people the list walked the whole sort-key index
(1.6 s for a common name). A GIN index with `gin_trgm_ops` serves both forms. Nothing on SQLite.
"""

from django.db import migrations

INDEX = "org_person_search_text_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON org_person USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("org", "0002_person_staff_code_message")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
