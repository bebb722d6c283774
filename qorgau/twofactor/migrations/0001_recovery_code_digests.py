"""Recovery codes stored in clear by django-otp's static device are replaced by their digests
(ADR 0039): a code is eight characters, a digest sixteen, so a row already holding a digest is
left as it is and the migration can run twice. The digest is written out here (the form of
``qorgau.twofactor.digests.recovery_code_digest`` when this migration was made), so that a later
change there cannot change what this migration does. There is no way back: the codes are gone."""

from base64 import b32encode

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

SALT = "qorgau.twofactor.recovery-code"


def _digest(code: str) -> str:
    normalised = "".join(code.split()).replace("-", "").lower()
    mac = salted_hmac(SALT, normalised, secret=settings.SECRET_KEY, algorithm="sha256")
    return b32encode(mac.digest()[:10]).decode().lower()


def codes_to_digests(apps, schema_editor):  # type: ignore[no-untyped-def]
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.exclude(token__regex=r"^.{16}$").iterator():
        token.token = _digest(token.token)
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("otp_static", "0003_add_timestamps")]

    operations = [migrations.RunPython(codes_to_digests, migrations.RunPython.noop)]
