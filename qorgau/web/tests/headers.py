"""The headers every answer of the persona access matrices must carry (issue 14), asserted by
each matrix on each route × persona it walks, so that a new route is checked the day it gets
its row: ``X-Content-Type-Options: nosniff``, a ``Referrer-Policy`` and a CSP with
``frame-ancestors 'none'`` (with ``X-Frame-Options: DENY`` for older browsers) on every answer,
and ``Cache-Control: no-store`` on every answer that may hold personal data: anything answered to
a signed-in user, and every API answer."""

from __future__ import annotations

from typing import Any

from qorgau.organisations.tests.personas import ANONYMOUS
from qorgau.web.headers import API_PREFIX


def assert_protective_headers(response: Any, *, persona: str, case: str) -> None:
    """``response`` is a test client's answer to ``persona`` on the matrix row ``case``."""
    path = response.request["PATH_INFO"]
    where = f"{case} ({path}) as {persona}: {response.status_code}"
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("Referrer-Policy"), where
    assert "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""), where
    assert response.get("X-Frame-Options") == "DENY", where
    if persona != ANONYMOUS or path.startswith(API_PREFIX):
        cache = response.get("Cache-Control", "")
        assert "no-store" in cache, where
        assert "private" in cache, where
