"""The table of the ``statistics`` cache (ADR 0015), as ``manage.py createcachetable`` makes it.

Created by the migration so that every database that is migrated has it, tests included."""

from django.core.management.commands.createcachetable import Command
from django.db import migrations

TABLE = "statistics_figures_cache"


def create(apps, schema_editor):
    command = Command()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("statistics", "0003_one_status_period_index")]

    operations = [migrations.RunPython(create, drop)]
