"""The layout of the example report (the default questionnaire, fully answered): no near-empty pages,
no word broken in the middle of a syllable, fingerprints whole, room above a chapter."""

from __future__ import annotations

import io
import re
from datetime import date

import pyphen
import pytest
from pypdf import PdfReader

from vthscan.report import styles as st

from .conftest import REPO, pdf_pages

EXAMPLE = REPO / "questionnaires" / "voorbeeld-antwoorden-od.json"


@pytest.fixture(scope="session")
def example():
    """(report data, PDF) of the example answers against the default questionnaire 1.0."""
    from vthscan.domain.answers import parse_answers_file
    from vthscan.domain.loader import load_questionnaire
    from vthscan.domain.scoring import score
    from vthscan.report.data import build_report_data
    from vthscan.report.gap_pdf import build_pdf

    questionnaire = load_questionnaire(REPO / "questionnaires" / "vthscan-standaard.yaml")
    answer_set = parse_answers_file(EXAMPLE.read_text(encoding="utf-8"))
    result = score(questionnaire, answer_set.answers, answer_set.organisation_kind)
    data = build_report_data(questionnaire, answer_set, result, generated_on=date(2026, 11, 1))
    return data, build_pdf(data)


def lines_with_height(pdf: bytes) -> list[list[tuple[float, str]]]:
    """Per page, every piece of text with its baseline height (points from the bottom)."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                found.append((tm[5] * cm[3] + cm[5], text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def test_no_page_but_the_last_is_near_empty(example):
    """Every page from the summary on is filled to at least 40 % of its frame, but the last: a chapter
    starts on a new page only when less than a third is left, and a table keeps its last rows with
    the previous ones."""
    _, pdf = example
    pages = lines_with_height(pdf)
    body_bottom = st.MARGIN_BOTTOM - 2          # the footer sits below the frame
    for number, texts in enumerate(pages[2:-1], start=3):
        lowest = min(height for height, _ in texts if height > body_bottom)
        used = (st.MARGIN_BOTTOM + st.FRAME_HEIGHT - lowest) / st.FRAME_HEIGHT
        assert used >= 0.4, f"pagina {number} is maar voor {used:.0%} gevuld"


def test_no_word_is_broken_in_the_middle_of_a_syllable(example):
    """A word that does not fit its column is hyphenated at a syllable (and only there): never cut as
    'Informatievoorz iening'."""
    data, pdf = example
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    words = {word for action in data.actions for field in (action.text, action.owner, action.term, action.criterion_title)
             for word in re.findall(r"[A-Za-zÀ-ÿ]{7,}", field)}
    words |= {word for pillar in data.pillars for criterion in pillar.criteria
              for word in re.findall(r"[A-Za-zÀ-ÿ]{7,}", f"{criterion.title} {criterion.thresholds}")}
    dictionary = pyphen.Pyphen(lang="nl_NL")
    assert "Informatievoorziening" in words
    for word in words:
        allowed = set(dictionary.positions(word))
        for cut in range(2, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            assert f"{head} {tail}" not in text, f"{word} gebroken als '{head} {tail}'"
            if f"{head}- {tail}" in text:
                assert cut in allowed, f"{word} afgebroken als '{head}-{tail}', niet bij een lettergreep"


def test_fingerprints_are_never_broken(example):
    data, pdf = example
    words = " ".join(pdf_pages(pdf)).split()
    assert data.fingerprint in words and data.questionnaire_fingerprint in words


def test_a_chapter_lower_on_a_page_has_room_above_it(example):
    """'Bijlage D' (and every other chapter) that starts below other text has clear room above it."""
    _, pdf = example
    frame_top = st.MARGIN_BOTTOM + st.FRAME_HEIGHT
    checked = 0
    for page in lines_with_height(pdf)[2:]:     # after the contents, which names every chapter
        for height, text in page:
            if not re.match(r"Bijlage [A-E]\.|Verbeterplan$|Grafieken$", text):
                continue
            above = [h for h, _ in page if height < h < frame_top]
            if above:
                checked += 1
                assert min(above) - height >= 30, text
    assert checked
