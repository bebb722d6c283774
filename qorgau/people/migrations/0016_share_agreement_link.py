"""Link each share made with a free-text agreement reference to the agreement record of that
reference with the same receiving organisation (ADR 0056); the others keep their text and are
shown as "legacy"."""

from django.db import migrations


def link(apps, schema_editor):
    Share = apps.get_model("people", "Share")
    Agreement = apps.get_model("partners", "Agreement")
    records = {(a.reference, a.recipient_id): a.pk for a in Agreement.objects.all()}
    for share in Share.objects.filter(agreement_record__isnull=True).iterator():
        found = records.get((share.agreement.strip(), share.organisation_id))
        if found is not None:
            Share.objects.filter(pk=share.pk).update(agreement_record_id=found)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0015_share_agreement_record"),
        ("partners", "0003_agreement_end"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
