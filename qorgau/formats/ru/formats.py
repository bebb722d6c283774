# Russian dates as Django writes them ("2 декабря 2026 г."), with a comma before the time like the
# other languages; everything else falls through to Django's own "ru" module.
# See docs/adr/0012-dates-and-numbers.md.
DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i"
YEAR_MONTH_FORMAT = "F Y г."
