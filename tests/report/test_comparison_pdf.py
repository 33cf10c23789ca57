"""The comparison PDF that owners read at a glance: page 1 the pillars by organisation."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from vthscan.domain.answers import Answer
from vthscan.domain.comparison import Assessment, compare
from vthscan.report.comparison_pdf import _pillar_map, build_comparison_pdf

from .conftest import MINI_ANSWERS
from .test_report_document import fonts_of, outline_titles

STRONG = {**MINI_ANSWERS, "a1_ja": Answer(value=True), "a1_schaal": Answer(value=4), "a2_keuze": Answer(value="goed"),
          "a2_norm": Answer(value=2), "b1_lineair": Answer(value=20), "b1_banden": Answer(value=95)}


@pytest.fixture
def comparison(mini):
    return compare([
        Assessment("OD Noord", "omgevingsdienst", "2026", mini, STRONG, "vastgesteld op 01-03-2026"),
        Assessment("OD <Zuid> & co", "omgevingsdienst", "2025", mini, MINI_ANSWERS, "vastgesteld op 02-02-2025"),
        Assessment("OD Oost", "omgevingsdienst", "2026", mini, {**MINI_ANSWERS, "b1_lineair": Answer(value=90)}),
    ])


def test_page_one_is_the_pillar_heat_map_with_status_period_and_symbols(comparison, mini):
    pdf = build_comparison_pdf(comparison, mini, date(2026, 3, 1), author="Anna de Vries")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    first = pages[0]
    for phrase in ("Pijlers per organisatie", "OD Noord", "OD <Zuid> & co", "OD Oost",
                   "vastgesteld op 01-03-2026 · 2026", "vastgesteld op 02-02-2025 · 2025", "status onbekend · 2026",
                   "Totaal Totaaloordeel", "A Pijler A", "B Pijler B", "✔", "✖", "▲",
                   "Let op: de beoordelingen gaan over verschillende perioden (2026, 2025)."):
        assert phrase in first, phrase
    assert "Opdrachtgeverschap" not in " ".join(pages)        # pillar G is for none of these organisations
    assert "A1 Criterium A1" not in first and "A1 Criterium A1" in " ".join(pages[1:])


def test_one_period_gives_no_warning(mini):
    same = compare([Assessment("OD Noord", "omgevingsdienst", "2026", mini, STRONG),
                    Assessment("OD Oost", "omgevingsdienst", "2026", mini, MINI_ANSWERS)])
    first = PdfReader(io.BytesIO(build_comparison_pdf(same, mini, date(2026, 3, 1)))).pages[0].extract_text()
    assert "verschillende perioden" not in first


def test_the_weakest_cell_of_each_row_is_outlined(comparison):
    table = next(flowable for flowable in _pillar_map(comparison) if hasattr(flowable, "_cellvalues"))
    boxes = sorted(command[1] for command in table._linecmds if command[0] == "BOX")
    # (column, row); rows 2, 3, 4: total, pillar A, pillar B; columns 1-3: Noord, Zuid, Oost.
    # Total: Oost 39,2 lowest; A: Zuid and Oost tie at 52,5 (both outlined); B: Oost 12,5.
    assert boxes == [(2, 3), (3, 2), (3, 3), (3, 4)]


def test_metadata_outline_and_fonts(comparison, mini):
    pdf = build_comparison_pdf(comparison, mini, date(2026, 3, 1), author="Anna de Vries")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.author == "Anna de Vries"
    assert reader.metadata.subject.startswith("Vergelijking van 3 zelfevaluaties met mini versie 1")
    assert "OD <Zuid> & co (2025)" in reader.metadata.subject
    assert reader.xmp_metadata.dc_creator == ["Anna de Vries"]
    assert all(fonts_of(reader).values())
    titles = [title for _, title, _ in outline_titles(reader)]
    assert titles[:2] == ["Vergelijking van zelfevaluaties", "Totaaloordelen"]
    assert build_comparison_pdf(comparison, mini, date(2026, 3, 1), author="Anna de Vries") == pdf
