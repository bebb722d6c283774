"""Search terms in the access log only as keyed hashes (ADR 0034).

The access log keeps the path of each read with its query; a query's values are search terms,
names typed, document numbers. ``logged_path`` is the path as the log keeps it: every value but
those of ``QUERY_KEPT`` replaced by ``query_term_hash``."""

from __future__ import annotations

import hmac
import re
from urllib.parse import parse_qsl, quote

from django.conf import settings

#: Query parameters whose values say nothing about a person (paging, codes chosen from a list);
#: the access log keeps their values. Every other value (a search term, a name typed, a number,
#: a filter) is kept only as its keyed hash (ADR 0034).
QUERY_KEPT = frozenset(
    {
        "page",
        "limit",
        "offset",
        "cursor",
        "ordering",
        "as_of",
        "country",
        "lang",
        "mine",
        "due",
        "procedure",
        "stage",
        "organisation",
        "format",
        "since",
    }
)
_PARAMETER_NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")


def query_term_hash(term: str) -> str:
    """What the access log holds for a query value: a keyed hash (HMAC-SHA256 with the key of
    the document-number hash, for this purpose alone; first 16 hex digits) of the value, spaces
    around it dropped and case folded. Who searched for a given term is found by hashing it
    here; without the key the log's hashes cannot be matched to a dictionary of names or
    numbers."""
    key = settings.DOCUMENT_HASH_KEY or f"document-number:{settings.SECRET_KEY}"
    message = f"access-log-query:{term.strip().casefold()}".encode()
    return "h-" + hmac.digest(key.encode(), message, "sha256").hex()[:16]


def logged_path(path: str, query: str) -> str:
    """The path of a request as the access log keeps it: the query's values hashed but those of
    ``QUERY_KEPT``, and a parameter name that is not a plain lower-case name hashed too (a
    term sent as ``?N18594777``)."""
    if not query:
        return path
    kept = []
    for name, value in parse_qsl(query, keep_blank_values=True):
        if not _PARAMETER_NAME.fullmatch(name):
            name = query_term_hash(name)
        if name not in QUERY_KEPT and value:
            value = query_term_hash(value)
        kept.append(f"{quote(name)}={quote(value)}")
    return f"{path}?{'&'.join(kept)}"
