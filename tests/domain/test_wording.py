import pytest

from vthscan.domain.wording import format_percentage, format_score


@pytest.mark.parametrize("value, text", [(56.25, "56,3"), (62.0, "62"), (100, "100"), (0, "0"),
                                         (12.04, "12"), (None, "niet beoordeeld")])
def test_scores_are_written_the_dutch_way_rounded_half_up(value, text):
    assert format_score(value) == text


def test_percentages():
    assert format_percentage(0.855) == "86 %"
    assert format_percentage(None) == "niet te bepalen"
