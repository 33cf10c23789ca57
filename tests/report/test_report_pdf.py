"""The PDF itself, read back with pypdf: content, watermark, escaping, page numbers, determinism."""

from __future__ import annotations

import io
from dataclasses import replace

from vthscan.domain.answers import Answer
from vthscan.report import charts

from .conftest import MINI_ANSWERS, pdf_pages, pdf_text, watermarked


def test_report_shows_verdict_scores_and_actions(make_report):
    data, pdf = make_report()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Het totaaloordeel voor Omgevingsdienst Test is: Tekort." in text
    assert "De totaalscore is 60 van de 100 punten." in text
    for phrase in ("Samenvatting", "Grafieken", "Uitkomsten per pijler", "Verbeterplan",
                   "Bijlage A. Alle vragen en antwoorden", "Bijlage B. Rekenwijze", "Bijlage C. Drempels",
                   "Bijlage D. Herkomst", "Doe iets aan A1.", "Verbeter A2 stap 2.",
                   "Haalt A1 de drempel van Voldoet (75; nu 37,5), dan gaat pijler A van Tekort naar Aandachtspunt",
                   "52,5", "57,5", "2 - Vastgelegd", "1,5 fte", "Wij hebben geen meldingen.",
                   "Jaarverslag 2025, p. 4", "mini versie 1"):
        assert phrase in text, phrase
    assert data.fingerprint in text.replace(" ", "")     # the long hash may wrap


def test_draft_has_watermark_on_every_page(make_report):
    _, pdf = make_report()
    assert all(watermarked(pdf))


def test_final_report_has_no_watermark(make_report):
    _, pdf = make_report(status="vastgesteld")
    assert not any(watermarked(pdf))
    assert "Vastgesteld" in pdf_text(pdf)


def test_profile_name_is_printed(make_report, strict_profile):
    _, pdf = make_report(profile=strict_profile)
    text = pdf_text(pdf)
    assert "Normprofiel Streng voor de test" in text
    assert "normprofiel: Streng voor de test" in text    # the footer of every page


def test_page_numbers_on_every_page(make_report):
    _, pdf = make_report()
    pages = pdf_pages(pdf)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {total}" in page


def test_user_text_prints_as_typed(make_report):
    nasty = "<b>vet</b> & <para> </para> <font size=40>x</font> &amp; ë é € ≥"
    _, pdf = make_report({
        "a1_ja": Answer(value=True, comment=nasty, evidence="<i>bewijs</i> & co"),
        "a2_tekst": Answer(value="<para>tekst & meer</para>"),
        "b1_banden": Answer(na=True, na_reason="<br/> geen & niets"),
    }, organisation="Dienst <Noord> & Zuid", assessment_name="Scan <2026> & verder")
    text = pdf_text(pdf)
    for typed in (nasty, "<i>bewijs</i> & co", "<para>tekst & meer</para>", "<br/> geen & niets",
                  "Dienst <Noord> & Zuid", "Scan <2026> & verder"):
        assert typed in text, typed


def test_long_comment_wraps_and_adds_pages_sensibly(make_report):
    _, short = make_report()
    words = " ".join(f"woord{i}" for i in range(700))              # about 5,000 characters
    assert len(words) >= 5000
    _, one = make_report({"a1_ja": Answer(value=False, comment=words)})
    _, unbroken = make_report({"a1_ja": Answer(value=False, comment="x" * 5000)})
    five = {qid: replace(answer, comment=words) for qid, answer in MINI_ANSWERS.items()}
    _, many = make_report(five)
    base = len(pdf_pages(short))
    assert base < len(pdf_pages(one)) <= base + 3
    assert len(pdf_pages(unbroken)) <= base + 3
    # Each long comment appears in the pillar section and in appendix A: about 1 page per 2 comments.
    assert len(pdf_pages(one)) < len(pdf_pages(many)) <= base + 3 * len(five)
    text = pdf_text(one)
    assert "woord0 woord1" in text and "woord699" in text


def test_same_data_gives_the_same_bytes(make_report):
    _, first = make_report()
    charts.cache_clear()
    _, second = make_report()          # charts drawn again
    _, third = make_report()           # charts from the cache
    assert first == second == third
    assert b"D:20260312000000" in first     # the report date, not the clock


def test_charts_are_cached_by_content(make_report):
    charts.cache_clear()
    make_report()
    misses = charts._bars.cache_info().misses
    make_report()
    assert charts._bars.cache_info().misses == misses
    make_report({"a1_ja": Answer(value=True)})                  # other scores: drawn again
    assert charts._bars.cache_info().misses > misses


def test_unanswered_assessment_still_renders(make_report):
    _, pdf = make_report({qid: Answer() for qid in MINI_ANSWERS})
    text = pdf_text(pdf)
    assert "niet beoordeeld" in text and "Er zijn geen verbeteracties nodig" in text


def test_charts_are_embedded_at_full_resolution(make_report):
    """Both charts are in the PDF as images with exactly the drawn pixels (200 dpi on the page)."""
    from pypdf import PdfReader

    data, pdf = make_report()
    drawn = [charts.radar_chart(data.charts), charts.criteria_chart(data.charts)]
    images = [image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]
    embedded = sorted((image.image.size, image.image.convert("RGB").tobytes()) for image in images)
    assert embedded == sorted((chart.pixels, chart.rgb) for chart in drawn)
    assert all(chart.pixels[0] / chart.width_in >= 200 for chart in drawn)


def test_table_cells_print_user_text_as_typed():
    """A short cell becomes a plain string, a long one a wrapping paragraph: both print what was typed."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from vthscan.report import styles as st
    from vthscan.report.layout import cell, frame_table

    short = "<b>Noord</b> & <para>"
    long = "<i>Zuid</i> & " + "lange naam " * 30
    table = frame_table([[cell("Naam", st.styles().cell_head)], [cell(short, st.styles().cell)],
                         [cell(long, st.styles().cell)]], [0.5])
    assert table._cellvalues[1][0] == short                        # plain: never parsed as markup
    assert isinstance(table._cellvalues[2][0], Paragraph)          # too wide for one line: wraps
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([table])
    text = pdf_text(buffer.getvalue())
    assert short in text and " ".join(long.split()) in text
