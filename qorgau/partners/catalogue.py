"""The service catalogue shipped in ``partners/data/services.json``: what partners offer
(legal aid, medical care, MHPSS …), each a stable code with English, Russian and Kazakh
labels. Read and validated as the reference data files are (``reference.catalogue``)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Final

from qorgau.reference.catalogue import LabelledEntry, load_labelled_codes

SERVICES_FILE: Final = Path(__file__).resolve().parent / "data" / "services.json"
SERVICE_CODE: Final = re.compile(r"[a-z][a-z_]{1,38}[a-z]")


def load_services(path: Path) -> tuple[LabelledEntry, ...]:
    """Read and validate a service catalogue file (uncached)."""
    return load_labelled_codes(path, SERVICE_CODE)


@functools.cache
def services() -> tuple[LabelledEntry, ...]:
    """Every shipped service, in the order the interface offers them."""
    return load_services(SERVICES_FILE)
