"""Django's own user-facing strings that its kk and ru catalogues lack or that Qorgau words
differently. Marking them here keeps them in Qorgau's catalogues (``make messages``), whose
translations Django then finds first."""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

MISSING_FROM_DJANGO = (
    gettext_noop("- Select an option -"),  # BLANK_CHOICE_LABEL of model fields' empty choice
    # django-simple-history's change types, shown in a person's change history (no kk catalogue)
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    # The password validators' messages and help texts (the change-password page; no kk)
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Enter the same password as before, for verification."),
)
PASSWORD_LENGTH = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        12,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        12,
    ),
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
