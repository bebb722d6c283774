"""The web processes of ``qorgau serve`` (docs/adr/0019-several-web-processes.md).

One process serves with waitress, as in development. Several are run by gunicorn's arbiter with
its threaded worker (``gthread``): the arbiter forks the processes after Django is loaded, they
accept on one shared listening socket, a process that dies is replaced, and SIGTERM or Ctrl+C
stops them all after their requests finish. Each process writes its own access-log queue when
it stops (ADR 0016); the queue's writer thread is started in each process by its first read,
never inherited from the arbiter (``audit.services`` resets the queue after a fork).
"""

from __future__ import annotations

import ctypes
import gc
import logging
from typing import Any

from django.conf import settings
from django.db import connections

from qorgau.audit.services import access_log_flush

log = logging.getLogger(__name__)

# glibc's mallopt parameters (malloc.h).
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
# Blocks from this size are mapped and given back to the system when freed. glibc raises its
# own threshold to the largest block freed (up to 32 MiB), after which the 19 MiB of every
# password check and the statistics' large lists stay in the heaps of the threads' arenas.
MMAP_THRESHOLD_BYTES = 128 * 1024
# glibc gives each thread that meets a busy arena a new one (up to 8 per core), each holding on
# to its freed memory.
ARENA_MAX = 2


# Python's cyclic garbage collector collects the young generation after this many new container
# objects (700 by default: about once a request, the middle generation every tenth time).
GC_YOUNG_THRESHOLD = 20_000


def gc_tune() -> None:
    """Tune the garbage collector for serving (docs/adr/0069-garbage-collector-for-serving.md),
    once the application and its URLs are loaded and before any process is forked: what is
    loaded by then is frozen (no collection scans it again; forked processes keep sharing its
    pages), and the young generation is collected less often."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module now, not at a request)
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def malloc_limit() -> bool:
    """Fix glibc's mmap threshold and limit its arenas, before any server thread starts (forked
    processes inherit both). Returns False where the C library is not glibc."""
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this Python runs on
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) and mallopt(M_ARENA_MAX, ARENA_MAX))


def _when_ready(arbiter: Any) -> None:
    # The processes are forked from the arbiter: none may inherit a database connection.
    connections.close_all()
    gc_tune()


def _pre_fork(arbiter: Any, worker: Any) -> None:
    connections.close_all()


def _worker_exit(arbiter: Any, worker: Any) -> None:
    """Each process writes the rows of its access-log queue when it stops (ADR 0016)."""
    try:
        access_log_flush()
    finally:
        connections.close_all()


def proxy_options() -> dict[str, Any]:
    """waitress's trusted-proxy options from the settings (``QORGAU_TRUSTED_PROXY`` etc.): the
    client's address and scheme are taken from the proxy's X-Forwarded-* headers, and only when
    the request comes from the proxy; from anyone else those headers are dropped. Without a
    trusted proxy every such header is dropped (waitress's default)."""
    if not settings.TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": settings.TRUSTED_PROXY_COUNT,
        "trusted_proxy_headers": {h.lower() for h in settings.TRUSTED_PROXY_HEADERS},
        "clear_untrusted_proxy_headers": True,
    }


def waitress_options(*, host: str, port: int, threads: int) -> dict[str, Any]:
    """``waitress.serve``'s settings for one process of ``threads`` threads."""
    return {"host": host, "port": port, "threads": threads, "ident": "qorgau", **proxy_options()}


def proxied(application: Any) -> Any:
    """The application behind waitress's proxy-header translation, configured as for
    ``qorgau serve`` with one process: what several processes (gunicorn) serve, so that both
    ways trust the same proxy the same way (gunicorn's own forwarding is turned off)."""
    from waitress.proxy_headers import proxy_headers_middleware

    options = proxy_options()
    return proxy_headers_middleware(
        application,
        trusted_proxy=options.get("trusted_proxy"),
        trusted_proxy_count=options.get("trusted_proxy_count", 1),
        trusted_proxy_headers=options.get("trusted_proxy_headers"),
        clear_untrusted=True,
    )


def gunicorn_options(*, host: str, port: int, processes: int, threads: int) -> dict[str, Any]:
    """gunicorn's settings for ``processes`` processes of ``threads`` threads each."""
    return {
        "bind": [f"{host}:{port}"],
        "workers": processes,
        "worker_class": "gthread",
        "threads": threads,
        # Django is loaded once, before the processes are forked (errors show at once).
        "preload_app": True,
        # A request may run for minutes (an import preview, figures computed afresh): the
        # arbiter's heartbeat comes from each process's main loop, not from its requests.
        "timeout": 300,
        "graceful_timeout": 30,
        # Kept-alive connections wait in each process's poller, not in a thread.
        "keepalive": 75,
        "proc_name": "qorgau",
        "control_socket_disable": True,
        "when_ready": _when_ready,
        "pre_fork": _pre_fork,
        "worker_exit": _worker_exit,
        "accesslog": None,
        "errorlog": "-",
        # Proxy headers are translated by ``proxied`` (waitress's rules), never by gunicorn.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
    }


def serve_processes(application: Any, options: dict[str, Any]) -> None:
    """Run gunicorn's arbiter in this process until it is stopped."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return application

    Server().run()
