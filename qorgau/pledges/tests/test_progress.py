"""Recording pledges and their progress: status moves by the table, a step back needs a reason,
evidence is a PDF within the limit or a link; bad input names the field and stores nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed, StaleVersion
from qorgau.organisations.models import User
from qorgau.pledges import errors
from qorgau.pledges.models import Pledge, PledgeUpdate
from qorgau.pledges.services import pledge_progress_record, pledges_seed
from qorgau.pledges.tests.factories import pledge_make

ON = dt.date(2024, 6, 1)
PDF = b"%PDF-1.4 evidence"


def _progress(actor: User, pledge: Pledge, **overrides: object) -> PledgeUpdate:
    values: dict[str, object] = {
        "version": pledge.version, "occurred_on": ON, "summary": "A working group met.",
        "status": "in_progress",
    } | overrides  # fmt: skip
    return pledge_progress_record(actor=actor, pledge=pledge, **values)  # type: ignore[arg-type]


def _codes(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str | None]]:
    return {field: [e.code for e in errs] for field, errs in exc.value.error_dict.items()}


def test_it_records_progress_with_evidence_and_moves_the_status(officer: User) -> None:
    pledge = pledge_make(officer)
    document = SimpleUploadedFile("minutes of Aigerim.pdf", PDF, "application/pdf")

    update = _progress(officer, pledge, evidence_document=document,
                       evidence_url="https://example.org/decree")  # fmt: skip

    pledge.refresh_from_db()
    assert (pledge.status, pledge.version) == ("in_progress", 2)
    assert (update.status_from, update.status_to) == ("planning", "in_progress")
    assert update.evidence_document.name == f"pledges/{update.public_id}.pdf"
    assert pledge.history.first().history_user == officer  # type: ignore[attr-defined]
    assert SecurityEvent.objects.filter(event="pledge_progress_recorded").count() == 1


def test_it_refuses_a_step_back_without_a_reason(officer: User) -> None:
    pledge = pledge_make(officer)
    _progress(officer, pledge, status="fulfilled")
    pledge.refresh_from_db()

    with pytest.raises(ValidationError) as exc:
        _progress(officer, pledge, status="in_progress")

    assert _codes(exc) == {"reason": ["reason_required"]}
    assert PledgeUpdate.objects.count() == 1
    assert Pledge.objects.get().status == "fulfilled"
    stepped = _progress(officer, pledge, status="in_progress", reason="The decree was revoked.")
    assert stepped.reason == "The decree was revoked."


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"evidence_document": SimpleUploadedFile("a.pdf", b"GIF89a", "image/gif")},
         "evidence_document", "document_type"),
        ({"evidence_document": SimpleUploadedFile("a.pdf", PDF + b"x" * 2000)},
         "evidence_document", "document_too_large"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url", "bad_link"),
        ({"summary": "  "}, "summary", "no_progress"),
        ({"status": "done"}, "status", "unknown_status"),
        ({"occurred_on": dt.date(2023, 1, 1)}, "occurred_on", "before_pledge"),
        ({"occurred_on": dt.date(2999, 1, 1)}, "occurred_on", "future_date"),
    ],
)  # fmt: skip
def test_it_refuses_bad_input_naming_the_field_and_stores_nothing(
    officer: User, settings: object, overrides: dict[str, object], field: str, code: str
) -> None:
    settings.PLEDGE_EVIDENCE_MAX_BYTES = 1000  # type: ignore[attr-defined]
    pledge = pledge_make(officer)

    with pytest.raises(ValidationError) as exc:
        _progress(officer, pledge, **overrides)

    assert _codes(exc) == {field: [code]}
    assert PledgeUpdate.objects.count() == 0
    assert Pledge.objects.get().version == 1


def test_it_refuses_a_stale_version(officer: User) -> None:
    pledge = pledge_make(officer)
    _progress(officer, pledge)

    with pytest.raises(StaleVersion):
        _progress(officer, pledge, version=1, status="fulfilled")
    assert PledgeUpdate.objects.count() == 1


@pytest.mark.parametrize("persona", ["clerk", "stats", "liaison", "ngo_a", "kgz_manager"])
def test_it_refuses_progress_by_anyone_but_the_countrys_managers(
    request: pytest.FixtureRequest, officer: User, persona: str
) -> None:
    pledge = pledge_make(officer)

    with pytest.raises(NotAllowed) as exc:
        _progress(request.getfixturevalue(persona), pledge)

    assert exc.value.message == errors.NOT_EDITOR
    assert (Pledge.objects.get().status, PledgeUpdate.objects.count()) == ("planning", 0)
    assert SecurityEvent.objects.filter(event="pledge_refused").count() == 1


def test_it_refuses_a_pledge_without_its_kazakh_text(officer: User) -> None:
    from qorgau.pledges.services import pledge_record
    from qorgau.reference.models import Country

    with pytest.raises(ValidationError) as exc:
        pledge_record(
            actor=officer, country=Country.objects.get(iso3="KAZ"), area="naturalisation",
            made_on=dt.date(2023, 12, 13), titles={"en": "T", "ru": "Т", "kk": ""},
            texts={"en": "T", "ru": "Т", "kk": "Т"},
        )  # fmt: skip
    assert _codes(exc) == {"title_kk": ["no_text"]}
    assert not Pledge.objects.exists()


def test_the_demo_seeds_kazakhstans_five_2023_pledges(db: None) -> None:
    assert pledges_seed() == 5
    assert pledges_seed() == 0
    areas = sorted(Pledge.objects.values_list("area", flat=True))
    assert areas == [
        "access_to_services", "access_to_services", "border_referral", "naturalisation",
        "statelessness_safeguards",
    ]  # fmt: skip
    assert all(p.made_on.year == 2023 and p.title_kk for p in Pledge.objects.all())
