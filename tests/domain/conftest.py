from pathlib import Path

import pytest

from vthscan.domain.answers import Answer
from vthscan.domain.loader import load_questionnaire

DATA = Path(__file__).resolve().parent.parent / "data"
MINI_PATH = DATA / "mini.yaml"


@pytest.fixture(scope="session")
def mini():
    """The small test questionnaire: every question type, three pillars, a knock-out criterion."""
    return load_questionnaire(MINI_PATH)


@pytest.fixture(scope="session")
def mini_text():
    return MINI_PATH.read_text(encoding="utf-8")


def answers(**values) -> dict[str, Answer]:
    """Answers by question id: a plain value, or an Answer for N/A, unknown and the like."""
    return {qid: v if isinstance(v, Answer) else Answer(value=v) for qid, v in values.items()}
