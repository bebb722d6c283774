import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('identity', '0003_public_ids_fill'),
    ]

    operations = [
        migrations.AlterField(
            model_name='candidate',
            name='public_id',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name='historicalpairdecision',
            name='public_id',
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='pairdecision',
            name='public_id',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
