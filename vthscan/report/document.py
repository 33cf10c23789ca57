"""The PDF as a document, shared by the gap report and the comparison: metadata, the canvas that
finishes every page, bookmarks and the table of contents.

- Metadata: title, author, subject, the language (nl) and the report date as creation date, in the
  document information and as XMP; readers show the title instead of the file name. The date is the
  report's, never the clock, so the same content gives the same bytes.
- Every font is embedded: the canvas starts in the report's own font (reportlab would start in
  Helvetica, which is not embedded).
- The canvas keeps its pages until the end (`DocumentCanvas`), so that what only the whole document
  knows is written on each page then: "pagina X van Y", the page numbers in the table of contents,
  and the bookmarks (reportlab binds a bookmark to the page it is on when it is written).
- A draft gets the CONCEPT watermark as letter outlines, not as text: text extraction, search and a
  screen reader do not see it, and it does not break up the words of the page under it. It is drawn
  once as a form and placed on every page, marked as an artifact (not content).

The PDF is not tagged (see README, "Accessibility of the PDF"); reportlab cannot write tagged PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from . import aside
from . import styles as st
from .layout import PageInfo, WrapOnceParagraph, add_chart_image, escape_text, fit_text

LANGUAGE = "nl"
WATERMARK_FORM = "Watermark"


@dataclass(frozen=True)
class DocumentInfo:
    """What a PDF says about itself: its metadata."""

    title: str
    author: str
    subject: str
    created: date          # the report date: the creation date in the PDF
    creator: str = "vthscan"
    producer: str = "vthscan (reportlab)"


def pdf_document(buffer, pagesize, info: DocumentInfo) -> BaseDocTemplate:
    """A document with the reports' margins, metadata and font; readers show its title."""
    return BaseDocTemplate(
        buffer, pagesize=pagesize, invariant=1,
        leftMargin=st.MARGIN_LEFT, rightMargin=st.MARGIN_RIGHT,
        topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM,
        title=info.title, author=info.author, subject=info.subject, creator=info.creator,
        producer=info.producer, lang=f"{LANGUAGE}-NL", displayDocTitle=1,
        initialFontName=st.fonts().regular,
    )


# --- headings: the outline and the table of contents ---------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """A heading in the outline (and in the table of contents when `listed`)."""

    key: str
    title: str
    level: int = 0
    listed: bool = True


@dataclass
class Marks:
    """What the build learns about the pages, for when the pages are finished."""

    headings: dict[str, tuple[int, float]] = field(default_factory=dict)   # key -> (page, top y)
    outline: dict[int, list[tuple[Entry, float]]] = field(default_factory=dict)   # page -> entries
    # page -> the contents' lines on it: (entry, the line's rectangle, the baseline of its page number)
    contents: dict[int, list[tuple[Entry, tuple[float, float, float, float], float]]] = field(default_factory=dict)


class Heading(WrapOnceParagraph):
    """A heading paragraph that is also a bookmark (an outline entry) pointing at itself."""

    def __init__(self, text, style, entry: Entry):
        super().__init__(text, style)
        self.entry = entry

    def draw(self):
        super().draw()
        canvas = self.canv
        _, top = canvas.absolutePosition(0, self.height)
        marks: Marks = canvas.marks
        page = canvas.getPageNumber()
        marks.headings[self.entry.key] = (page, top)
        marks.outline.setdefault(page, []).append((self.entry, top))


def heading(title: str, style, key: str, level: int = 0, listed: bool = True) -> Heading:
    """A heading that is also in the outline (and, when `listed`, in the table of contents)."""
    return Heading(escape_text(title), style, Entry(key, title, level, listed))


class ContentsTable(Flowable):
    """The table of contents: one line per entry, its page number written when the pages are known.

    Every line is a link to its heading. The entries are known before the layout (they follow from
    the report's data), so the table's height is too, and one layout pass is enough.
    """

    LEADING = 16
    INDENT = 0.6 * cm

    def __init__(self, entries: list[Entry]):
        super().__init__()
        self.entries = [entry for entry in entries if entry.listed]

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.LEADING * len(self.entries)

    def draw(self):
        canvas, f = self.canv, st.fonts()
        marks: Marks = canvas.marks
        slots = marks.contents.setdefault(canvas.getPageNumber(), [])
        number_room = 1.2 * cm
        for index, entry in enumerate(self.entries):
            y = self.LEADING * (len(self.entries) - index - 1) + 4
            font, size = (f.bold, 10) if entry.level == 0 else (f.regular, 9)
            x = self.INDENT * entry.level
            title = fit_text(entry.title, font, size, self.width - x - number_room)
            canvas.setFont(font, size)
            canvas.setFillColor(st.TEXT)
            canvas.drawString(x, y, title)
            # dot leaders from the title to the page number
            canvas.setStrokeColor(st.GRID)
            canvas.setLineWidth(0.3)
            canvas.setDash(0.8, 2.2)
            start, end = x + stringWidth(title, font, size) + 4, self.width - number_room + 0.2 * cm
            if start < end:
                canvas.line(start, y, end, y)
            canvas.setDash()
            left, bottom = canvas.absolutePosition(x, y - 4)
            right, top = canvas.absolutePosition(self.width, y - 4 + self.LEADING)
            slots.append((entry, (left, bottom, right, top), bottom + 4))


# --- the canvas ------------------------------------------------------------------------------------------

def document_canvas(info: PageInfo, document: DocumentInfo):
    """A canvas class that keeps its pages until the end, then finishes each one: page number,
    watermark, the table of contents' page numbers and links, and the bookmarks."""

    class DocumentCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []
            self.marks = Marks()
            self.pending_images = {}    # name -> the chart, asked for at the save (layout.ChartImage)
            created = document.created
            self.setDateFormatter(lambda *_: f"D:{created:%Y%m%d}000000+00'00'")
            self._doc.Catalog.Metadata = XMP(creator=lambda _doc: xmp_packet(document).encode("utf-8"))
            if info.is_draft:
                _define_watermark(self)

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for name, chart in self.pending_images.items():
                add_chart_image(self, name, chart())
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self._finish_page(number, total)
                super().showPage()
            if self.marks.headings:
                self.showOutline()
            super().save()

        def _finish_page(self, number: int, total: int) -> None:
            f = st.fonts()
            width, _height = self._pagesize
            self.saveState()
            self.setFont(f.regular, 7.5)
            self.setFillColor(st.MUTED)
            self.drawRightString(width - st.MARGIN_RIGHT, st.FOOTER_Y, f"pagina {number} van {total}")
            self.restoreState()
            self._finish_contents(number)
            for entry, top in self.marks.outline.get(number, []):
                self.bookmarkPage(entry.key, fit="XYZ", left=0, top=top + 6)
                self.addOutlineEntry(entry.title, entry.key, level=entry.level)
            if info.is_draft:
                # On top of the content, translucent: tables with a background cannot hide it.
                self.saveState()
                self.setFillAlpha(0.28)     # here, not in the form: a form's own transparency is lost
                self.addLiteral("/Artifact <</Type /Pagination /Subtype /Watermark>> BDC")
                self.doForm(WATERMARK_FORM)
                self.addLiteral("EMC")
                self.restoreState()

        def _finish_contents(self, number: int) -> None:
            f = st.fonts()
            for entry, rectangle, baseline in self.marks.contents.get(number, []):
                found = self.marks.headings.get(entry.key)
                if found is None:
                    continue
                self.saveState()
                self.setFont(*((f.bold, 10) if entry.level == 0 else (f.regular, 9)))
                self.setFillColor(st.TEXT)
                self.drawRightString(rectangle[2], baseline, str(found[0]))
                self.restoreState()
                # named: the page's annotation counter was reset with the page's state
                self.linkRect("", entry.key, rectangle, relative=0, name=f"contents-{entry.key}")

    return DocumentCanvas


def xmp_packet(document: DocumentInfo) -> str:
    """The XMP metadata: title, author, subject, language and dates (Dublin Core and XMP basic)."""
    def text(value: str) -> str:
        return escape(value, {'"': "&quot;"})

    moment = f"{document.created:%Y-%m-%d}T00:00:00Z"
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:format>application/pdf</dc:format>'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(document.title)}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:creator><rdf:Seq><rdf:li>{text(document.author)}</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(document.subject)}</rdf:li></rdf:Alt>'
        f'</dc:description>'
        f'<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>'
        f'<xmp:CreateDate>{moment}</xmp:CreateDate><xmp:ModifyDate>{moment}</xmp:ModifyDate>'
        f'<xmp:MetadataDate>{moment}</xmp:MetadataDate><xmp:CreatorTool>{text(document.creator)}</xmp:CreatorTool>'
        f'<pdf:Producer>{text(document.producer)}</pdf:Producer>'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    )


# --- the watermark ---------------------------------------------------------------------------------------

WATERMARK_TEXT = "CONCEPT"
WATERMARK_SIZE = 96


def _define_watermark(canvas: Canvas) -> None:
    """The CONCEPT watermark as a form: letter outlines, rotated over the middle of the page."""
    width, height = canvas._pagesize
    canvas.beginForm(WATERMARK_FORM)
    canvas.saveState()
    canvas.setFillColor(st.WATERMARK)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(52)
    outlines = watermark_outlines()
    if outlines is None:    # no TrueType font (the Helvetica fallback): text is all there is
        canvas.setFont(st.fonts().bold, WATERMARK_SIZE)
        canvas.drawCentredString(0, -34, WATERMARK_TEXT)
    else:
        scale = WATERMARK_SIZE / outlines.units_per_em
        path = canvas.beginPath()
        for operator, points in outlines.operations:
            coordinates = [value for x, y in points
                           for value in ((x - outlines.advance / 2) * scale, y * scale - 34)]
            getattr(path, operator)(*coordinates)
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    canvas.endForm()


@dataclass(frozen=True)
class Outlines:
    operations: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]   # path operator, its points
    advance: float           # the text's width, in font units
    units_per_em: int


@cache
def watermark_outlines() -> Outlines | None:
    """The watermark's letters: prepared by the second process of `vthscan report`, else read here."""
    prepared = aside.prepared()
    return prepared.watermark if prepared is not None else letter_outlines(WATERMARK_TEXT)


@cache
def letter_outlines(text: str) -> Outlines | None:
    """The outlines of `text` in the bold report font (font units, baseline at 0), or None when the
    report font is not a TrueType file."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    path = st.font_file("bold")
    if path is None:
        return None
    font = TTFont(io.BytesIO(path.read_bytes()), lazy=True)   # only the glyphs of the text are read
    glyphs, cmap, metrics = font.getGlyphSet(), font.getBestCmap(), font["hmtx"]
    operations: list = []

    class Pen(BasePen):
        offset = 0.0

        def _moveTo(self, point):
            operations.append(("moveTo", (self._at(point),)))

        def _lineTo(self, point):
            operations.append(("lineTo", (self._at(point),)))

        def _curveToOne(self, first, second, third):
            operations.append(("curveTo", (self._at(first), self._at(second), self._at(third))))

        def _closePath(self):
            operations.append(("close", ()))

        def _at(self, point):
            return point[0] + self.offset, point[1]

    pen = Pen(glyphs)
    for character in text:
        name = cmap[ord(character)]
        glyphs[name].draw(pen)
        pen.offset += metrics[name][0]
    return Outlines(tuple(operations), pen.offset, font["head"].unitsPerEm)
