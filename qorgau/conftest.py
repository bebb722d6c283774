"""Shared test fixtures: the organisations and personas every access test is written against,
one fixture each, as ``qorgau/organisations/tests/personas.py`` defines them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_organisation, persona_user
from qorgau.people.models import Person
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input
from qorgau.twofactor.tests.helpers import verified_login


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test databases as migrated, except that on PostgreSQL the audit tables may be
    emptied with TRUNCATE: pytest-django empties every table that way after each transactional
    test. UPDATE and DELETE stay refused (docs/adr/0034-append-only-audit-trail.md);
    ``audit/tests/test_append_only.py`` turns the TRUNCATE trigger on again to prove it."""
    with django_db_blocker.unblock():
        for alias in connections:
            with connections[alias].cursor() as cursor:
                if connections[alias].vendor == "postgresql":
                    for table in ("audit_accesslog", "audit_securityevent"):
                        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_truncate")


@pytest.fixture(autouse=True)
def _fast_settings(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # WhiteNoise otherwise rescans every static file whenever a test client starts.
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files (signed agreements, imported lists) go to a temporary folder, never the
    checkout."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.IMPORT_FILES_DIR = str(tmp_path_factory.mktemp("imports"))


@pytest.fixture(autouse=True)
def _rate_limits_reset() -> None:
    """The API's rate counts live in the default cache (per process): each test starts with
    none, since user ids recur from test to test."""
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _statistics_cache_emptied(
    request: pytest.FixtureRequest, django_db_blocker: Any
) -> Iterator[None]:
    """The statistics cache is a table no model owns, so a transactional test's flush leaves
    it: emptied after such a test, so that no copy of one test's figures reaches the next."""
    yield
    marker = request.node.get_closest_marker("django_db")
    flushed = marker is not None and bool(marker.kwargs.get("transaction"))
    if flushed or {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            caches["statistics"].clear()


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """Each test starts in the default language: a request in Russian or Kazakh leaves its
    language active in the thread, and a later test on the same worker would read it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def agency(db: None) -> Organisation:
    return persona_organisation("agency")


@pytest.fixture
def agency_kgz(db: None) -> Organisation:
    return persona_organisation("agency_kgz")


@pytest.fixture
def ngo_a_org(db: None) -> Organisation:
    return persona_organisation("ngo_a")


@pytest.fixture
def ngo_b_org(db: None) -> Organisation:
    return persona_organisation("ngo_b")


@pytest.fixture
def government(db: None) -> Organisation:
    return persona_organisation("government")


@pytest.fixture
def clerk(agency: Organisation) -> User:
    return persona_user("clerk", agency)


@pytest.fixture
def ngo_a(ngo_a_org: Organisation) -> User:
    return persona_user("ngo_a", ngo_a_org)


@pytest.fixture
def ngo_b(ngo_b_org: Organisation) -> User:
    return persona_user("ngo_b", ngo_b_org)


@pytest.fixture
def liaison(government: Organisation) -> User:
    return persona_user("liaison", government)


@pytest.fixture
def gov_clerk(government: Organisation) -> User:
    return persona_user("gov_clerk", government)


@pytest.fixture
def stats(agency: Organisation) -> User:
    return persona_user("stats", agency)


@pytest.fixture
def make_person() -> Callable[..., Person]:
    """Register a person through the service, as ``actor`` for ``organisation``."""

    def make(actor: User, organisation: Organisation, **fields: Any) -> Person:
        source_id = fields.pop("source_id", "")
        return person_create(
            actor=actor, organisation=organisation, data=person_input(**fields), source_id=source_id
        )

    return make


@pytest.fixture
def login() -> Callable[[User | None], Client]:
    """A test client logged in as ``user`` (anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            verified_login(client, user)
        return client

    return make


@pytest.fixture
def list_queries() -> Callable[..., tuple[int, int]]:
    """The queries one GET of a list costs with few rows and with many:
    ``few, many = list_queries(client, path, grow=add_rows, **params)`` asks once to warm the
    session and the caches, counts the queries of a second GET, calls ``grow()``, and counts
    again; ``fresh()``, if given, runs before each count (to empty a cache). Every answer must
    be 200. A list whose queries do not grow with its rows has ``few == many``."""

    def count(client: Client, path: str, headers: dict[str, str] | None, params: Any) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, params, headers=headers)
        if response.status_code != 200:
            pytest.fail(f"GET {path}: {response.status_code}")
        return len(captured.captured_queries)

    def compare(
        client: Client,
        path: str,
        *,
        grow: Callable[[], object],
        fresh: Callable[[], object] = lambda: None,
        headers: dict[str, str] | None = None,
        **params: str,
    ) -> tuple[int, int]:
        count(client, path, headers, params)
        fresh()
        few = count(client, path, headers, params)
        grow()
        fresh()
        return few, count(client, path, headers, params)

    return compare
