"""``at`` is the time of the read, set by the caller, instead of ``auto_now_add`` (the rows are
written in batches, up to a second later: docs/adr/0016). A Python default only: the column is
unchanged, so nothing is done to the database (SQLite would otherwise copy the whole table)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslog",
                    name="at",
                    field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
            ],
            database_operations=[],
        ),
    ]
