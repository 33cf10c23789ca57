"""Fixtures for the report tests: the mini questionnaire, answers with sensible defaults, PDF text."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from vthscan.domain.answers import Answer, AnswerSet
from vthscan.domain.loader import load_profile_text, load_questionnaire
from vthscan.domain.scoring import score

DATA = Path(__file__).resolve().parent.parent / "data"
REPO = Path(__file__).resolve().parents[2]
REPORT_DATE = date(2026, 3, 12)

# A fully answered mini assessment for an omgevingsdienst: pillars A and B.
MINI_ANSWERS = {
    "a1_ja": Answer(value=False, comment="Nog geen besluit genomen."),
    "a1_schaal": Answer(value=2, evidence="Jaarverslag 2025, p. 4"),
    "a2_keuze": Answer(value="matig"),
    "a2_norm": Answer(value=1.5),
    "a2_tekst": Answer(value="Een open antwoord."),
    "b1_lineair": Answer(value=40),
    "b1_banden": Answer(na=True, na_reason="Wij hebben geen meldingen."),
}


@pytest.fixture(scope="session")
def mini():
    return load_questionnaire(DATA / "mini.yaml")


@pytest.fixture(scope="session")
def mini_text_two_knockouts():
    """The mini questionnaire with B1 as a second knock-out criterion."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    return text.replace("      - id: B1\n        title: \"Criterium B1\"\n",
                        "      - id: B1\n        title: \"Criterium B1\"\n        knockout: true\n")


@pytest.fixture(scope="session")
def strict_profile(mini):
    return load_profile_text(
        "schema: vthscan.thresholds/1\nquestionnaire: mini\nname: Streng voor de test\n"
        "thresholds: {voldoet: 90, aandachtspunt: 60}\n", mini, "streng.yaml")


@pytest.fixture
def make_report(mini):
    """Build (data, pdf bytes) for the mini questionnaire; override answers or report fields."""
    from vthscan.report.data import build_report_data
    from vthscan.report.gap_pdf import build_pdf

    def make(changes: dict[str, Answer] | None = None, *, profile=None, organisation="Omgevingsdienst Test",
             **fields):
        answers = {**MINI_ANSWERS, **(changes or {})}
        answer_set = AnswerSet("mini", "1", organisation, "omgevingsdienst", "2026", answers)
        result = score(mini, answers, "omgevingsdienst", profile)
        data = build_report_data(mini, answer_set, result, generated_on=fields.pop("generated_on", REPORT_DATE),
                                 **fields)
        return data, build_pdf(data)

    return make


def pdf_pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def watermarked(pdf: bytes) -> list[bool]:
    """Per page: does it carry the CONCEPT watermark (drawn as outlines, so it is not in the text)."""
    from pypdf import PdfReader

    return [any("Watermark" in name for name in page["/Resources"].get("/XObject") or {})
            for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF, with line breaks and repeated spaces folded to one space."""
    return " ".join(" ".join(pdf_pages(pdf)).split())
