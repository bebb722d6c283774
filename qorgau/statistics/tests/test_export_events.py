"""Every download of figures writes a security event ``export`` (ADR 0034): who, from where,
which figures (codes only); a refused or invalid request writes none."""

from __future__ import annotations

import pytest

from qorgau.audit.models import SecurityEvent
from qorgau.statistics.tests.test_statistics_access import (  # noqa: F401 (the fixture)
    FIGURES,
    QUERY,
    world,
)

pytestmark = pytest.mark.django_db

DOWNLOADS = [
    ("/statistics/chart/origins.csv" + QUERY, {"what": "chart", "chart": "origins"}),
    ("/statistics/factsheet.pdf" + QUERY + "&lang=kk", {"what": "factsheet", "lang": "kk"}),
    (FIGURES, {"what": "figures", "format": "json"}),
    (FIGURES + "&format=csv", {"what": "figures", "format": "csv"}),
]


@pytest.mark.parametrize(
    ("url", "detail"), DOWNLOADS, ids=[d["what"] + "-" + str(len(u)) for u, d in DOWNLOADS]
)
def test_it_logs_each_download(url, detail, world, login) -> None:  # noqa: F811
    stats = world.users["stats"]

    response = login(stats).get(url, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 200
    event = SecurityEvent.objects.get(event="export")
    assert (event.user, event.address, event.object_type) == (stats, "198.51.100.7", "")
    assert event.detail == {**detail, "country": "KAZ", "as_of": "2024-01-01"}


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("ngo_a", "/statistics/chart/origins.csv" + QUERY),
        ("stats", "/statistics/chart/origins.csv?country=KAZ&as_of=yesterday"),
        ("stats", FIGURES.replace("KAZ", "KGZ")),
    ],
)
def test_it_logs_no_export_of_a_refused_download(persona, url, world, login) -> None:  # noqa: F811
    response = login(world.users[persona]).get(url)

    assert response.status_code in {400, 403}
    assert not SecurityEvent.objects.filter(event="export").exists()
