# The contact and the name a person leaves with the hotline are encrypted at rest under the
# document keys (ADR 0059): their columns become text columns holding Fernet tokens (a token of
# 200 characters is longer than 200). The stored values are encrypted by the next migration, apart
# from this one: on PostgreSQL a table cannot be altered in the transaction that updated its rows
# (pending trigger events), which going back would otherwise do.

import qorgau.people.models.encryption
from django.db import migrations


def _field(verbose_name):
    return qorgau.people.models.encryption.EncryptedPersonalField(
        blank=True, max_length=200, verbose_name=verbose_name
    )


class Migration(migrations.Migration):

    dependencies = [
        ('hotline', '0001_hotline'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalticket',
            name='contact_value',
            field=_field('contact'),
        ),
        migrations.AlterField(
            model_name='historicalticket',
            name='name',
            field=_field('name'),
        ),
        migrations.AlterField(
            model_name='ticket',
            name='contact_value',
            field=_field('contact'),
        ),
        migrations.AlterField(
            model_name='ticket',
            name='name',
            field=_field('name'),
        ),
    ]
