"""Every key row carries its person's registering organisation, in an index of its own, so that
a user who sees only their organisation's people walks only their keys (ADR 0014)."""

import django.db.models.deletion
from django.db import migrations, models

_FILL = {
    "postgresql": """
        UPDATE people_personnamekey AS k SET registered_by_id = p.registered_by_id
        FROM people_person AS p WHERE p.id = k.person_id
    """,
    "sqlite": """
        UPDATE people_personnamekey SET registered_by_id = (
            SELECT registered_by_id FROM people_person WHERE id = people_personnamekey.person_id
        )
    """,
}


def fill_registrant(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_FILL[vendor])
        if vendor == "postgresql":
            # Check the new foreign keys now: PostgreSQL refuses to alter a table with checks
            # still pending in the transaction ("pending trigger events").
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("people", "0011_name_key_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="personnamekey",
            name="registered_by",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.organisation",
            ),
        ),
        migrations.RunPython(fill_registrant, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="personnamekey",
            name="registered_by",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="personnamekey",
            index=models.Index(
                fields=["registered_by", "key", "person", "words"], name="name_key_registrant"
            ),
        ),
    ]
