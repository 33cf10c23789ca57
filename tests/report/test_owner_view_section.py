"""The owners' own view in the gap report: its data (the wording per criterion, with or without names)
and the section "Oordeel van de eigenaren" in the PDF, with user text printed as typed."""

from __future__ import annotations

import pytest

from vthscan.domain.loader import load_questionnaire_text
from vthscan.domain.owner_view import OwnerView, summarize, without_names
from vthscan.report.gap_pdf import build_pdf, contents_entries
from vthscan.report.owner_view_data import build_owner_view_section

from .conftest import DATA, pdf_text

VIEWS = [OwnerView("Gemeente <b>Noord</b>", "A1", "aandachtspunt", "Wij zien <para> zorgen & meer."),
         OwnerView("Gemeente Zuid", "A1", "tekort", "Te krap bezet."),
         OwnerView("Provincie West", "A1", "aandachtspunt"),
         OwnerView("Gemeente Zuid", "G1", "voldoet", ""),
         OwnerView("Provincie West", "G1", None, "Niet te beoordelen.")]
STATUS = "De ronde is open sinds 01-03-2026."


@pytest.fixture(scope="module")
def owners():
    """The mini questionnaire with pillar A called R, so A1 and A2 are criteria the owners give a view of."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    return load_questionnaire_text(text.replace('  - id: A\n    title: "Pijler A"', '  - id: R\n    title: "Pijler R"'))


def section(questionnaire, names: bool = True):
    summary = summarize(questionnaire, {"A1": "aandachtspunt", "A2": "tekort"}, VIEWS, asked=4)
    return build_owner_view_section(questionnaire, summary if names else without_names(summary), STATUS)


def rows(found):
    return {row.criterion: row for row in found.rows}


def test_the_section_data_with_names(owners):
    found = section(owners)
    assert (found.status, found.answered, found.talking_points) == (
        STATUS, "3 van 4 eigenaren gaven een oordeel.", "1 gesprekspunt: A1.")
    assert found.note.startswith("Het oordeel van de eigenaren verandert de score en de niveaus")
    a1, g1 = rows(found)["A1"], rows(found)["G1"]
    assert (a1.od_level, a1.given, a1.agree, a1.spread, a1.differs_most, a1.talking_point) == (
        "Aandachtspunt", "3 van 4 eigenaren", "2 van 3", "Tekort tot Aandachtspunt", "Gemeente Zuid (1 niveau)",
        "◆ gesprekspunt")
    assert [(v.owner, v.level, v.explanation) for v in a1.views] == [
        ("Gemeente <b>Noord</b>", "Aandachtspunt", "Wij zien <para> zorgen & meer."),
        ("Gemeente Zuid", "Tekort", "Te krap bezet."), ("Provincie West", "Aandachtspunt", "")]
    assert (g1.od_level, g1.given, g1.agree, g1.spread, g1.differs_most, g1.talking_point, g1.is_talking_point) == (
        "OD heeft geen oordeel", "1 van 4 eigenaren", "–", "Voldoet", "–", "OD heeft geen oordeel", False)
    assert [(v.owner, v.level) for v in g1.views] == [("Gemeente Zuid", "Voldoet"), ("Provincie West", "Geen oordeel")]
    a2 = rows(found)["A2"]
    assert (a2.od_level, a2.given, a2.agree, a2.spread, a2.differs_most, a2.talking_point) == (
        "Tekort", "0 van 4 eigenaren", "–", "–", "–", "")


def test_the_section_data_without_names(owners):
    a1 = rows(section(owners, names=False))["A1"]
    assert a1.differs_most == "1 eigenaar, 1 niveau" and a1.views == ()
    assert (a1.agree, a1.spread) == ("2 van 3", "Tekort tot Aandachtspunt")


def test_the_gap_report_prints_the_section_before_the_appendices(make_report, owners):
    data, without = make_report()
    assert "Oordeel van de eigenaren" not in pdf_text(without)
    keys = [entry.key for entry in contents_entries(data, None, section(owners))]
    assert keys.index("verbeterplan") < keys.index("eigenaren") < keys.index("bijlage-a")
    text = pdf_text(build_pdf(data, None, section(owners))).replace("- ", "")
    for phrase in ("Oordeel van de eigenaren", "verandert de score en de niveaus van de omgevingsdienst niet",
                   "1 gesprekspunt: A1.", "◆ gesprekspunt", "OD heeft geen oordeel", "De oordelen per eigenaar",
                   "Gemeente <b>Noord</b>", "Wij zien <para> zorgen & meer.", "Niet te beoordelen."):
        assert phrase in text, phrase


def test_the_gap_report_without_names_names_nobody(make_report, owners):
    data, _pdf = make_report()
    text = pdf_text(build_pdf(data, None, section(owners, names=False))).replace("- ", "")
    assert "1 gesprekspunt: A1." in text and "1 eigenaar, 1 niveau" in text
    for secret in ("Noord", "Gemeente Zuid", "Provincie West", "Te krap bezet.", "De oordelen per eigenaar"):
        assert secret not in text, secret


def test_the_word_version_has_the_same_section(make_report, owners):
    import io

    from docx import Document

    from vthscan.report.docx import build_docx

    data, _pdf = make_report()
    document = Document(io.BytesIO(build_docx(data, None, section(owners))))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    for phrase in ("Oordeel van de eigenaren", "1 gesprekspunt: A1.", "◆ gesprekspunt", "Gemeente <b>Noord</b>",
                   "Wij zien <para> zorgen & meer.", "eens met de OD: 2 van 3", "Tekort tot Aandachtspunt"):
        assert phrase in text, phrase
    hidden = Document(io.BytesIO(build_docx(data, None, section(owners, names=False))))
    text = "\n".join([p.text for p in hidden.paragraphs]
                     + [cell.text for table in hidden.tables for row in table.rows for cell in row.cells])
    assert "1 eigenaar, 1 niveau" in text and "Noord" not in text and "Te krap bezet." not in text
