from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "qorgau.exports"
    verbose_name = _("Exports")
