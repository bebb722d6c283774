"""One index on the status periods for figures as of a date and for flows.

``people.0007`` adds the person to the (status, effective_from, effective_to) index, so that
stocks and flows both read that index alone; the covering index of ``0001`` (status,
effective_to, effective_from, person_id) is then not needed and is dropped: one index fewer to
maintain on every insert (bench/stats.py and ADR 0028 have the measurements). SQLite's planner
uses the new index only once it has statistics on it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_status_period_index_with_person"),
        ("statistics", "0002_factsheet"),
    ]

    operations = [
        migrations.RunSQL(
            sql="DROP INDEX statistics_period_in_force",
            reverse_sql="CREATE INDEX statistics_period_in_force ON people_legalstatusperiod "
            "(status, effective_to, effective_from, person_id)",
        ),
        migrations.RunSQL(
            sql="ANALYZE people_legalstatusperiod", reverse_sql=migrations.RunSQL.noop
        ),
    ]
