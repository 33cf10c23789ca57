"""A period is a year or a part of one (domain/periods.py)."""

from __future__ import annotations

import pytest

from vthscan.domain.periods import normalise_period, period_problem


@pytest.mark.parametrize("text", ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q4", "2026-q3", " 2030 "])
def test_years_and_year_parts(text):
    assert period_problem(text) is None


@pytest.mark.parametrize("text", ["volgend jaar", "2026-H0", "2026-H3", "2026-Q0", "2026-Q5", "2026H1", "26",
                                  "٢٠٢٦", "2026-Q1 ", "2026/2027", ""])
def test_anything_else_says_what_a_period_is(text):
    if text == "2026-Q1 ":
        assert period_problem(text) is None        # spaces around it do not matter
        return
    assert "2026-H1" in period_problem(text) and "kwartaal" in period_problem(text)


def test_the_year_is_a_real_one_and_the_message_quotes_what_was_typed():
    assert period_problem("1999") == "Het jaar 1999 kan niet: kies een jaar van 2000 tot en met 2099."
    assert period_problem("volgend jaar").startswith("'volgend jaar' is geen periode.")
    assert normalise_period(" 2026-q3 ") == "2026-Q3"
