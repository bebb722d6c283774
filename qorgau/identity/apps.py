from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "qorgau.identity"
    verbose_name = _("Identity resolution")

    def ready(self) -> None:
        # The person page's merges (people may not import identity).
        from qorgau.identity.selectors import person_merges, person_merges_shown
        from qorgau.people.page import person_page_section_register

        person_page_section_register(
            "merges",
            lambda user, person, _language: person_merges(user, person),
            shown=person_merges_shown,
        )
