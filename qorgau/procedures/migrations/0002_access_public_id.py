# Opaque ids for case access grants (used in the revoke URL), in three steps as Django's
# "Migrations that add unique fields" describes: add nullable, fill, then make unique.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('procedures', '0001_cases'),
    ]

    operations = [
        migrations.AddField(
            model_name='caseaccess',
            name='public_id',
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalcaseaccess',
            name='public_id',
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
