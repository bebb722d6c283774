"""Provisions, assessments and recommendations: what is stored, and bad input refused with a
message naming the field and nothing stored (an assessment of a provision not in force on its
date above all); the treaty statuses shipped for the five countries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from qorgau.errors import NotAllowed, StaleVersion
from qorgau.legal import errors
from qorgau.legal.models import Assessment, Provision, Recommendation, Standard, TreatyStatus
from qorgau.legal.selectors import legal_page, legal_timeline
from qorgau.legal.services import (
    assessment_record,
    provision_record,
    recommendation_follow_up,
    recommendation_record,
)
from qorgau.organisations.models import User
from qorgau.reference.models import Country


def _assess(actor: User, provision: Provision, on: dt.date, **kw: object) -> Assessment:
    values: dict[str, object] = {
        "standard": Standard.objects.get(code="1951_art_33"), "alignment": "partly",
        "assessed_on": on, "notes": "Border guards not trained.", "sources": "Report, p. 4",
    } | kw  # fmt: skip
    return assessment_record(actor=actor, provision=provision, **values)  # type: ignore[arg-type]


def test_it_ships_the_treaty_status_of_the_five_countries(db: None) -> None:
    kaz = {s.instrument.code: s for s in TreatyStatus.objects.filter(country__iso3="KAZ")}
    assert {code: s.status for code, s in kaz.items()} == {
        "1951_convention": "party", "1967_protocol": "party",
        "1954_convention": "not_party", "1961_convention": "not_party",
    }  # fmt: skip
    assert TreatyStatus.objects.values("country").distinct().count() == 5
    assert not TreatyStatus.objects.filter(verified=True).exists()
    assert not TreatyStatus.objects.filter(status="not_party", party_since__isnull=False).exists()


def test_it_assesses_a_provision_and_shows_it_in_the_matrix(
    officer: User, provision: Provision
) -> None:
    _assess(officer, provision, dt.date(2015, 3, 1), alignment="not_aligned")
    latest = _assess(officer, provision, dt.date(2018, 3, 1))

    page = legal_page(country=provision.law.country, on=dt.date(2019, 1, 1), can_edit=True)
    earlier = legal_page(country=provision.law.country, on=dt.date(2016, 1, 1), can_edit=True)
    later = legal_page(country=provision.law.country, on=dt.date(2021, 6, 1), can_edit=True)

    standard = Standard.objects.get(code="1951_art_33")
    assert page.matrix.cells[(standard.pk, provision.pk)] == latest
    assert earlier.matrix.cells[(standard.pk, provision.pk)].alignment == "not_aligned"
    assert later.matrix.provisions == []  # out of force by then
    assert latest.assessor == officer


@pytest.mark.parametrize("on", [dt.date(2009, 12, 31), dt.date(2021, 1, 1)])
def test_it_refuses_an_assessment_of_a_provision_not_in_force_on_its_date(
    officer: User, provision: Provision, on: dt.date
) -> None:
    with pytest.raises(ValidationError) as exc:
        _assess(officer, provision, on)

    assert [e.code for e in exc.value.error_dict["assessed_on"]] == ["not_in_force"]
    assert "not in force" in str(
        exc.value.error_dict["assessed_on"][0].message
        % exc.value.error_dict["assessed_on"][0].params
    )
    assert not Assessment.objects.exists()


def test_it_refuses_a_provision_leaving_force_before_it_came_in(officer: User) -> None:
    with pytest.raises(ValidationError) as exc:
        provision_record(
            actor=officer, country=Country.objects.get(iso3="KAZ"), law_title="Law",
            article="Art. 1", text="Text.", in_force_from=dt.date(2020, 1, 1),
            in_force_to=dt.date(2019, 1, 1),
        )  # fmt: skip
    assert list(exc.value.error_dict) == ["in_force_to"]
    assert not Provision.objects.exists()


@pytest.mark.parametrize("persona", ["clerk", "stats", "liaison", "ngo_a"])
def test_it_refuses_writes_by_anyone_but_the_countrys_managers(
    request: pytest.FixtureRequest, officer: User, provision: Provision, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(NotAllowed) as exc:
        _assess(user, provision, dt.date(2015, 1, 1))
    assert exc.value.message == errors.NOT_EDITOR
    assert not Assessment.objects.exists()


def test_it_follows_a_recommendation_up(officer: User, provision: Provision) -> None:
    assessment = _assess(officer, provision, dt.date(2018, 3, 1))
    recommendation = recommendation_record(
        actor=officer, assessment=assessment, text="Train border guards.",
        made_on=dt.date(2018, 4, 1),
    )  # fmt: skip

    recommendation_follow_up(
        actor=officer, recommendation=recommendation, version=1,
        occurred_on=dt.date(2019, 5, 1), note="Training held.", status="implemented",
    )  # fmt: skip

    assert Recommendation.objects.get().status == "implemented"
    with pytest.raises(StaleVersion):
        recommendation_follow_up(
            actor=officer, recommendation=recommendation, version=1,
            occurred_on=dt.date(2019, 6, 1), note="Again.", status="in_progress",
        )  # fmt: skip
    kinds = [change.kind for change in legal_timeline(provision.law.country)]
    assert kinds == [
        "Law", "Follow-up", "Recommendation", "Assessment", "Law", "Treaty", "Treaty",
    ]  # fmt: skip
