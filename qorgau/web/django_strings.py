"""Django's own user-facing strings that its kk and ru catalogues lack. Marking them here keeps
them in Qorgau's catalogues (``make messages``), whose translations Django then finds first."""

from django.utils.translation import gettext_noop

MISSING_FROM_DJANGO = (
    gettext_noop("- Select an option -"),  # BLANK_CHOICE_LABEL of model fields' empty choice
)
