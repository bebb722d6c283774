"""Pulling from a KoboToolbox server (a fake one on 127.0.0.1, in a thread): every page, only
the submissions since the last pull, the token from the setting, a translated refusal for
401, 404, an unreachable or slow server, and nothing stored on any of them."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from qorgau.errors import Invalid, NotAllowed
from qorgau.imports import errors
from qorgau.imports.models import ImportMapping, ImportRun, KoboPull
from qorgau.imports.readers import MEMBER, SUBMISSION
from qorgau.imports.services.kobo import kobo_pull
from qorgau.imports.services.mappings import mapping_save
from qorgau.people.models import Person

ASSET = "aKoboForm1"
TOKEN = "test-token-not-a-secret"
COLUMNS = {
    MEMBER: "source_id",
    SUBMISSION: "household_id",
    "hh/region": "region",
    "hh/members/family_name": "family_name",
    "hh/members/given_name": "given_name",
    "hh/members/sex": "sex",
    "hh/members/birth_date": "birth_date",
    "hh/members/relationship": "relationship",
}


def _submission(number: int, time: str) -> dict[str, Any]:
    """A household of two (synthetic names)."""
    family = ["Сейітов", "Омаров", "Ахметов", "Беков"][number % 4]
    return {
        "_id": number,
        "_uuid": f"uuid-{number}",
        "_submission_time": time,
        "hh/region": "KZ-75",
        "hh/members": [
            {
                "hh/members/family_name": family,
                "hh/members/given_name": "Ерлан",
                "hh/members/sex": "male",
                "hh/members/birth_date": f"19{60 + number}-01-02",
                "hh/members/relationship": "principal",
            },
            {
                "hh/members/family_name": family + "а",
                "hh/members/given_name": "Дана",
                "hh/members/sex": "female",
                "hh/members/birth_date": "2010",
                "hh/members/relationship": "daughter",
            },
        ],
    }


class FakeKobo:
    """Serves ``/api/v2/assets/<ASSET>/data/`` two submissions a page, honouring ``query``
    (``_submission_time`` ``$gte``) as KoboToolbox does; ``status`` forces an error answer,
    ``stall`` an answer that never comes in time."""

    def __init__(self) -> None:
        self.submissions = [
            _submission(1, "2026-11-01T09:00:00"),
            _submission(2, "2026-11-02T09:00:00"),
            _submission(3, "2026-11-03T09:00:00"),
        ]
        self.requests: list[tuple[str, dict[str, str], str]] = []
        self.status = 200
        self.next_host = ""
        self.stalls = False
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.answer(self)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(handler.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        self.requests.append((parts.path, query, handler.headers.get("Authorization", "")))
        if self.stalls:
            self.release.wait(2)
        if handler.headers.get("Authorization") != f"Token {TOKEN}":
            return self._send(handler, 401, {"detail": "Invalid token."})
        if parts.path != f"/api/v2/assets/{ASSET}/data/":
            return self._send(handler, 404, {"detail": "Not found."})
        if self.status != 200:
            return self._send(handler, self.status, {"detail": "error"})
        since = json.loads(query.get("query", "{}")).get("_submission_time", {}).get("$gte", "")
        found = [s for s in self.submissions if s["_submission_time"] >= since]
        start = int(query.get("start", "0"))
        page = found[start : start + 2]
        following = None
        if start + 2 < len(found):
            rest = urllib.parse.urlencode({**query, "start": str(start + 2)})
            following = f"{self.next_host or self.url}{parts.path}?{rest}"
        return self._send(handler, 200, {"count": len(found), "next": following, "results": page})

    def _send(self, handler: BaseHTTPRequestHandler, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


@pytest.fixture
def kobo(settings: Any) -> Iterator[FakeKobo]:
    settings.KOBO_TOKEN = TOKEN
    fake = FakeKobo()
    yield fake
    fake.release.set()
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def kobo_mapping(ngo_a, ngo_a_org) -> ImportMapping:
    return mapping_save(actor=ngo_a, organisation=ngo_a_org, name="kobo", columns=COLUMNS)


def _pull(kobo: FakeKobo, actor: Any, organisation: Any, **options: Any) -> Any:
    return kobo_pull(
        actor=actor,
        organisation=organisation,
        server=kobo.url,
        asset=ASSET,
        mapping_name="kobo",
        **options,
    )


def test_it_pulls_every_page_then_only_the_new_submissions(kobo, kobo_mapping, ngo_a, ngo_a_org):
    first = _pull(kobo, ngo_a, ngo_a_org)
    assert (first.submissions, first.since) == (3, "")
    assert first.imported.run.created == 6
    assert len(kobo.requests) == 2  # two pages
    assert all(auth == f"Token {TOKEN}" for _path, _query, auth in kobo.requests)
    people = Person.objects.filter(registered_by=ngo_a_org)
    assert people.get(source_id="uuid-3-1").household.source_id == "uuid-3"
    mark = KoboPull.objects.get()
    assert (mark.asset, mark.last_submission_time) == (ASSET, "2026-11-03T09:00:00")
    assert mark.last_run == first.imported.run

    kobo.submissions.append(_submission(4, "2026-11-04T09:00:00"))
    kobo.requests.clear()
    second = _pull(kobo, ngo_a, ngo_a_org)
    (_path, query, _auth) = kobo.requests[0]
    assert json.loads(query["query"]) == {"_submission_time": {"$gte": "2026-11-03T09:00:00"}}
    # The last one pulled comes again (same second), unchanged; the new one is created.
    run = second.imported.run
    assert (second.submissions, run.created, run.unchanged) == (2, 2, 2)
    assert people.count() == 8
    assert KoboPull.objects.get().last_submission_time == "2026-11-04T09:00:00"


def test_it_says_when_nothing_is_new(kobo, kobo_mapping, ngo_a, ngo_a_org):
    kobo.submissions = []
    pulled = _pull(kobo, ngo_a, ngo_a_org)
    assert (pulled.submissions, pulled.imported) == (0, None)
    assert not ImportRun.objects.exists()


def test_it_does_not_remember_a_dry_run(kobo, kobo_mapping, ngo_a, ngo_a_org):
    pulled = _pull(kobo, ngo_a, ngo_a_org, dry_run=True)
    assert pulled.imported.run.state == "checked"
    assert not KoboPull.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        ("bad_token", "kobo_unauthorised", errors.KOBO_UNAUTHORISED),
        ("bad_asset", "kobo_not_found", errors.KOBO_NOT_FOUND),
        ("server_error", "kobo_failed", errors.KOBO_FAILED),
        ("no_token", "kobo_no_token", errors.KOBO_NO_TOKEN),
        ("other_host", "kobo_other_host", errors.KOBO_OTHER_HOST),
        ("stalls", "kobo_unreachable", errors.KOBO_UNREACHABLE),
    ],
)
def test_it_refuses_with_a_translated_message_and_stores_nothing(
    kobo, kobo_mapping, ngo_a, ngo_a_org, settings, setup, code, message
):
    asset = ASSET
    if setup == "bad_token":
        settings.KOBO_TOKEN = "wrong"
    elif setup == "bad_asset":
        asset = "nosuchform"
    elif setup == "server_error":
        kobo.status = 500
    elif setup == "no_token":
        settings.KOBO_TOKEN = ""
    elif setup == "other_host":
        kobo.next_host = "http://localhost:1"
    elif setup == "stalls":
        settings.KOBO_TIMEOUT = 0.2
        kobo.stalls = True
    with pytest.raises(Invalid) as refused:
        kobo_pull(
            actor=ngo_a, organisation=ngo_a_org, server=kobo.url, asset=asset, mapping_name="kobo"
        )
    assert (refused.value.code, refused.value.message) == (code, message)
    with translation.override("ru"):
        russian = str(refused.value)
    with translation.override("en"):
        english = str(refused.value)
    assert russian != english
    assert not Person.objects.exists()
    assert not ImportRun.objects.exists()
    assert not KoboPull.objects.exists()


def test_it_refuses_a_server_it_cannot_reach(kobo_mapping, ngo_a, ngo_a_org, settings):
    settings.KOBO_TOKEN = TOKEN
    fake = FakeKobo()
    url = fake.url
    fake.server.shutdown()
    fake.server.server_close()
    with pytest.raises(Invalid) as refused:
        kobo_pull(actor=ngo_a, organisation=ngo_a_org, server=url, asset=ASSET, mapping_name="kobo")
    assert refused.value.code == "kobo_unreachable"


@pytest.mark.parametrize("server", ["file:///etc/passwd", "ftp://example.org", "kobo"])
def test_it_refuses_what_is_not_a_web_address(kobo_mapping, ngo_a, ngo_a_org, settings, server):
    settings.KOBO_TOKEN = TOKEN
    with pytest.raises(Invalid) as refused:
        kobo_pull(
            actor=ngo_a, organisation=ngo_a_org, server=server, asset=ASSET, mapping_name="kobo"
        )
    assert refused.value.code == "kobo_bad_url"


@pytest.mark.parametrize("persona", ["ngo_b", "liaison", "stats", "anonymous"])
def test_it_refuses_to_pull_for_another_organisation_before_asking_the_server(
    kobo, kobo_mapping, ngo_a_org, persona, request
):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    with pytest.raises(NotAllowed):
        _pull(kobo, user, ngo_a_org)
    assert kobo.requests == []
    assert not Person.objects.exists()
    assert not KoboPull.objects.exists()


def _command(kobo: FakeKobo, user: Any, organisation: Any, *extra: str) -> str:
    """``qorgau import --kobo …`` as ``user``; returns what it printed."""
    out = StringIO()
    options = ["--asset", ASSET, "--organisation", organisation.code, "--mapping", "kobo"]
    call_command(
        "import", *extra, "--kobo", kobo.url, *options, "--user", user.username, stdout=out
    )
    return out.getvalue()


def test_the_command_pulls_with_the_token_from_the_setting(
    kobo, kobo_mapping, ngo_a, ngo_a_org, tmp_path
):
    printed = _command(kobo, ngo_a, ngo_a_org, "--errors", str(tmp_path / "errors.csv"))
    assert "created: 6" in printed
    kobo.submissions = kobo.submissions[-1:]
    kobo.submissions[0]["_submission_time"] = "2026-10-01T00:00:00"  # older: not new
    assert _command(kobo, ngo_a, ngo_a_org).strip() == "No new submissions."


def test_the_command_refuses_a_file_and_a_server_together(kobo, ngo_a, ngo_a_org, tmp_path):
    with pytest.raises(CommandError):
        _command(kobo, ngo_a, ngo_a_org, str(tmp_path / "x.csv"))
