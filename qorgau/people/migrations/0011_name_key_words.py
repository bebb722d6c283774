"""Every key row carries all its person's keys (``words``), in the search index, so that a
search of several words checks the other words on the rows it walks (ADR 0014)."""

from django.db import migrations, models

# Rows of people whose keys would not fit keep an empty ``words``: search then looks up their
# keys one by one, as it did for everyone before.
_FILL = {
    "postgresql": [
        """
        UPDATE people_personnamekey AS k SET words = s.words
        FROM (
            SELECT person_id, ' ' || string_agg(key, ' ' ORDER BY key) || ' ' AS words
            FROM people_personnamekey GROUP BY person_id
        ) AS s
        WHERE k.person_id = s.person_id AND length(s.words) <= 1000
        """
    ],
    "sqlite": [
        """
        UPDATE people_personnamekey SET words = (
            SELECT ' ' || group_concat(key, ' ') || ' ' FROM people_personnamekey AS k
            WHERE k.person_id = people_personnamekey.person_id
        )
        """,
        "UPDATE people_personnamekey SET words = '' WHERE length(words) > 1000",
    ],
}


def fill_words(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in _FILL.get(schema_editor.connection.vendor, []):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0010_name_key_index_plain"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="personnamekey",
            name="name_key_person",
        ),
        migrations.AddField(
            model_name="personnamekey",
            name="words",
            field=models.CharField(blank=True, default="", max_length=1000),
        ),
        migrations.RunPython(fill_words, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="personnamekey",
            index=models.Index(fields=["key", "person", "words"], name="name_key_person"),
        ),
    ]
