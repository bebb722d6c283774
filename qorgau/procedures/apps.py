from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "qorgau.procedures"
    verbose_name = _("Procedures")

    def ready(self) -> None:
        # A broken definition file stops start-up with a message naming file, line and problem.
        from qorgau.procedures.registry import definitions

        definitions()
