# Each existing case access grant gets its own id; its history rows get the grant's id.

import uuid

from django.db import migrations


def fill(apps, schema_editor):
    CaseAccess = apps.get_model('procedures', 'CaseAccess')
    HistoricalCaseAccess = apps.get_model('procedures', 'HistoricalCaseAccess')
    rows = list(CaseAccess.objects.only('pk'))
    for row in rows:
        row.public_id = uuid.uuid4()
    CaseAccess.objects.bulk_update(rows, ['public_id'], batch_size=2000)
    ids = dict(CaseAccess.objects.values_list('pk', 'public_id'))
    history = list(HistoricalCaseAccess.objects.only('history_id', 'id'))
    for row in history:
        row.public_id = ids.get(row.id) or uuid.uuid4()
    HistoricalCaseAccess.objects.bulk_update(history, ['public_id'], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('procedures', '0002_access_public_id'),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
