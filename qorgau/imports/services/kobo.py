"""Pulling a form's new submissions from a KoboToolbox server into the registry.

The submissions from the last pull of the same form by the same organisation on are fetched
(``qorgau.imports.kobo``) into a JSON file shaped as KoboToolbox's own export (``results``),
which is then imported like any uploaded file (``import_file``: the mapping, every registry
check, identity resolution, one transaction, the file kept encrypted). The time of the latest
submission is remembered only when the import stored its rows, so a refused or dry run is
pulled again next time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from qorgau.errors import Invalid
from qorgau.imports import errors
from qorgau.imports.kobo import kobo_server_check, kobo_submissions
from qorgau.imports.models import ImportMapping, KoboPull, RunState
from qorgau.imports.services.runs import ImportResult, import_allowed, import_file
from qorgau.organisations.models import Organisation, User


@dataclass
class PullResult:
    #: Submissions received (0: nothing new, and nothing was imported).
    submissions: int
    #: The submission time the pull started from ("" for the first pull).
    since: str
    #: The import of the submissions, when there were any.
    imported: ImportResult | None


def kobo_pull(
    *,
    actor: User,
    organisation: Organisation,
    server: str,
    asset: str,
    mapping_name: str,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
) -> PullResult:
    """Import the submissions of form ``asset`` on ``server`` that arrived since the
    organisation's last pull of it, through its mapping ``mapping_name``. The token is the
    setting ``KOBO_TOKEN``. Refuses (``Invalid``, nothing stored) when the server cannot be
    reached or refuses; ``NotAllowed`` unless the actor may register people for the
    organisation."""
    import_allowed(actor=actor, organisation=organisation)
    token = settings.KOBO_TOKEN
    if not token:
        raise Invalid(errors.KOBO_NO_TOKEN, code="kobo_no_token")
    server = kobo_server_check(server)
    if not ImportMapping.objects.filter(organisation=organisation, name=mapping_name).exists():
        raise Invalid(errors.NO_SUCH_MAPPING, code="no_mapping", params={"mapping": mapping_name})
    mark = KoboPull.objects.filter(organisation=organisation, server=server, asset=asset).first()
    since = mark.last_submission_time if mark else ""
    with tempfile.TemporaryDirectory(prefix="qorgau-kobo-") as folder:
        path = Path(folder) / f"kobo-{asset[:40]}.json"
        count, latest = _download(path, server, asset, token, since)
        if not count:
            return PullResult(0, since, None)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        result = import_file(
            actor=actor,
            organisation=organisation,
            path=path,
            mapping_name=mapping_name,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            file_name=f"kobo-{asset[:40]}-{stamp}.json",
            progress=progress,
        )
    if result.run.state == RunState.DONE:
        KoboPull.objects.update_or_create(
            organisation=organisation,
            server=server,
            asset=asset,
            defaults={
                "last_submission_time": max(latest, since),
                "last_run": result.run,
                "pulled_at": timezone.now(),
            },
        )
    return PullResult(count, since, result)


def _download(path: Path, server: str, asset: str, token: str, since: str) -> tuple[int, str]:
    """Write the submissions into ``path`` as one JSON document, one at a time (a pull of many
    pages never holds them all); returns how many, and the latest submission time."""
    count, latest = 0, ""
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"results": [')
        submissions = kobo_submissions(
            server=server, asset=asset, token=token, since=since, timeout=settings.KOBO_TIMEOUT
        )
        for submission in submissions:
            handle.write(("," if count else "") + json.dumps(submission, ensure_ascii=False))
            count += 1
            latest = max(latest, str(submission.get("_submission_time", "")))
        handle.write("]}")
    return count, latest
