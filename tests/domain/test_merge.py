"""The three-way merge of one answer: loaded (fingerprints), stored, submitted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vthscan.domain.answers import Answer
from vthscan.domain.merge import (
    AnswerEdit,
    fingerprints,
    format_fingerprints,
    merge,
    parse_fingerprints,
)

LOADED = Answer(value=1, comment="oud", evidence="map")


def edit(answer: Answer, loaded: Answer | None = LOADED, keep_theirs=()) -> AnswerEdit:
    return AnswerEdit(answer, fingerprints(loaded) if loaded is not None else None, frozenset(keep_theirs))


def test_a_field_only_the_user_changed_is_taken():
    merged = merge(edit(Answer(value=2, comment="oud", evidence="map")), LOADED)
    assert merged.answer == Answer(value=2, comment="oud", evidence="map") and merged.conflicts == ()


def test_a_field_only_the_other_changed_keeps_their_value():
    stored = Answer(value=1, comment="nieuw van de ander", evidence="map")
    merged = merge(edit(Answer(value=3, comment="oud", evidence="map")), stored)
    assert merged.answer == Answer(value=3, comment="nieuw van de ander", evidence="map")
    assert merged.conflicts == ()


def test_a_field_both_changed_differently_is_a_conflict_and_the_stored_value_stays():
    stored = Answer(value=4, comment="oud", evidence="andere map")
    merged = merge(edit(Answer(value=2, comment="mijn toelichting", evidence="map")), stored)
    assert merged.conflicts == ("answer",)
    assert merged.answer == Answer(value=4, comment="mijn toelichting", evidence="andere map")
    assert merged.shown == Answer(value=2, comment="mijn toelichting", evidence="andere map")


def test_the_same_change_by_both_is_no_conflict():
    assert merge(edit(Answer(value=4, comment="oud", evidence="map")), Answer(value=4, comment="oud",
                                                                              evidence="map")).conflicts == ()


def test_keeping_theirs_resolves_a_conflict_with_the_stored_value():
    stored = Answer(value=4, comment="oud", evidence="map")
    merged = merge(edit(Answer(value=2, comment="oud", evidence="map"), keep_theirs={"answer"}), stored)
    assert merged.answer == stored and merged.conflicts == ()


def test_without_fingerprints_every_difference_is_a_conflict():
    stored = Answer(value=4, comment="van de ander", evidence="map")
    merged = merge(edit(Answer(value=2, comment="", evidence="map"), loaded=None), stored)
    assert merged.conflicts == ("answer", "comment") and merged.answer == stored


def test_the_parts_of_an_answer_move_together():
    """N/A with its reason replaces a value as one field: never a value and N/A at once."""
    merged = merge(edit(Answer(na=True, na_reason="geen taak", comment="oud", evidence="map")),
                   Answer(value=1, comment="anders", evidence="map"))
    assert merged.answer == Answer(na=True, na_reason="geen taak", comment="anders", evidence="map")


def test_equal_values_written_differently_have_one_fingerprint():
    assert fingerprints(Answer(value=2)) == fingerprints(Answer(value=2.0))
    assert fingerprints(Answer(comment=" tekst ")) == fingerprints(Answer(comment="tekst"))
    assert fingerprints(Answer(value=True)) != fingerprints(Answer(value=1))


@pytest.mark.parametrize("text", [None, 3, "", "abc", "a" * 50, "0" * 16 + "." + "0" * 16,
                                  "G" * 16 + "." + "0" * 16 + "." + "0" * 16, "0" * 16 + ".." + "0" * 32])
def test_only_three_fingerprints_are_read(text):
    assert parse_fingerprints(text) is None


def test_fingerprints_round_trip():
    prints = fingerprints(LOADED)
    assert parse_fingerprints(format_fingerprints(prints)) == prints


answers = st.builds(Answer, value=st.one_of(st.none(), st.integers(0, 4)), comment=st.sampled_from(["", "a", "b"]),
                    evidence=st.sampled_from(["", "x"]))


@given(loaded=answers, stored=answers, submitted=answers)
def test_the_merge_never_loses_a_change_it_did_not_decide(loaded, stored, submitted):
    merged = merge(edit(submitted, loaded=loaded), stored)
    before, theirs, mine, result = (fingerprints(a) for a in (loaded, stored, submitted, merged.answer))
    for part in result:
        if part in merged.conflicts:
            assert result[part] == theirs[part]          # undecided: the stored value stays
        elif mine[part] != before[part]:
            assert result[part] == mine[part]            # the user's change
        else:
            assert result[part] == theirs[part]          # untouched by the user: whatever is stored
