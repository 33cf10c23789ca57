"""Long user texts in the PDF: every character printed, in time that grows linearly with the text.

Reportlab used to break the lines of a long paragraph again at every page it spanned: a 100 kB
comment took 10 s, 1.9 MB twenty minutes. The speed itself is measured by
benchmarks/bench_report.py; these tests check that long texts print whole.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from vthscan.domain.answers import Answer, AnswerSet, parse_answers_file
from vthscan.domain.limits import LONG_TEXT_MAX
from vthscan.domain.loader import load_questionnaire
from vthscan.domain.scoring import score

from .conftest import REPO, pdf_pages

WORDS = ("toezicht handhaving vergunningverlening omgevingsdienst kwaliteitscriteria capaciteit planning "
         "rapportage milieubelastende activiteit bodem lucht geluid externe veiligheid").split()


def comment_of(question_id: str, length: int = LONG_TEXT_MAX) -> str:
    """A comment of exactly `length` characters that names its question at both ends."""
    end = f" einde {question_id}."
    words = (WORDS[(index * 7 + len(question_id)) % len(WORDS)] for index in range(length))
    text = (f"Begin van de toelichting bij {question_id}: " + " ".join(words))[:length - len(end)]
    return (text[:-1] + "x" if text.endswith(" ") else text) + end


def body_text(pdf: bytes, furniture: set[str]) -> str:
    """The text of every page without its header and footer, white space folded to one space."""
    lines = [line for page in pdf_pages(pdf) for line in page.split("\n")
             if line.strip() not in furniture and not re.fullmatch(r"pagina \d+ van \d+", line.strip())]
    return " ".join(" ".join(lines).split())


def test_a_report_with_81_comments_of_4000_characters_prints_every_comment_whole():
    from vthscan.report.data import build_report_data
    from vthscan.report.gap_pdf import build_pdf, page_info

    questionnaire = load_questionnaire(REPO / "questionnaires" / "vthscan-standaard.yaml")
    example = parse_answers_file((REPO / "questionnaires" / "voorbeeld-antwoorden-od.json").read_text("utf-8"))
    kind = "omgevingsdienst"
    question_ids = [qid for qid, (pillar, _, _) in questionnaire.questions.items() if pillar.applies_to(kind)]
    assert len(question_ids) == 81
    answers = {qid: replace(example.answers.get(qid, Answer(unknown=True)), comment=comment_of(qid))
               for qid in question_ids}
    assert all(len(answer.comment) == 4000 for answer in answers.values())

    result = score(questionnaire, answers, kind)
    data = build_report_data(questionnaire, AnswerSet(questionnaire.id, questionnaire.version, "OD Lang", kind,
                                                      "2026", answers), result, status="vastgesteld",
                             generated_on=date(2026, 3, 31))
    info = page_info(data)
    text = body_text(build_pdf(data), {info.header_left, info.header_right, info.footer})
    for qid, answer in answers.items():
        # in the pillar's section and in appendix A, every word in its place
        assert text.count(answer.comment) == 2, qid


def lines_broken(make_report, monkeypatch, comment: str) -> int:
    """How many lines reportlab breaks (again and again, for a paragraph split over pages) for a report
    that holds `comment` once: a measure of layout work that does not depend on the machine."""
    from reportlab.platypus.paragraph import Paragraph

    counted = []
    original = Paragraph.breakLines

    def counting(self, width):
        broken = original(self, width)
        counted.append(len(broken.lines))
        return broken

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    make_report({"a1_ja": Answer(value=False, comment=comment)})
    monkeypatch.undo()
    return sum(counted)


def test_layout_work_grows_linearly_with_the_length_of_a_text(make_report, monkeypatch):
    # Texts this long cannot be typed any more, but may still be in the database from before the limit.
    words = " ".join(WORDS)
    one_line = (words + " ") * 300                                   # about 35,000 characters
    many_lines = "\n".join(words[:index % 90 + 10] for index in range(3000))
    for text in (one_line, many_lines):
        single, double = lines_broken(make_report, monkeypatch, text), lines_broken(make_report, monkeypatch, text * 2)
        assert double < 2.2 * single, (len(text), single, double)


def test_a_text_longer_than_the_limit_prints_whole(make_report):
    unbroken = "x" * (3 * LONG_TEXT_MAX + 10)
    lines = "\n".join(f"regel {index}" for index in range(400))
    _, pdf = make_report({"a1_ja": Answer(value=False, comment=unbroken, evidence=lines)})
    text = "".join(pdf_text_pages := pdf_pages(pdf))
    assert text.count("x") >= 2 * len(unbroken)
    assert all(f"regel {index}" in text for index in (0, 199, 399))
    assert len(pdf_text_pages) < 40
