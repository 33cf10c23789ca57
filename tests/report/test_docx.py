"""The gap report as a Word document, read back with python-docx: the PDF's chapters as real headings,
tables with header rows, the plan as a table, pictures with a text alternative, Dutch properties, and
user text exactly as typed."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from vthscan.domain.answers import Answer, AnswerSet
from vthscan.domain.loader import load_questionnaire_text
from vthscan.domain.scoring import score
from vthscan.report import gap_texts as tx
from vthscan.report.model import ChartData

from .conftest import DATA, MINI_ANSWERS, REPORT_DATE, pdf_text

TYPED = "<script>alert('x')</script> & <b>vet</b>"
ORGANISATION = "Omgevingsdienst <Zuid> & Co"


@pytest.fixture(scope="module")
def marked():
    """The mini questionnaire with bases, a placeholder norm and sources with an address."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = (text
            .replace('  S1: "Testbron"\n',
                     '  S1: {title: "Testbron", url: "https://example.nl/bron"}\n  S2: "Zonder adres"\n')
            .replace('        knockout: true\n        sources: [S1]\n',
                     '        knockout: true\n        basis: reconstructie\n        sources: [S1, S2]\n')
            .replace('        thresholds: {voldoet: 80}\n',
                     '        thresholds: {voldoet: 80}\n        basis: ontwerp\n'
                     '        placeholder_norm: "De norm van 2 fte is een vuistregel."\n'))
    return load_questionnaire_text(text)


def build(questionnaire, answers=None, organisation=ORGANISATION, **fields):
    from vthscan.report.data import build_report_data

    answers = {**MINI_ANSWERS, **(answers or {})}
    answer_set = AnswerSet("mini", "1", organisation, "omgevingsdienst", "2026", answers)
    return build_report_data(questionnaire, answer_set, score(questionnaire, answers, "omgevingsdienst"),
                             generated_on=REPORT_DATE, **fields)


@pytest.fixture(scope="module")
def report(marked):
    return build(marked, {"a1_ja": Answer(value=False, comment=TYPED,
                                          evidence="Besluit: https://example.nl/besluit. Niet: javascript:alert(1)"),
                          "b1_banden": Answer(na=True, na_reason="Geen meldingen & <geen> klachten.")})


@pytest.fixture(scope="module")
def docx_bytes(report):
    from vthscan.report.docx import build_docx

    return build_docx(report)


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


def all_text(document) -> str:
    """The text of the body's paragraphs and of every table cell."""
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def headings(document) -> list[tuple[int, str]]:
    return [(int(p.style.name.removeprefix("Heading ")), p.text) for p in document.paragraphs
            if p.style.name.startswith("Heading ")]


def test_the_chapters_are_word_headings_in_the_order_of_the_pdf(report, document):
    found = headings(document)
    chapters = [text for level, text in found if level == 1]
    assert chapters == [tx.SUMMARY[1], tx.CHARTS[1], tx.PILLARS[1], tx.PLAN[1]] + [
        title for _key, title in tx.APPENDIX_TITLES[1:]]
    titles = {tx.pillar_title(pillar) for pillar in report.pillars}
    pillar_headings = [text for level, text in found if level == 2 and text in titles]
    assert pillar_headings == ["A  Pijler A", "B  Pijler B"]
    # never a level skipped (what the navigation pane and a screen reader rely on)
    assert found[0][0] == 1 and all(b[0] <= a[0] + 1 for a, b in zip(found, found[1:], strict=False))
    # the contents: its own heading (not listed in itself) and a table-of-contents field over Heading 1-2
    assert any(p.style.name == "TOC Heading" and p.text == "Inhoud" for p in document.paragraphs)
    assert 'TOC \\o "1-2"' in document.element.xml


def test_the_docx_has_the_pdfs_headings(report, document):
    """Same chapters and words: every heading of the Word version is in the PDF too."""
    from vthscan.report.gap_pdf import build_pdf

    text = pdf_text(build_pdf(report))
    for _level, heading in headings(document):
        assert " ".join(heading.split()) in text, heading


def test_every_table_repeats_its_header_row(document):
    assert len(document.tables) >= 6
    for table in document.tables:
        flags = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
                 for row in table.rows]
        assert flags[0] and not any(flags[1:])
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_the_summary_says_the_verdict_what_it_rests_on_the_knockouts_and_completeness(report, document):
    summary = report.summary
    text = all_text(document)
    assert summary.reliance.startswith("Let op: dit oordeel rust op")
    assert f"{summary.verdict} {summary.reliance}" in text
    assert f"Volledigheid: {summary.completeness}. Normprofiel: {report.profile_name}." in text
    knockouts = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert knockouts == ["A1 Criterium A1 (pijler A): score 37,5, nodig 75, niveau Tekort"]


def test_the_cover_names_who_signed_off_or_that_nobody_has(marked, document):
    from vthscan.report.docx import build_docx

    assert "Vastgesteld door\nnog niet vastgesteld" in all_text(document)
    signed = build(marked, status="vastgesteld", signed_off="Petra de Vries (petra@od.nl) op 12-03-2026 14:05 UTC")
    text = all_text(Document(io.BytesIO(build_docx(signed))))
    assert "Vastgesteld door\nPetra de Vries (petra@od.nl) op 12-03-2026 14:05 UTC" in text


def test_each_criterion_table_has_the_basis_column(document):
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == list(tx.CRITERION_TABLE_HEAD))
    rows = {row.cells[0].text.split()[0]: row.cells[-1].text for row in table.rows[1:]}
    assert rows == {"A1": "reconstructie\nbron S1, S2", "A2": "ontwerpkeuze\nvoorlopige norm"}
    assert "Voorlopige norm bij A2: De norm van 2 fte is een vuistregel." in all_text(document)


def test_the_plan_is_a_table_with_a_row_per_action_and_the_effect_once_per_criterion(report, document):
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == list(tx.PLAN_ROWS_HEAD))
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(report.actions) >= 3
    for row, action in zip(rows, report.actions, strict=True):
        number, criterion, text, owner, planning, term, effect = row
        assert (number, text, owner) == (str(action.number), action.text, action.owner)
        assert criterion.startswith(f"{action.criterion}  {action.criterion_title}")
        assert planning == f"{action.priority}\ninspanning {action.effort}"
        assert term == f"{action.period}\n({action.term})"
        assert effect == (action.effect if action.first_of_criterion
                          else f"zoals bij de eerste actie van {action.criterion}")
    effects = [row[6] for row in rows]
    assert len(set(effects)) == len(effects)       # no effect sentence twice
    # a landscape page for the plan's seven columns, and back to portrait after it
    assert [section.orientation for section in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE,
                                                                       WD_ORIENT.PORTRAIT]


def test_every_picture_is_a_png_chart_with_a_text_alternative_that_names_the_scores(report, document):
    shapes = list(document.inline_shapes)
    assert len(shapes) == 2
    descriptions = [shape._inline.docPr.get("descr") for shape in shapes]
    assert descriptions == [tx.pillar_chart_alt(report.charts), tx.criteria_chart_alt(report.charts)]
    assert descriptions[0] == "Staafdiagram van de scores per pijler: A 52,5; B 75."
    for row in report.charts.criteria:
        assert f"{row[0]} " in descriptions[1]
    assert [shape._inline.docPr.get("title") for shape in shapes] == [tx.PILLAR_FIGURE, tx.CRITERIA_FIGURE]
    images = [part for part in document.part.package.parts if part.partname.startswith("/word/media/")]
    assert len(images) == 2 and all(part.content_type == "image/png" for part in images)


def test_a_radar_of_three_or_more_pillars_is_described_as_one():
    charts = ChartData(("Voldoet", "Tekort"), ("#2E7D32", "#C62828"), pillars=(
        ("R", "Randvoorwaarden", 48.75, 1, (75.0,), "R", False),
        ("P1", "Vergunningen", 55.03, 1, (75.0,), "P1", False),
        ("P2", "Toezicht", None, None, (75.0,), "P2", False)), criteria=())
    assert tx.pillar_chart_alt(charts) == ("Radardiagram van de scores per pijler: R 48,8; P1 55; "
                                           "P2 niet beoordeeld.")


def test_properties_and_language_are_dutch(report, document):
    properties = document.core_properties
    assert properties.title == f"Zelfevaluatie 2026 - {ORGANISATION}"
    assert properties.subject == "Mini-vragenlijst (mini versie 1)"
    assert properties.author == ORGANISATION and properties.language == "nl-NL"
    assert properties.created.date() == REPORT_DATE == properties.modified.date()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "nl-NL"


def test_user_text_is_printed_as_typed_and_never_interpreted(docx_bytes, document):
    text = all_text(document)
    for typed in (ORGANISATION, TYPED, "Geen meldingen & <geen> klachten."):
        assert typed in text, typed
    body = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml").decode()
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_only_web_addresses_become_links(document):
    links = {rel.target_ref for rel in document.part.rels.values() if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK}
    assert links == {"https://example.nl/besluit", "https://example.nl/bron"}
    sources = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == list(tx.SOURCES_HEAD))
    assert [[cell.text for cell in row.cells] for row in sources.rows[1:]] == [
        ["S1", "Testbron", "https://example.nl/bron", "A1"], ["S2", "Zonder adres", "niet vastgelegd", "A1"]]


def test_the_same_report_gives_the_same_document(report, docx_bytes):
    from vthscan.report.docx import build_docx

    def parts(data: bytes) -> dict[str, bytes]:
        archive = zipfile.ZipFile(io.BytesIO(data))
        return {name: archive.read(name) for name in archive.namelist()}

    assert parts(build_docx(report)) == parts(docx_bytes)


def test_the_state_of_the_plan_van_aanpak_follows_the_plan(report, mini):
    from vthscan.report.docx import build_docx
    from vthscan.report.plan_data import build_plan_section

    from .test_plan_section import PLAN, TODAY

    document = Document(io.BytesIO(build_docx(report, build_plan_section(PLAN, mini, TODAY))))
    chapters = [text for level, text in headings(document) if level == 1]
    assert chapters[chapters.index(tx.PLAN[1]) + 1] == tx.PLAN_STATE[1]
    text = all_text(document)
    for phrase in ("Sluit aan op <b>Inspectieview</b> & meer.", "bezig (te laat)", "Offerte <para> gevraagd.",
                   "Planning: van 01-01-2026 tot 01-05-2026"):
        assert phrase in text, phrase

