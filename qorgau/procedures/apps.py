from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "qorgau.procedures"
    verbose_name = _("Procedures")

    def ready(self) -> None:
        # A broken definition file stops start-up with a message naming file, line and problem.
        from qorgau.procedures.registry import definitions

        definitions()

        # The person page's list of the person's cases (people may not import procedures).
        from qorgau.people.page import person_page_section_register
        from qorgau.procedures.selectors import person_cases, person_cases_shown

        person_page_section_register("cases", person_cases, shown=person_cases_shown)
