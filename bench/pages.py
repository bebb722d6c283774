"""Benchmark: the pages and API calls as users meet them, over HTTP, at 10k, 100k and 1M people.

For each database and size, builds (or reuses) a registry made with ``qorgau generate --persons
N`` plus the demo organisations, users and cases, serves it with ``qorgau serve`` in production
settings, and drives it from this separate process with keep-alive HTTP sessions logged in through
the log-in form, as the agency's registration clerk (who sees the whole country's registry). The
server runs with ``QORGAU_TWO_FACTOR_REQUIRED=false`` (password only, said in the output): the
second step of sign-in is not what is measured.
Prints each figure beside its target (issue 12) and, for the searches and the person read,
beside the floor: the same look-up run raw on the same index through one database connection.

    python bench/pages.py [--sizes 10000 100000 1000000] [--postgres postgres://…]
        [--seconds 60] [--users 20] [--threads 8] [--processes N]

After the pages one at a time: the API person read for 10 s with 1 client and with 10 (the
client is this process on the same machine: the CPU it used, and each server process's, are
printed beside the rate); then twenty clerks log in at the same moment and run two rounds of
searches (half), person pages (a third) and registration checks (the rest), ``--seconds`` each:
**saturation**, without pauses (requests a second and latency with every client flat out: on two
cores that measures the machine's capacity, not what a clerk waits), and **mixed**, the run the
issue's target means: each clerk waits a think time drawn uniformly from 1 to 5 s (mean 3 s)
before each action, the time to read a page and type the next name. Peak memory (``VmHWM``) is
read for each web process: the largest, beside the 500 MB target, and their sum.

``make bench-pages`` runs it on SQLite and on a throw-away PostgreSQL server. A registry is kept
in ``var/bench-pages/`` (SQLite files) or in a database named ``qorgau_pages_<N>`` (PostgreSQL)
and reused by the next run. Timings depend on the load of this shared 2-core machine: the load
average is printed before and after each size.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-pages"
PASSWORD = "steppe-demo-Qorgau-2026"  # noqa: S105 (population/organisations.py: DEMO_PASSWORD)
CLERK = "unhcr-kaz.registration-clerk"
OFFICER = "unhcr-kaz.protection-officer"
VIEWER = "unhcr-kaz.statistics-viewer"

# Targets of issue 12, in milliseconds (p95 unless said otherwise).
TARGETS = {
    "search": 50,
    "person page": 100,
    "case list": 100,
    "case page": 100,
    "reminders": 100,
    "review queue": 100,
    "statistics dashboard": 500,
    "fact sheet": 500,
    "public figures": 500,
    "API search": 50,
    "API person read": 100,
    "registration": 300,
    "mixed, 20 users": 300,
}
MEMORY_TARGET_MB = 500


# The keys of development settings, for a registry built with them (``--development-keys``).
DEVELOPMENT_SECRET = "insecure-development-key-never-use-in-production-qorgau"  # noqa: S105
KEYS = {
    "SECRET_KEY": "bench-pages-secret-key-not-for-production-" + "x" * 20,
    "QORGAU_DOCUMENT_HASH_KEY": "bench-pages-document-hash-key",
    "QORGAU_DOCUMENT_KEYS": "YmVuY2gtcGFnZXMtZG9jdW1lbnQta2V5LTMyLWJ5dGU=",
}


def production_env(database_url: str) -> dict[str, str]:
    """The settings a deployment sets (fixed keys: the registry's encrypted numbers are read
    back by every run), over plain HTTP on loopback."""
    return {
        **os.environ,
        **KEYS,
        "DATABASE_URL": database_url,
        "QORGAU_ENV": "production",
        "ALLOWED_HOSTS": "127.0.0.1",
        "QORGAU_SSL_REDIRECT": "false",
        # The benchmark measures what the server can do, not the per-user rate limit.
        "QORGAU_API_RATE": "1000000/min",
        # The clerks log in with their password only: the benchmark measures the pages, and an
        # authenticator code per simulated clerk would measure the benchmark (printed below).
        "QORGAU_TWO_FACTOR_REQUIRED": "false",
        "QORGAU_STATIC_ROOT": str(VAR / "static"),
        "DJANGO_SETTINGS_MODULE": "qorgau.config.settings",
    }


def qorgau(args: list[str], env: dict[str, str], *, quiet: bool = True) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "qorgau", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"qorgau {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


SETUP = """
from qorgau.population.organisations import demo_users_seed, organisations_seed
from qorgau.population.cases import demo_cases_seed
from qorgau.statistics.services import factsheet_seed
demo_users_seed(organisations_seed())
factsheet_seed()
print(demo_cases_seed("KAZ", 2024))
"""
COUNT = "from qorgau.people.models import Person; print(Person.objects.count())"
# A registry kept from an earlier run may hold the bench's users with another password (made by
# an older `qorgau demo`, or changed by hand): the users this benchmark logs in as get its own.
PASSWORDS = f"""
from qorgau.organisations.models import User
for user in User.objects.filter(username__in={[CLERK, OFFICER, VIEWER]!r}):
    if not user.check_password({PASSWORD!r}):
        user.set_password({PASSWORD!r})
        user.save(update_fields=["password"])
"""


def build(database_url: str, size: int) -> None:
    """A registry of ``size`` generated people with the demo users and cases, once."""
    env = production_env(database_url)
    qorgau(["migrate", "--no-input", "-v", "0"], env)
    have = int(qorgau(["shell", "--no-imports", "-c", COUNT], env).strip())
    if have == 0:
        started = time.perf_counter()
        qorgau(["generate", "--persons", str(size), "--workers", "2"], env)
        qorgau(["shell", "--no-imports", "-c", SETUP], env)
        qorgau(["reminders"], env)
        print(f"  built {size:,} people in {time.perf_counter() - started:.0f} s", flush=True)
    elif have < size:
        sys.exit(f"{database_url} holds {have:,} people, fewer than {size:,}: remove it first.")
    else:
        qorgau(["shell", "--no-imports", "-c", PASSWORDS], env)
    qorgau(["collectstatic", "--no-input", "-v", "0"], env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(database_url: str, threads: int, processes: int = 0) -> Iterator[tuple[str, int]]:
    """``qorgau serve`` on a free port; yields its base URL and process id (with several web
    processes, the id of gunicorn's arbiter, whose children are the web processes)."""
    port = free_port()
    log = (VAR / f"serve-{os.getpid()}.log").open("w+")
    process = subprocess.Popen(  # noqa: S603
        [
            *(sys.executable, "-m", "qorgau", "serve", "--port", str(port)),
            *(["--threads", str(threads)] if threads else []),
            *(["--processes", str(processes)] if processes else []),
        ],
        cwd=ROOT,
        env=production_env(database_url),
        stdout=subprocess.DEVNULL,
        # To a file, not a pipe nobody reads while the server runs (a full pipe would stop it);
        # printed if the server stops or a web process ends during the run.
        stderr=log,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            Http(base).get("/login/")
            break
        except ConnectionError:
            if process.poll() is not None:
                sys.exit(f"qorgau serve stopped:\n{_tail(log)}")
            time.sleep(0.2)
    warm_up_wait(process.pid)
    try:
        yield base, process.pid
    except FileNotFoundError as error:  # /proc of a web process that ended
        sys.exit(f"a web process ended during the run ({error}); the server said:\n{_tail(log)}")
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _tail(log: Any, lines: int = 60) -> str:
    log.flush()
    log.seek(0)
    return "".join(log.readlines()[-lines:])


def warm_up_wait(pid: int, limit: float = 600.0) -> None:
    """Wait for the statistics warm-up that ``qorgau serve`` starts beside the web processes
    (ADR 0015) to end: for its seconds after a restart, its database queries share the CPU with
    the requests, a start-up transient printed here rather than mixed into the figures."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if not any(b"statistics_warm" in _cmdline(int(c), ended=b"") for c in children):
            break
        time.sleep(0.5)
    waited = time.perf_counter() - started
    if waited >= 1:
        print(f"  (waited {waited:.0f} s for the statistics warm-up to end)", flush=True)


def peak_memory_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def web_processes(pid: int) -> list[int]:
    """The processes that serve requests: the server itself (one process, waitress), or the
    children of gunicorn's arbiter (several)."""
    children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    # Not the statistics warm-up that ``qorgau serve`` starts beside them (it ends by itself).
    web = [c for c in children if b"statistics_warm" not in _cmdline(c)]
    return web or [pid]


def _cmdline(pid: int, ended: bytes = b"statistics_warm") -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:  # ended meanwhile
        return ended


def cpu_seconds(pids: list[int]) -> list[float]:
    """User and system CPU time each process has used so far (from /proc/PID/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = []
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        used.append((int(fields[11]) + int(fields[12])) / ticks)  # utime, stime
    return used


# --- HTTP sessions -------------------------------------------------------------------------

_COOKIE = re.compile(r"^([^=;\s]+)=([^;]*)")


@dataclass
class Response:
    status_code: int
    text: str
    set_cookies: list[str]

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 400


class Http:
    """One keep-alive HTTP/1.1 connection, as a browser tab holds (standard library only, so
    that the benchmark adds no dependency and measures the server, not a client library)."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
        self.headers: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        for attempt in range(2):
            try:
                self.connection.request(
                    method, path, body=body, headers={**self.headers, **(headers or {})}
                )
                answer = self.connection.getresponse()
                text = answer.read().decode("utf-8", "replace")
                return Response(answer.status, text, answer.headers.get_all("Set-Cookie") or [])
            except (http.client.HTTPException, ConnectionError):
                # The server closed a kept-alive connection between two requests: reconnect.
                self.connection.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str, params: dict[str, str] | None = None) -> Response:
        return self.request("GET", path + ("?" + urlencode(params) if params else ""))


class Browser:
    """A logged-in user (anonymous for ``username=None``). The production cookies are Secure;
    over loopback HTTP they are kept and sent by hand, as a TLS-terminating proxy in front of
    the server would see them. Form posts carry the CSRF cookie's secret, which Django accepts
    unmasked (the cookie changes at log-in)."""

    def __init__(self, base: str, username: str | None = CLERK) -> None:
        self.http = Http(base)
        self.cookies: dict[str, str] = {}
        if username is None:
            return
        self.get("/login/")
        assert "csrftoken" in self.cookies, "no CSRF cookie from the log-in page"
        done = self.post("/login/", {"username": username, "password": PASSWORD})
        assert "sessionid" in self.cookies, f"log-in refused ({done.status_code})"

    def _keep(self, response: Response) -> Response:
        for header in response.set_cookies:
            if match := _COOKIE.match(header):
                self.cookies[match.group(1)] = match.group(2)
        return response

    def _headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def get(self, path: str) -> Response:
        return self._keep(self.http.request("GET", path, headers=self._headers()))

    def post(self, path: str, data: dict[str, str]) -> Response:
        form = urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data})
        headers = self._headers() | {"Content-Type": "application/x-www-form-urlencoded"}
        return self._keep(self.http.request("POST", path, body=form, headers=headers))


@dataclass
class Timings:
    ms: list[float] = field(default_factory=list)
    failed: Counter[int] = field(default_factory=Counter)

    @property
    def errors(self) -> int:
        return sum(self.failed.values())

    def add(self, started: float, ok: bool, status: int = 0) -> None:
        self.ms.append((time.perf_counter() - started) * 1000)
        if not ok:
            self.failed[status] += 1

    def p(self, q: int) -> float:
        if len(self.ms) < 2:
            return self.ms[0] if self.ms else float("nan")
        return statistics.quantiles(self.ms, n=100, method="inclusive")[q - 1]


def timed(
    timings: Timings, call: Callable[..., Any], *args: Any, ok: tuple[int, ...] = (200,), **kw: Any
) -> Any:
    started = time.perf_counter()
    response = call(*args, **kw)
    timings.add(started, response.status_code in ok, response.status_code)
    return response


# --- samples and floors ---------------------------------------------------------------------


def samples(count: int, seed: int = 12) -> dict[str, Any]:
    """Real values of the registry to look up (read through the ORM, before any timing)."""
    import django

    django.setup()
    from django.db import connection

    from qorgau.people.models import Document, Person
    from qorgau.population.naming import latin_spelling
    from qorgau.procedures.models import Case

    rng = random.Random(seed)
    # Kazakhstan's records: the ones the agency's Kazakhstan clerk and officer may open (a
    # registry made with `qorgau demo` holds other countries' people and cases as well).
    every = list(
        Person.objects.filter(merged_into__isnull=True, country_office__iso3="KAZ")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ids = rng.sample(every, min(count * 2, len(every)))
    people = list(
        Person.objects.filter(pk__in=ids).values(
            "pk", "public_id", "family_name", "given_name", "registration_number"
        )
    )
    rng.shuffle(people)
    numbers = [
        d.number
        for d in Document.objects.filter(person_id__in=[p["pk"] for p in people])[: count // 5]
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT family_name FROM people_person WHERE id <= %s GROUP BY family_name "
            "ORDER BY count(*) DESC LIMIT 10",
            [every[min(len(every), 50_000) - 1] if every else 0],
        )
        common = [row[0] for row in cursor.fetchall() if row[0]]
    queries: list[tuple[str, str]] = []
    for number, person in enumerate(people[:count]):
        family, given = person["family_name"] or person["given_name"], person["given_name"]
        kind = number % 7
        if kind == 0:
            queries.append(("Cyrillic family name", family))
        elif kind == 1:
            queries.append(("Latin spelling", latin_spelling(rng, f"{given} {family}")))
        elif kind == 2:
            queries.append(("given and family name", f"{given} {family}"))
        elif kind == 3:
            queries.append(("partial name", family[: max(3, len(family) // 2)]))
        elif kind == 4:
            queries.append(("registration number", person["registration_number"]))
        elif kind == 5 and numbers:
            queries.append(("document number", numbers[number % len(numbers)]))
        else:
            queries.append(("common name", common[number % len(common)] if common else family))
    cases = list(
        Case.objects.filter(country__iso3="KAZ")
        .order_by("?")
        .values_list("public_id", flat=True)[:50]
    )
    return {
        "queries": queries,
        "people": [str(p["public_id"]) for p in people[:count]],
        "cases": [str(c) for c in cases],
        "names": [(p["family_name"], p["given_name"]) for p in people[count : count * 2]],
    }


def floors(sample: dict[str, Any]) -> dict[str, Timings]:
    """The look-ups run raw: for each search, the statements the search runs (recorded once,
    beforehand: the walk of the name-key index, or the registration number on its unique
    index) executed through one database connection with no page around them; for the person
    page, the row by public id."""
    from django.db import connection

    from qorgau.organisations.models import User
    from qorgau.people.selectors import person_search

    clerk = User.objects.get(username=CLERK)
    statements: list[list[tuple[str, Any]]] = []
    for _, query in sample["queries"]:
        recorded: list[tuple[str, Any]] = []

        def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            recorded.append((sql, params))  # noqa: B023 (used at once, inside this loop)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            person_search(user=clerk, query=query)
        statements.append(recorded)
    found = {"search": Timings(), "person page": Timings()}
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for recorded in statements:
            started = time.perf_counter()
            for sql, params in recorded:
                cursor.execute(sql, params)
                cursor.fetchall()
            found["search"].add(started, True)
        for public_id in sample["people"]:
            started = time.perf_counter()
            value = public_id if vendor == "postgresql" else public_id.replace("-", "")
            cursor.execute("SELECT * FROM people_person WHERE public_id = %s", [value])
            cursor.fetchall()
            found["person page"].add(started, True)
    return found


# --- the runs ----------------------------------------------------------------------------------


def one_at_a_time(base: str, sample: dict[str, Any]) -> dict[str, Timings]:
    from urllib.parse import quote

    clerk = Browser(base)
    out: dict[str, Timings] = {name: Timings() for name in TARGETS if "mixed" not in name}
    for _, query in sample["queries"]:
        timed(out["search"], clerk.get, "/people/?q=" + quote(query))
    for public_id in sample["people"]:
        timed(out["person page"], clerk.get, f"/people/{public_id}/")
    officer = Browser(base, OFFICER)
    for _ in range(10):
        timed(out["case list"], officer.get, "/cases/")
        timed(out["reminders"], officer.get, "/reminders/")
        timed(out["review queue"], officer.get, "/identity/review/")
    for public_id in sample["cases"]:
        timed(out["case page"], officer.get, f"/cases/{public_id}/")
    manager = Browser(base, VIEWER)
    anonymous = Browser(base, None)
    for _ in range(5):
        timed(out["statistics dashboard"], manager.get, "/statistics/")
        timed(out["fact sheet"], manager.get, "/statistics/factsheet/")
        timed(out["public figures"], anonymous.get, "/figures/")
    api = Http(base)
    api.headers["Authorization"] = f"Token {sample['token']}"
    for _, query in sample["queries"][:50]:
        timed(out["API search"], api.get, "/api/v1/persons/", params={"search": query})
    for public_id in sample["people"][:50]:
        timed(out["API person read"], api.get, f"/api/v1/persons/{public_id}/")
    for number, (family, given) in enumerate(sample["names"][:20]):
        timed(
            out["registration"],
            clerk.post,
            "/people/register/",
            registration(family, given, number),
            ok=(200, 302),
        )
    return out


def registration(family: str, given: str, number: int) -> dict[str, str]:
    """A registration form of one person: an existing person's names (so the likely-records
    check has work to do), another date of birth; confirmed, so that it is written."""
    return {
        "principal-family_name": family,
        "principal-given_name": given,
        "principal-sex": "female" if number % 2 else "male",
        "principal-citizenship_status": "stateless",
        "principal-date_of_birth": f"19{60 + number % 40}-0{1 + number % 9}-1{number % 10}",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "30",
        "checked_matches": "1" if number % 2 else "",
    }


def logins(base: str, users: int) -> list[Browser]:
    """``users`` clerks logging in at the same moment (the password checks run at once)."""
    browsers: list[Browser] = []
    lock = threading.Lock()

    def run() -> None:
        browser = Browser(base)
        with lock:
            browsers.append(browser)

    threads = [threading.Thread(target=run) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(browsers) == users, f"{users - len(browsers)} log-ins failed"
    return browsers


def _clerk_action(
    browser: Browser, sample: dict[str, Any], rng: random.Random, mine: Timings
) -> None:
    """One clerk's action: a search (half), a person page (a third) or a registration check (the
    rest: the form posted unconfirmed, so the likely existing records are looked up)."""
    from urllib.parse import quote

    pick = rng.random()
    if pick < 0.5:
        _, query = rng.choice(sample["queries"])
        timed(mine, browser.get, "/people/?q=" + quote(query))
    elif pick < 0.83:
        timed(mine, browser.get, f"/people/{rng.choice(sample['people'])}/")
    else:
        family, given = rng.choice(sample["names"])
        data = registration(family, given, 0) | {"checked_matches": ""}
        timed(mine, browser.post, "/people/register/", data, ok=(200, 302))


# Think time of a clerk between two actions, in seconds: uniform from 1 to 5 (mean 3), the time
# to read a result list or a person's page and type the next name. Bounded, so a run of 60 s
# gives every clerk about fifteen actions and no clerk sits out the run.
THINK_SECONDS = (1.0, 5.0)


def mixed(base: str, sample: dict[str, Any], users: int, seconds: float, *, think: bool) -> Timings:
    """``users`` clerks at once, each logged in (all at the same moment), for ``seconds``:
    searches, person pages and registration checks (``_clerk_action``). ``think=False`` fires
    them without pauses (a saturation test: requests a second and latency with every client
    flat out); ``think=True`` waits ``THINK_SECONDS`` between actions, as clerks do, each clerk
    starting after a first think time."""
    timings = Timings()
    lock = threading.Lock()
    browsers = logins(base, users)
    stop = time.perf_counter() + seconds

    def run(browser: Browser, seed: int) -> None:
        rng = random.Random(seed)
        mine = Timings()
        while time.perf_counter() < stop:
            if think:
                time.sleep(rng.uniform(*THINK_SECONDS))
                if time.perf_counter() >= stop:
                    break
            _clerk_action(browser, sample, rng, mine)
        with lock:
            timings.ms.extend(mine.ms)
            timings.failed.update(mine.failed)

    threads = [threading.Thread(target=run, args=(b, n)) for n, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


@dataclass
class Rate:
    """Requests a second, and the CPU that the client (this process) and each server process
    used for them, in cores (CPU seconds per second): the client shares the machine."""

    rps: float
    client_cores: float
    server_cores: list[float]

    def __str__(self) -> str:
        each = " + ".join(f"{c:.2f}" for c in self.server_cores)
        return (
            f"{self.rps:.1f} rps (client {self.client_cores:.2f} cores, "
            f"server {sum(self.server_cores):.2f} cores: {each})"
        )


def throughput(
    base: str, sample: dict[str, Any], clients: int, pids: list[int], seconds: float = 10
) -> Rate:
    """API person reads per second with ``clients`` clients reading without pauses."""
    done = [0] * clients
    client, served, wall = time.process_time(), cpu_seconds(pids), time.perf_counter()
    stop = time.perf_counter() + seconds

    def run(n: int) -> None:
        api = Http(base)
        api.headers["Authorization"] = f"Token {sample['token']}"
        rng = random.Random(n)
        while time.perf_counter() < stop:
            if api.get(f"/api/v1/persons/{rng.choice(sample['people'])}/").ok:
                done[n] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall
    return Rate(
        sum(done) / seconds,
        (time.process_time() - client) / wall,
        [(after - before) / wall for before, after in zip(served, cpu_seconds(pids), strict=True)],
    )


API_KEY_SCRIPT = """
from knox.models import AuthToken
from qorgau.organisations.models import User
print(AuthToken.objects.create(user=User.objects.get(username="{user}"))[1])
"""


def child(database_url: str, size: int, args: argparse.Namespace) -> None:
    """One database at one size, in its own process (Django reads DATABASE_URL once)."""
    os.environ.update(production_env(database_url))
    build(database_url, size)
    sample = samples(100)
    sample["token"] = qorgau(
        ["shell", "--no-imports", "-c", API_KEY_SCRIPT.format(user=CLERK)],
        production_env(database_url),
    ).strip()
    floor = floors(sample)
    load = os.getloadavg()[0]
    with server(database_url, args.threads, args.processes) as (base, pid):
        pids = web_processes(pid)
        runs = one_at_a_time(base, sample)
        one = throughput(base, sample, 1, pids)
        ten = throughput(base, sample, 10, pids)
        saturation_started = time.perf_counter()
        runs["saturation, 20 users"] = mixed(base, sample, args.users, args.seconds, think=False)
        saturation_rps = len(runs["saturation, 20 users"].ms) / (
            time.perf_counter() - saturation_started
        )
        runs["mixed, 20 users"] = mixed(base, sample, args.users, args.seconds, think=True)
        pids = web_processes(pid)
        memory = [peak_memory_mb(p) for p in pids]
    vendor = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(
        f"\n{vendor}, {size:,} people, {len(pids)} web process(es) "
        f"(load {load:.1f} → {os.getloadavg()[0]:.1f}); served with "
        "QORGAU_TWO_FACTOR_REQUIRED=false (log-in by password only)"
    )
    print(
        f"  {'what':<22} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'target':>8} "
        f"{'floor p95':>10} errors"
    )
    for name, timings in runs.items():
        bottom = f"{floor[name].p(95):10.1f}" if name in floor else " " * 10
        print(
            f"  {name:<22} {len(timings.ms):>5} {timings.p(50):8.1f} {timings.p(95):8.1f} "
            f"{TARGETS.get(name, ''):>8} {bottom} {timings.errors} {dict(timings.failed) or ''}"
        )
    print(
        f"  saturation: {args.users} users without pauses, {saturation_rps:.1f} requests a second"
    )
    print(
        f"  mixed: {args.users} clerks, think time uniform {THINK_SECONDS[0]:g}-"
        f"{THINK_SECONDS[1]:g} s, p95 {runs['mixed, 20 users'].p(95):.1f} ms "
        f"(target <= {TARGETS['mixed, 20 users']} ms), "
        f"errors {runs['mixed, 20 users'].errors} (target 0)"
    )
    print(f"  API person read, 1 client: {one}")
    print(f"  API person read, 10 clients: {ten} ({ten.rps / one.rps:.2f}x; target >= 1.5x)")
    print(
        f"  web process peak memory: {max(memory):.0f} MB the largest "
        f"(target <= {MEMORY_TARGET_MB} MB), {sum(memory):.0f} MB the {len(memory)} together "
        f"({', '.join(f'{m:.0f}' for m in memory)})"
    )
    result = {
        "database": vendor,
        "size": size,
        "runs": {
            k: {"p50": v.p(50), "p95": v.p(95), "n": len(v.ms), "errors": v.errors}
            for k, v in runs.items()
        },
        "floor": {k: v.p(95) for k, v in floor.items()},
        "rps": [one.rps, ten.rps],
        "cores": {
            "client": [one.client_cores, ten.client_cores],
            "server": [one.server_cores, ten.server_cores],
        },
        "saturation_rps": saturation_rps,
        "processes": len(pids),
        "memory_mb": max(memory),
        "memory_mb_each": memory,
    }
    VAR.mkdir(parents=True, exist_ok=True)
    with (VAR / "results.jsonl").open("a") as out:
        out.write(json.dumps(result) + "\n")


def postgres_database(server_url: str, size: int) -> str:
    """The URL of ``qorgau_pages_<size>`` on the server, created when missing."""
    import psycopg

    name = f"qorgau_pages_{size}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return re.sub(r"/[^/]*$", f"/{name}", server_url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--postgres", help="URL of a PostgreSQL server to measure as well")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument(
        "--threads", type=int, default=0, help="qorgau serve --threads (default: its setting)"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="qorgau serve --processes (default: its setting, one per core in production)",
    )
    parser.add_argument(
        "--sqlite",
        metavar="FILE",
        help="Measure this SQLite registry (a copy: the run writes to it) instead of building one",
    )
    parser.add_argument(
        "--development-keys",
        action="store_true",
        help="The registry was built with development settings (their SECRET_KEY encrypts it)",
    )
    parser.add_argument(
        "--child", nargs=2, metavar=("DATABASE_URL", "SIZE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.development_keys:
        KEYS["SECRET_KEY"] = DEVELOPMENT_SECRET
        KEYS["QORGAU_DOCUMENT_HASH_KEY"] = f"document-number:{DEVELOPMENT_SECRET}"
    if args.child:
        child(args.child[0], int(args.child[1]), args)
        return
    VAR.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        sqlite = Path(args.sqlite).resolve() if args.sqlite else VAR / f"registry-{size}.sqlite3"
        urls = [] if args.no_sqlite else [f"sqlite:///{sqlite}"]
        if args.postgres:
            urls.append(postgres_database(args.postgres, size))
        for url in urls:
            subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    __file__,
                    "--child",
                    url,
                    str(size),
                    "--seconds",
                    str(args.seconds),
                    "--users",
                    str(args.users),
                    "--threads",
                    str(args.threads),
                    "--processes",
                    str(args.processes),
                    *(["--development-keys"] if args.development_keys else []),
                ],
                check=True,
            )


if __name__ == "__main__":
    main()
