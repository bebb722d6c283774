"""A small client for the KoboToolbox v2 API: the submissions of one form (asset), page by
page (``next``), from a given submission time on.

The standard library's ``urllib`` is enough for three GET requests a thousand submissions: no
HTTP library is added for it. The token goes in an *unredirected* header, so a redirect never
carries it to another address, and a ``next`` page on another host than the server's is
refused rather than followed.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

from qorgau.errors import Invalid
from qorgau.imports import errors

#: Submissions asked for per page (KoboToolbox serves at most 1,000 per page).
PAGE_SIZE = 1000


def kobo_server_check(server: str) -> str:
    """The server's address without a trailing slash; refuses anything but http(s)."""
    parts = urllib.parse.urlsplit(server.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid(errors.KOBO_BAD_URL, code="kobo_bad_url", params={"url": server[:200]})
    return server.strip().rstrip("/")


def kobo_first_page(server: str, asset: str, since: str) -> str:
    """The address of the first page: submissions oldest first, from ``since`` on (inclusive,
    so none that arrived in the same second as the last one pulled is missed; a submission
    pulled twice changes nothing, imports being keyed by its ``_uuid``)."""
    query: dict[str, str] = {
        "format": "json",
        "limit": str(PAGE_SIZE),
        "sort": json.dumps({"_submission_time": 1}),
    }
    if since:
        query["query"] = json.dumps({"_submission_time": {"$gte": since}})
    path = f"/api/v2/assets/{urllib.parse.quote(asset, safe='')}/data/"
    return f"{server}{path}?{urllib.parse.urlencode(query)}"


def kobo_submissions(
    *, server: str, asset: str, token: str, since: str, timeout: float
) -> Iterator[dict[str, Any]]:
    """Every submission of ``asset`` from ``since`` on, page after page. Raises ``Invalid``
    with a translated message for a refused token (401/403), an unknown asset (404), another
    error status, a server that cannot be reached or times out, and an answer that is not
    KoboToolbox's list of submissions."""
    host = urllib.parse.urlsplit(server).netloc
    url: str | None = kobo_first_page(server, asset, since)
    while url:
        if urllib.parse.urlsplit(url).netloc != host:
            raise Invalid(errors.KOBO_OTHER_HOST, code="kobo_other_host", params={"url": url})
        page = _get(url, token, asset, timeout)
        results = page.get("results") if isinstance(page, dict) else None
        if not isinstance(results, list):
            raise Invalid(errors.KOBO_BAD_ANSWER, code="kobo_bad_answer")
        for submission in results:
            # A server that ignores ``query`` sends everything: keep only the new ones.
            if not isinstance(submission, dict):
                raise Invalid(errors.KOBO_BAD_ANSWER, code="kobo_bad_answer")
            if not since or str(submission.get("_submission_time", "")) >= since:
                yield submission
        following = page.get("next")
        url = following if isinstance(following, str) and following else None


def _get(url: str, token: str, asset: str, timeout: float) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    request.add_unredirected_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            return json.load(answer)
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            raise Invalid(
                errors.KOBO_UNAUTHORISED, code="kobo_unauthorised", params={"status": error.code}
            ) from None
        if error.code == 404:
            raise Invalid(
                errors.KOBO_NOT_FOUND, code="kobo_not_found", params={"asset": asset}
            ) from None
        raise Invalid(
            errors.KOBO_FAILED, code="kobo_failed", params={"status": error.code}
        ) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        detail = "timeout" if isinstance(reason, TimeoutError) else type(reason).__name__
        raise Invalid(
            errors.KOBO_UNREACHABLE, code="kobo_unreachable", params={"detail": detail}
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise Invalid(errors.KOBO_BAD_ANSWER, code="kobo_bad_answer") from None
