# Each existing membership gets its own opaque id (used in the organisation page's URLs), then
# the id becomes unique: Django's "Migrations that add unique fields", as procedures 0002-0004.

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Membership = apps.get_model('organisations', 'Membership')
    rows = list(Membership.objects.only('pk'))
    for row in rows:
        row.public_id = uuid.uuid4()
    Membership.objects.bulk_update(rows, ['public_id'], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0003_membership_history'),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='membership',
            name='public_id',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name='historicalmembership',
            name='public_id',
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
