"""The development error page never shows the database password nor other secrets held in the
process environment (issue 14: DEBUG showed ``DATABASE_URL`` unmasked)."""

from __future__ import annotations

import sys

from django.http import HttpRequest
from django.test import RequestFactory
from django.views.debug import ExceptionReporter, get_default_exception_reporter_filter

SECRET = "-".join(
    ["s3cret", "Pa55word", "of", "the", "database"]
)  # joined: the page shows source lines


def _error_page(request: HttpRequest) -> str:
    # The request is built by the caller: this frame's variables are on the page too.
    try:
        raise ValueError("boom")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    return reporter.get_traceback_html()


def test_the_error_page_masks_the_database_url_and_other_secrets() -> None:
    request = RequestFactory().get(
        "/people/",
        DATABASE_URL=f"postgres://qorgau:{SECRET}@db.example/qorgau",
        QORGAU_DOCUMENT_HASH_KEY=SECRET,
        PGPASSWORD=SECRET,
        HTTP_AUTHORIZATION=f"Token {SECRET}",
    )
    page = _error_page(request)

    assert "boom" in page  # the page itself is shown, with its traceback
    assert "DATABASE_URL" in page  # the variable is listed …
    assert SECRET not in page  # … its value is not


def test_the_filter_is_the_one_django_uses() -> None:
    assert type(get_default_exception_reporter_filter()).__module__ == "qorgau.config.reporting"
