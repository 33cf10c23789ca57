"""Properties that must hold for every set of answers (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from vthscan.domain.answers import Answer
from vthscan.domain.loader import load_profile_text, load_questionnaire
from vthscan.domain.questionnaire import ChoiceQuestion, NumberQuestion, ScaleQuestion, YesNoQuestion
from vthscan.domain.scoring import score

from .conftest import MINI_PATH

MINI = load_questionnaire(MINI_PATH)
KIND = "omgevingsdienst"
QUESTIONS = {qid: q for qid, (p, _, q) in MINI.questions.items() if p.applies_to(KIND) and q.is_scored}
PROFILE = load_profile_text("""schema: vthscan.thresholds/1
questionnaire: mini
name: Test
thresholds: {voldoet: 95, aandachtspunt: 10}
criteria: {A1: {voldoet: 60, aandachtspunt: 20}}
""", MINI)


def values_for(question):
    if isinstance(question, YesNoQuestion):
        return st.booleans()
    if isinstance(question, ScaleQuestion):
        return st.integers(0, 4)
    if isinstance(question, ChoiceQuestion):
        return st.sampled_from([o.id for o in question.options])
    if isinstance(question, NumberQuestion):
        return st.floats(question.min, question.max, allow_nan=False)
    raise AssertionError(question)


def answer_for(question):
    options = [values_for(question).map(lambda v: Answer(value=v)), st.just(Answer(unknown=True))]
    if question.allow_na:
        options.append(st.just(Answer(na=True, na_reason="n.v.t.")))
    return st.one_of(*options)


answer_sets = st.fixed_dictionaries({}, optional={qid: answer_for(q) for qid, q in QUESTIONS.items()})


def all_scores(result):
    yield result.score
    for pillar in result.pillars:
        yield pillar.score
        for criterion in pillar.criteria:
            yield criterion.score
            yield from (q.score for q in criterion.questions)


@settings(max_examples=300, deadline=None)
@given(answer_sets)
def test_scores_stay_within_0_and_100(answers):
    result = score(MINI, answers, KIND)
    assert all(0 <= s <= 100 for s in all_scores(result) if s is not None)
    assert result.completeness.fraction is None or 0 <= result.completeness.fraction <= 1


@settings(max_examples=300, deadline=None)
@given(answer_sets, st.sampled_from(sorted(QUESTIONS)), st.data())
def test_raising_one_answer_never_lowers_any_score(answers, question_id, data):
    question = QUESTIONS[question_id]
    low, high = sorted([data.draw(values_for(question)), data.draw(values_for(question))],
                       key=lambda v: question.score(v))
    before = score(MINI, {**answers, question_id: Answer(value=low)}, KIND)
    after = score(MINI, {**answers, question_id: Answer(value=high)}, KIND)
    for old, new in zip(all_scores(before), all_scores(after), strict=True):
        assert (old is None) == (new is None)
        assert old is None or new >= old - 1e-9


@settings(max_examples=300, deadline=None)
@given(answer_sets)
def test_a_profile_never_changes_a_score(answers):
    plain = score(MINI, answers, KIND)
    profiled = score(MINI, answers, KIND, PROFILE)
    assert list(all_scores(plain)) == list(all_scores(profiled))
