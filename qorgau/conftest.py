"""Shared test fixtures: the organisations and personas every access test is written against,
one fixture each, as ``qorgau/organisations/tests/personas.py`` defines them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core import serializers
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_organisation, persona_user
from qorgau.people.models import Person
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input
from qorgau.twofactor.tests.helpers import verified_login

APPEND_ONLY = ("audit_accesslog", "audit_securityevent")
_postgres_flush = PostgresOperations.sql_flush


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test databases as migrated, except that on PostgreSQL the audit tables may be
    emptied with TRUNCATE: pytest-django empties every table that way after each transactional
    test. UPDATE and DELETE stay refused (docs/adr/0034-append-only-audit-trail.md);
    ``audit/tests/test_append_only.py`` turns the TRUNCATE trigger on again to prove it."""
    BaseDatabaseCreation.deserialize_db_from_string = _deserialize_in_bulk  # type: ignore[method-assign]
    PostgresOperations.sql_flush = _flush_with_delete  # type: ignore[method-assign,assignment]
    with django_db_blocker.unblock():
        for alias in connections:
            with connections[alias].cursor() as cursor:
                if connections[alias].vendor == "postgresql":
                    for table in APPEND_ONLY:
                        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_truncate")
            if _in_memory_sqlite(connections[alias]):
                # Copied once per worker, as the migrations left it, for _deserialize_in_bulk.
                _MIGRATED[alias] = sqlite3.connect(":memory:", check_same_thread=False)
                connections[alias].connection.backup(_MIGRATED[alias])


# The in-memory SQLite test databases as the migrations left them (schema, rows, sequences).
_MIGRATED: dict[str, sqlite3.Connection] = {}


def _in_memory_sqlite(wrapper: BaseDatabaseWrapper) -> bool:
    return isinstance(wrapper, SQLiteDatabaseWrapper) and wrapper.is_in_memory_db()


def _deserialize_in_bulk(self: BaseDatabaseCreation, data: str) -> None:
    """Django's ``deserialize_db_from_string`` (the rows the migrations made, put back after
    each transactional test with ``serialized_rollback``), with one INSERT per table instead of
    an UPDATE and an INSERT per row: about a thousand rows, 1.7 s a test on PostgreSQL before.
    The tables hold either nothing (flushed after a transactional test) or the migrations' rows
    (a worker's first test), so a row already there is the same row. Constraints are checked
    at the end, as Django does."""
    alias = self.connection.alias
    if alias in _MIGRATED and _in_memory_sqlite(self.connection):
        # On SQLite in memory (the SQLite pass, where the browser tests run), the copy made
        # after the migrations is put back whole with SQLite's backup API instead: the same
        # rows and the sequences as the migrations left them, and about a second less for
        # each browser test (setup and the next flush) measured on a loaded 2-core machine.
        self.connection.ensure_connection()
        _MIGRATED[alias].backup(self.connection.connection)
        return
    rows: dict[type[Model], list[Any]] = {}
    with transaction.atomic(using=alias):
        with self.connection.constraint_checks_disabled():
            for item in serializers.deserialize("json", StringIO(data), using=alias):
                rows.setdefault(type(item.object), []).append(item)
            for model, items in rows.items():
                if model._meta.parents or any(item.m2m_data for item in items):
                    for item in items:  # bulk_create cannot write these
                        item.save(using=alias)
                else:
                    # The first test of a worker finds the rows the migrations made.
                    manager = model._base_manager.using(alias)
                    manager.bulk_create([item.object for item in items], ignore_conflicts=True)
        self.connection.check_constraints(table_names=[model._meta.db_table for model in rows])


def _flush_with_delete(
    self: PostgresOperations,
    style: Any,
    tables: list[str],
    *,
    reset_sequences: bool = False,
    allow_cascade: bool = False,
) -> list[str]:
    """PostgreSQL's flush between transactional tests as ``DELETE`` per table (0.2 s for a test
    database's few rows, where one ``TRUNCATE`` of every table takes about a second); the
    foreign keys are deferred, so the order does not matter inside the flush's transaction.
    The append-only audit tables refuse DELETE and are still truncated."""
    if reset_sequences or not tables:
        return _postgres_flush(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    kept = [table for table in tables if table not in APPEND_ONLY]
    appended = [table for table in tables if table in APPEND_ONLY]
    statements = [f"DELETE FROM {self.quote_name(table)};" for table in kept]  # noqa: S608
    return statements + _postgres_flush(self, style, appended, allow_cascade=allow_cascade)


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
def tables_as_new(db: None) -> Callable[..., None]:
    """``tables_as_new(Person, …)`` empties the models' tables (and those that refer to them) as
    a new database's are, for a test that asks PostgreSQL's planner which index it would use.
    Earlier tests leave dead rows and index pages behind them (rolled-back inserts, the flush's
    DELETE), and on a few rows the planner's choice between two indexes follows those sizes, so
    a plan test passed or failed with the tests that ran before it. Truncated inside the test's
    transaction, so the rollback puts everything back. SQLite plans from its own statistics
    (``ANALYZE``): nothing to do there."""

    def empty(*models: type[Model]) -> None:
        if connection.vendor != "postgresql":
            return
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} CASCADE")

    return empty


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
