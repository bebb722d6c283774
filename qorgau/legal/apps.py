from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "qorgau.legal"
    verbose_name = _("Legal standards")

    def ready(self) -> None:
        from qorgau.legal.services import instruments_sync_after_migrate

        post_migrate.connect(instruments_sync_after_migrate, sender=self)
