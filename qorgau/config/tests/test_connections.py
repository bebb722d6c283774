"""Connections as issue 12 asks: kept between requests (``QORGAU_DB_CONN_MAX_AGE``) and checked
before reuse, and on SQLite a page cache of ``QORGAU_SQLITE_CACHE_MB`` per connection."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


def test_connections_are_kept_and_checked_before_reuse() -> None:
    database = settings.DATABASES["default"]

    assert database["CONN_MAX_AGE"] == settings.CONN_MAX_AGE > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_each_sqlite_connection_has_the_configured_page_cache() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (pages,) = cursor.fetchone()

    assert pages == -settings.SQLITE_CACHE_MB * 1024  # negative: KiB, not pages
