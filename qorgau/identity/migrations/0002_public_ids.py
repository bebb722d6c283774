# Opaque ids for candidate pairs and decisions (used in URLs), in three steps as Django's
# "Migrations that add unique fields" describes: add nullable, fill, then make unique.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('identity', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='candidate',
            name='public_id',
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalpairdecision',
            name='public_id',
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='pairdecision',
            name='public_id',
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
