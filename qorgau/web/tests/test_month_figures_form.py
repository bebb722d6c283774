"""The monthly figures' form the referrals' and the hotline's figures pages share: a month as
``YYYY-MM`` (its first day), none for the page's default, and "as published"."""

import datetime as dt

from qorgau.web.forms import MonthFiguresForm


def test_it_reads_a_month_as_its_first_day_and_the_published_choice():
    form = MonthFiguresForm({"month": "2026-11", "published": "on"})

    assert form.is_valid()
    assert form.cleaned_data == {"month": dt.date(2026, 11, 1), "published": True}


def test_it_leaves_the_month_to_the_page_when_none_is_given():
    form = MonthFiguresForm({})

    assert form.is_valid()
    assert form.cleaned_data == {"month": None, "published": False}


def test_it_names_the_month_when_it_is_not_one():
    form = MonthFiguresForm({"month": "2026-13"})

    assert not form.is_valid()
    assert list(form.errors) == ["month"]


def test_the_pages_use_the_shared_form_and_keep_no_copy():
    from qorgau.hotline import forms as hotline_forms
    from qorgau.referrals import forms as referral_forms

    assert not hasattr(hotline_forms, "FiguresForm")
    assert not hasattr(referral_forms, "FiguresForm")
