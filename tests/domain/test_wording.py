from datetime import date, datetime

import pytest

from vthscan.domain.wording import dutch_date, format_number, format_percentage, format_score, timestamp


@pytest.mark.parametrize("value, text", [(56.25, "56,3"), (62.0, "62"), (100, "100"), (0, "0"),
                                         (12.04, "12"), (None, "niet beoordeeld")])
def test_scores_are_written_the_dutch_way_rounded_half_up(value, text):
    assert format_score(value) == text


def test_percentages():
    assert format_percentage(0.855) == "86 %"
    assert format_percentage(None) == "niet te bepalen"


@pytest.mark.parametrize("value, text", [(2, "2"), (2.0, "2"), (2.5, "2,5"), (1234.5, "1234,5"), (62.25, "62,25"),
                                         (0.125, "0,13"), (-2.5, "-2,5"), (-0.0, "0"), (0.001, "0"),
                                         (10 ** 15, "1000000000000000"), (1e30, "1" + "0" * 30)])
def test_numbers_have_a_decimal_comma_and_at_most_two_decimals(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value, text", [(1234567, "1234567"), (0.1, "0,1"), (2.1234567891, "2,1234567891"),
                                         (5e-7, "0,0000005"), (2.00000000001, "2"), (0, "0")])
def test_numbers_as_precise_as_typed_never_end_in_a_comma_or_exponent(value, text):
    assert format_number(value, decimals=10) == text


def test_dates_and_moments():
    assert dutch_date(date(2026, 3, 12)) == "12 maart 2026"
    assert dutch_date(date(2025, 12, 1)) == "1 december 2025"
    assert timestamp(datetime(2026, 3, 12, 14, 5, 59)) == "12-03-2026 14:05 UTC"
    assert timestamp(None) == ""
