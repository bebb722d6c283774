from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "qorgau.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        # ``organisations`` sits below ``audit`` and writes its security events through this.
        from qorgau.audit.services import security_event_record
        from qorgau.organisations.services import security_event_writer_register

        security_event_writer_register(security_event_record)
