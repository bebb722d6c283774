"""Benchmark: peak memory and time of twenty password checks at once, ours beside Django's.

    DJANGO_SETTINGS_MODULE=qorgau.config.settings python bench/password_memory.py [ours|django]

Run once per hasher (peak memory is per process). Twenty log-ins at once is the load that made
the server peak at 1.46 GiB with Django's Argon2 parameters (issue 12).
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.config.settings")
    django.setup()
    from django.contrib.auth import hashers

    from qorgau.organisations.hashers import Argon2PasswordHasher

    which = sys.argv[1] if len(sys.argv) > 1 else "ours"
    hasher = Argon2PasswordHasher() if which == "ours" else hashers.Argon2PasswordHasher()
    encoded = hasher.encode("synthetic-passphrase", hasher.salt())
    started = time.perf_counter()
    hasher.verify("synthetic-passphrase", encoded)
    one = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    checks = [
        threading.Thread(target=hasher.verify, args=("synthetic-passphrase", encoded))
        for _ in range(20)
    ]
    started = time.perf_counter()
    for check in checks:
        check.start()
    for check in checks:
        check.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{which} ({encoded.split('$')[3]}): one check {one * 1000:.0f} ms; twenty at once "
        f"{time.perf_counter() - started:.2f} s; peak {peak:.0f} MiB (before them {before:.0f})"
    )


if __name__ == "__main__":
    main()
