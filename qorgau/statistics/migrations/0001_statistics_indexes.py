"""Covering indexes for figures as of a date (bench/stats.py: 1,000,000 people).

The stock query walks the status periods in force by (status, effective_to, effective_from)
and reads ``person_id`` from the same index; the person's country office, merge pointer and
origin then come from a narrow index on the person's id instead of the wide person row. They
are plain SQL (the same on SQLite and PostgreSQL) and live here, not in the people models,
because only statistics needs them.
"""

from django.db import migrations

INDEXES = {
    "statistics_period_in_force": (
        "people_legalstatusperiod",
        "status, effective_to, effective_from, person_id",
    ),
    "statistics_person_key": (
        "people_person",
        "id, country_office_id, merged_into_id, origin_country_id",
    ),
}


class Migration(migrations.Migration):
    dependencies = [("people", "0005_person_merged_into")]

    operations = [
        *(
            migrations.RunSQL(
                sql=f"CREATE INDEX {name} ON {table} ({columns})",
                reverse_sql=f"DROP INDEX {name}",
            )
            for name, (table, columns) in INDEXES.items()
        ),
        # SQLite's planner uses the covering indexes only once it has statistics on them.
        *(
            migrations.RunSQL(sql=f"ANALYZE {table}", reverse_sql=migrations.RunSQL.noop)
            for table, _ in INDEXES.values()
        ),
    ]
