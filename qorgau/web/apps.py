from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "qorgau.web"
    verbose_name = _("Web interface")

    def ready(self) -> None:
        from qorgau.web.signin import signals_connect

        signals_connect()
