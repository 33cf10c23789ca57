"""The kit every PDF is made with (the gap report and the comparison): frames, the page's header and
footer, paragraphs and tables, and chart images. Fonts, colours and paragraph styles come from
`styles.py`; the document itself (metadata, page numbers, watermark, outline) from `document.py`.

Every text from a user (organisation, names, comments, evidence, text answers, N/A reasons) and from
the questionnaire passes `escape_text()`, which escapes it, before it enters a Paragraph. Long user
texts are never put in table cells: a cell cannot split over pages, a paragraph can, and
`labelled_texts` keeps the layout time of a long text linear. A document made here gives the same
bytes for the same content (reportlab's invariant mode, no clock, chart pixels without metadata).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table

from ..domain.limits import LONG_TEXT_MAX
from . import charts
from . import styles as st
from .addresses import address_parts
from .styles import parts_of

# --- pages -----------------------------------------------------------------------------------------------

def body_frame(width: float, height: float, name: str = "body") -> Frame:
    """A frame at the page's margins, `width` by `height`, without padding of its own."""
    return Frame(st.MARGIN_LEFT, st.MARGIN_BOTTOM, width, height, id=name,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


@dataclass(frozen=True)
class PageInfo:
    """What the header and footer of every page say; shared by the gap report and the comparison."""

    header_left: str
    header_right: str
    footer: str
    is_draft: bool


COVER_BAND = 5.2 * cm   # the navy band at the top of a cover page; the cover's frame starts below it


def decorate_page(canvas: Canvas, info: PageInfo, cover_page: bool) -> None:
    """Header and footer (the page numbers follow in `numbered_canvas`, once the total is known).

    Works for portrait and landscape pages alike: positions follow the canvas's page size.
    """
    f = st.fonts()
    width, height = canvas._pagesize
    right_edge = width - st.MARGIN_RIGHT
    frame_width = right_edge - st.MARGIN_LEFT
    header_y = height - 1.4 * cm
    canvas.saveState()
    if cover_page:
        canvas.setFillColor(st.NAVY)
        canvas.rect(0, height - COVER_BAND, width, COVER_BAND, stroke=0, fill=1)
        canvas.setFillColor(st.WHITE)
        canvas.setFont(f.bold, 11)
        canvas.drawString(st.MARGIN_LEFT, height - 1.6 * cm, "VTH-zelfscan")
        canvas.setFont(f.regular, 9)
        canvas.drawString(st.MARGIN_LEFT, height - 2.2 * cm,
                          "Zelfevaluatie vergunningverlening, toezicht en handhaving")
        canvas.setFillColor(st.SKY)
        canvas.rect(0, height - COVER_BAND - 0.25 * cm, width, 0.25 * cm, stroke=0, fill=1)
    else:
        canvas.setFont(f.regular, 7.5)
        canvas.setFillColor(st.MUTED)
        half = frame_width / 2 - 0.3 * cm
        canvas.drawString(st.MARGIN_LEFT, header_y, fit_text(info.header_left, f.regular, 7.5, half))
        canvas.drawRightString(right_edge, header_y, fit_text(info.header_right, f.regular, 7.5, half))
        canvas.setStrokeColor(st.SKY)
        canvas.setLineWidth(0.6)
        canvas.line(st.MARGIN_LEFT, header_y - 2.5 * mm, right_edge, header_y - 2.5 * mm)
    canvas.setStrokeColor(st.GRID)
    canvas.setLineWidth(0.4)
    canvas.line(st.MARGIN_LEFT, st.FOOTER_Y + 3.5 * mm, right_edge, st.FOOTER_Y + 3.5 * mm)
    canvas.setFont(f.regular, 7.5)
    canvas.setFillColor(st.MUTED)
    canvas.drawString(st.MARGIN_LEFT, st.FOOTER_Y, fit_text(info.footer, f.regular, 7.5, frame_width - 3.2 * cm))
    canvas.restoreState()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Shorten a header/footer text to fit its place on the page."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- paragraphs ------------------------------------------------------------------------------------------

class WrapOnceParagraph(Paragraph):
    """A Paragraph that lays out its lines once per width.

    Platypus asks a paragraph for its size several times at the same width (a table measures its
    cells and then draws them, KeepTogether and keepWithNext measure ahead, a frame measures again
    before it places). Line breaking is most of the report's layout time, and its result depends
    only on the width, so it is kept and reused; a new width lays out again.
    """

    def wrap(self, availWidth, availHeight):
        known = self.__dict__.get("_wrapped")
        if known is not None and known[0] == availWidth:
            _, self.width, self.height, self.blPara = known
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.width, self.height, self.blPara)
        return width, height


def escape_text(text: str) -> str:
    """Escape a text for a Paragraph and keep its line breaks: '<b> & <para>' prints as typed."""
    return escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


def linked_text(text: str) -> str:
    """`escape_text`, with every http(s) address in the text a link that opens it."""
    return "".join(f'<a href="{escape(part, {chr(34): "&quot;"})}" color="#01689B">{escape_text(part)}</a>'
                   if is_address else escape_text(part) for part, is_address in address_parts(text))


def runs_markup(runs) -> str:
    """Markup for a sentence of runs (see `gap_texts`): every text escaped, in bold or italic as marked."""
    return "".join(f"<{style}>{escape_text(text)}</{style}>" if style else escape_text(text) for text, style in runs)


def para(text: str, style) -> Paragraph:
    return WrapOnceParagraph(escape_text(text), style)


def markup_para(markup: str, style) -> Paragraph:
    """A paragraph from markup built here, whose variable parts already went through `escape_text`."""
    return WrapOnceParagraph(markup, style)


# A user text that takes up to about a third of a page shares the paragraph of its label; a longer
# one gets paragraphs of its own. Lines are estimated: about 100 characters fit on one.
SHORT_TEXT_LINES = 30
CHARACTERS_PER_LINE = 100


def is_long(text: str) -> bool:
    return sum(1 + len(line) // CHARACTERS_PER_LINE for line in text.split("\n")) > SHORT_TEXT_LINES


def labelled_texts(head: str, texts: list[tuple[str, str]], style: ParagraphStyle,
                   linked: frozenset[str] | set[str] = frozenset()) -> list:
    """`head` (markup), then every (label, user text) on a line of its own: '<b>label:</b> text'.
    The http(s) addresses in the texts of the labels in `linked` are links.

    Normally that is one paragraph. A long text gets paragraphs of its own below its label, one per
    line of the text (see `text_paragraphs`), indented like the lines of the paragraph they continue.
    Reportlab's time to lay out one paragraph grows faster than its length (it breaks the lines of
    what remains again at every page the paragraph spans), and a paragraph with markup, like the
    bold label, takes six times as long per character as plain text: one paragraph per line keeps a
    report's layout time linear in the length of its texts.
    """
    first, rest = parts_of(style)
    flowables, markup = [], head
    for label, text in texts:
        markup += f"<br/><b>{escape_text(label)}:</b>"
        if not is_long(text):
            markup += f" {linked_text(text) if label in linked else escape_text(text)}"
            continue
        flowables.append(markup_para(markup, rest if flowables else first))
        flowables += text_paragraphs(text, rest)
        markup = ""
    if not flowables:
        return [markup_para(markup, style)]
    if markup:
        flowables.append(markup_para(markup.removeprefix("<br/>"), rest))
    return flowables + [Spacer(1, style.spaceAfter)]


def text_paragraphs(text: str, style: ParagraphStyle) -> list:
    """A user text as plain paragraphs: one per line, an empty line as space, and a line longer than
    any text a user may type (LONG_TEXT_MAX) in pieces of at most that size, broken between words."""
    flowables = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            flowables.append(Spacer(1, style.leading))
        flowables += [para(piece, style) for piece in _pieces(line, LONG_TEXT_MAX)]
    return flowables


def _pieces(line: str, size: int) -> list[str]:
    pieces = []
    while len(line) > size:
        cut = line.rfind(" ", 0, size)
        cut = size if cut <= 0 else cut
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    return pieces + [line] if line.strip() else pieces


# --- tables and images -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """A table cell's plain text and style; `frame_table` decides how to print it."""

    text: str
    style: ParagraphStyle


def cell(text, style) -> Cell:
    return Cell(str(text), style)


MIN_ROWS = 2


def frame_table(rows: list[list], fractions: list[float], extra: list[tuple] = (), header: bool = True,
                width: float = st.FRAME_WIDTH, split_in_row: bool = True) -> Table:
    """A table over the frame's width (or `width`); `fractions` are the column widths as parts of it.
    A row too tall for what is left of a page is split inside, unless `split_in_row` is off (a table
    with rows that span columns: reportlab cannot split those).

    A `Cell` whose text fits on one line is printed as a plain string in its style's font: it looks
    the same as a paragraph, but reportlab then neither parses markup nor breaks lines for it, and
    most cells (scores, levels, weights, thresholds) are that short. A plain string is never parsed,
    so a user's `<b>` or `&` prints as typed; a longer text becomes an escaped paragraph.
    """
    widths = [width * f for f in fractions]
    cells = [list(row) for row in rows]
    plain_cells = []
    for row_index, row in enumerate(cells):
        for column, value in enumerate(row):
            if not isinstance(value, Cell):
                continue
            if _fits_one_line(value.text, value.style, widths[column] - 2 * st.PAD):
                row[column] = value.text
                plain_cells += st.cell_font(value.style, (column, row_index))
            else:
                row[column] = para(value.text, value.style)
    # A split leaves at least MIN_ROWS rows on either side: no page starts with a table's last row
    # alone, and none ends with its header and one row.
    first = (1 if header else 0) + MIN_ROWS
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT", splitInRow=int(split_in_row),
                  rowSplitRange=(first, -MIN_ROWS))
    table.setStyle(st.table_style(has_header=header) + plain_cells + list(extra))
    return table


def _fits_one_line(text: str, style, width: float) -> bool:
    # A paragraph would fold runs of spaces and line breaks; such texts stay paragraphs.
    return (text == " ".join(text.split()) and style.alignment == TA_LEFT
            and stringWidth(text, style.fontName, style.fontSize) <= width)


def head_row(*labels: str) -> list[Cell]:
    s = st.styles()
    return [cell(label, s.cell_head) for label in labels]


def tint_behind(color: str, column: int, row: int) -> list[tuple]:
    """A tint of a level's colour behind one table cell (the cell's text says the level)."""
    return [("BACKGROUND", (column, row), (column, row), st.level_tint(color))]


class ChartImage(Flowable):
    """A chart as a PDF image, drawn at a given size; its pixels are asked for when the PDF is saved.

    The layout needs only the chart's size, so `chart` (called once, at the save) may still be drawn
    meanwhile in a second process (`aside`). Needs a canvas of `document.document_canvas`: it
    collects the images and adds them at the save (`add_chart_image`). `name` names the image in
    the PDF: the same content gives the same bytes.
    """

    def __init__(self, name: str, chart: Callable[[], charts.Chart], width: float, height: float):
        super().__init__()
        self.name, self.chart, self.width, self.height = name, chart, width, height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.pending_images[self.name] = self.chart
        canvas.saveState()
        canvas.scale(self.width, self.height)    # an image XObject fills the unit square
        canvas.doForm(self.name)
        canvas.restoreState()


def add_chart_image(canvas: Canvas, name: str, chart: charts.Chart) -> None:
    """The chart's pixels as the document's image `name`.

    `canvas.drawImage` would decompress and compress the pixels again for every report; this hands
    reportlab the chart's cached compressed pixels (`Chart.deflated`) as the image XObject's stream.
    It sets a few of reportlab's internal attributes (`_doc`, `_filters`); tests/report/test_report_pdf.py
    reads the images back from the PDF, so a reportlab change that breaks this fails the suite.
    """
    image = PDFImageXObject(name)
    image.width, image.height = chart.pixels
    image.colorSpace, image.bitsPerComponent, image.mask = "DeviceRGB", 8, None
    image.streamContent, image._filters = chart.deflated, ("FlateDecode",)
    canvas._doc.addForm(name, image)
