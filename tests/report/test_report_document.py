"""The gap report as a PDF document, read back with pypdf: fonts, metadata, outline, contents, links,
watermark."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from vthscan.domain.answers import Answer

from .conftest import pdf_pages


def reader_of(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def fonts_of(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use (also inside form XObjects): its name and whether it is embedded."""
    found = {}

    def visit(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def outline_titles(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every outline entry, in order."""
    entries = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            entries += outline_titles(reader, item, depth + 1)
        else:
            entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return entries


def link_uris(reader: PdfReader) -> list[str]:
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                uris.append(str(action.get_object()["/URI"]))
    return uris


def test_every_font_is_embedded(make_report):
    _, pdf = make_report()
    fonts = fonts_of(reader_of(pdf))
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_document_title_is_shown_and_language_is_dutch(make_report):
    data, pdf = make_report()
    reader = reader_of(pdf)
    root = reader.trailer["/Root"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True   # noqa: E712 (a pypdf BooleanObject)
    assert str(root["/Lang"]).startswith("nl")
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": reader.metadata.title}
    assert reader.metadata.title == f"{data.assessment_name} - {data.organisation}"
    assert xmp.dc_language == ["nl"]


def test_xmp_escapes_user_text(make_report):
    _, pdf = make_report(organisation="Dienst <Noord> & \"Zuid\"")
    xmp = reader_of(pdf).xmp_metadata
    assert xmp.dc_title == {"x-default": "Zelfevaluatie 2026 - Dienst <Noord> & \"Zuid\""}
    assert xmp.dc_creator == ["Dienst <Noord> & \"Zuid\""]


def test_creation_date_is_the_report_date_and_bytes_stay_the_same(make_report):
    from datetime import date

    _, first = make_report(generated_on=date(2026, 11, 1))
    _, second = make_report(generated_on=date(2026, 11, 1))
    assert first == second
    metadata = reader_of(first).metadata
    assert metadata.creation_date == datetime(2026, 11, 1, tzinfo=UTC)
    assert metadata.modification_date == metadata.creation_date
    assert reader_of(first).xmp_metadata.xmp_create_date == datetime(2026, 11, 1)


def test_watermark_is_on_every_page_of_a_draft_but_not_in_its_text(make_report):
    _, pdf = make_report()
    reader = reader_of(pdf)
    for page in reader.pages:
        assert "CONCEPT" not in page.extract_text()
        assert any("Watermark" in name for name in page["/Resources"]["/XObject"])
    final = reader_of(make_report(status="vastgesteld")[1])
    assert not any("Watermark" in name for page in final.pages for name in page["/Resources"].get("/XObject") or {})


def test_outline_has_every_chapter_and_pillar_on_its_page(make_report):
    _, pdf = make_report()
    reader = reader_of(pdf)
    entries = outline_titles(reader)
    titles = [title for _, title, _ in entries]
    assert titles[:4] == ["Inhoud", "Samenvatting", "Grafieken", "Uitkomsten per pijler"]
    assert (1, "A  Pijler A", ) == next((d, t) for d, t, _ in entries if t.startswith("A  "))
    assert (1, "B  Pijler B") == next((d, t) for d, t, _ in entries if t.startswith("B  "))
    for expected in ("Verbeterplan", "Bijlage A. Alle vragen en antwoorden", "Bijlage B. Rekenwijze",
                     "Bijlage C. Drempels in dit rapport", "Bijlage D. Herkomst van dit rapport",
                     "Bijlage E. Bronnen"):
        assert expected in titles, expected
    pages = pdf_pages(pdf)
    for _, title, page in entries:
        assert " ".join(title.split()) in " ".join(pages[page - 1].split()), title
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_contents_page_lists_the_chapters_with_their_pages_as_links(make_report):
    _, pdf = make_report()
    reader = reader_of(pdf)
    lines = [" ".join(line.replace(".", " ").split())
             for line in reader.pages[1].extract_text(extraction_mode="layout").splitlines()]
    assert "Inhoud" in lines
    entries = {title: page for depth, title, page in outline_titles(reader)}
    for title in ("Samenvatting", "Verbeterplan", "A Pijler A", "Bijlage E Bronnen"):
        page = entries[title.replace("Bijlage E ", "Bijlage E. ").replace("A Pijler", "A  Pijler")]
        assert f"{title} {page}" in lines, title
    links = [annotation.get_object() for annotation in reader.pages[1].get("/Annots") or []]
    internal = [link for link in links if "/Dest" in link]
    assert len(internal) >= len([t for t in entries if not t.startswith(("A  ", "B  "))]) - 1


def test_colophon_says_the_pdf_is_not_tagged_and_names_the_accessible_versions(make_report):
    _, pdf = make_report()
    contents = " ".join(pdf_pages(pdf)[1].split())
    assert "Colofon" in contents
    assert "niet getagd" in contents
    assert "resultatenpagina" in contents and "WCAG 2.1" in contents and "Word-versie" in contents


@pytest.mark.parametrize(("evidence", "linked"), [
    ("https://example.nl/besluit?id=1&x=2", ["https://example.nl/besluit?id=1&x=2"]),
    ("Zie http://intranet.example/a. En het jaarverslag.", ["http://intranet.example/a"]),
    ("javascript:alert(1)", []),
    ("ftp://example.nl/bestand", []),
    ("file:///etc/passwd", []),
    ("https://example.nl/\"><script>", ["https://example.nl/"]),
])
def test_evidence_links_are_clickable_for_http_and_https_only(make_report, evidence, linked):
    _, pdf = make_report({"a1_ja": Answer(value=False, evidence=evidence)})
    assert sorted(set(link_uris(reader_of(pdf)))) == linked
    assert " ".join(evidence.split()) in " ".join(" ".join(pdf_pages(pdf)).split())
