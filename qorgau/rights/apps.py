from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "qorgau.rights"
    verbose_name = _("Data-subject rights and retention")

    def ready(self) -> None:
        # The person page's list of the person's data-subject requests (people may not import
        # rights).
        from qorgau.people.page import person_page_section_register
        from qorgau.rights.selectors import person_requests_section

        person_page_section_register("subject_requests", person_requests_section)
