# Each existing pair and decision gets its own id; a decision's history rows get the
# decision's id.

import uuid

from django.db import migrations


def fill(apps, schema_editor):
    Candidate = apps.get_model('identity', 'Candidate')
    PairDecision = apps.get_model('identity', 'PairDecision')
    HistoricalPairDecision = apps.get_model('identity', 'HistoricalPairDecision')
    for model in (Candidate, PairDecision):
        rows = list(model.objects.only('pk'))
        for row in rows:
            row.public_id = uuid.uuid4()
        model.objects.bulk_update(rows, ['public_id'], batch_size=2000)
    ids = dict(PairDecision.objects.values_list('pk', 'public_id'))
    history = list(HistoricalPairDecision.objects.only('history_id', 'id'))
    for row in history:
        row.public_id = ids.get(row.id) or uuid.uuid4()
    HistoricalPairDecision.objects.bulk_update(history, ['public_id'], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('identity', '0002_public_ids'),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
