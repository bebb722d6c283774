# English dates as the agency's English documents write them ("2 December 2026", 24-hour clock);
# everything else (input formats, separators) falls through to Django's own "en" module.
# See docs/adr/0012-dates-and-numbers.md.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
