# Russian dates without the abbreviation "г." after the year ("2 декабря 2026"), with a comma
# before the time like the other languages; everything else falls through to Django's own "ru"
# module. Django writes "2 декабря 2026 г.": a sentence ending with such a date then ended in
# "г.." (the abbreviation's full stop and the sentence's). See docs/adr/0012-dates-and-numbers.md.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
