"""Django's own user-facing strings that its kk and ru catalogues lack or that Qorgau words
differently. Marking them here keeps them in Qorgau's catalogues (``make messages``), whose
translations Django then finds first."""

from django.utils.translation import gettext_noop, pgettext_lazy

MISSING_FROM_DJANGO = (
    gettext_noop("- Select an option -"),  # BLANK_CHOICE_LABEL of model fields' empty choice
    # django-simple-history's change types, shown in a person's change history (no kk catalogue)
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
)

# The month names of the "E" date format (DATE_FORMAT of every language, see
# docs/adr/0012-dates-and-numbers.md). Django's kk catalogue capitalises them ("2 Желтоқсан");
# Kazakh writes month names in lower case ("2026 ж. 2 желтоқсан"). The ru entries repeat
# Django's genitive forms ("2 декабря").
MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
