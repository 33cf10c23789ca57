"""The kit the Word version of the gap report is made with (python-docx): an A4 document in Dutch with
the report's styles, and paragraphs, tables, links, pictures and fields made from plain text.

python-docx puts every text into the document as it is, never parsed: a user's `<b>` or `&` stays as
typed, and a line break in a text becomes a line break. Headings use Word's own Heading styles (the
navigation pane and the table of contents follow them), every table marks its first row as a header
row that repeats on every page, and every picture has a text alternative.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .addresses import address_parts
from .gap_texts import BOLD, ITALIC, PLAIN, Runs

LANGUAGE = "nl-NL"
NAVY = RGBColor(0x15, 0x42, 0x73)     # the PDF's colours (styles.py): headings
MUTED = RGBColor(0x5A, 0x5A, 0x5A)    # notes below a name; 6.9:1 on white
LINK = RGBColor(0x01, 0x68, 0x9B)
HEADER_FILL = "E8EEF4"                # a table's header row
MUTED_RUN = "m"                       # a run style of this kit, next to gap_texts' BOLD and ITALIC: a note
# Arial (Liberation Sans, with the same widths, where Arial is missing): the tables' column widths
# hold their longest words ("omgevingsdienst", "Aandachtspunt") in it on every system.
FONT = "Arial"

PAGE_SHORT, PAGE_LONG, MARGIN = Cm(21.0), Cm(29.7), Cm(2.0)
TEXT_WIDTH_CM = 17.0                  # portrait A4 less the margins
LANDSCAPE_WIDTH_CM = 25.7
TABLE_TEXT, SMALL_TEXT = "Table Text", "Small Text"   # paragraph styles this kit adds


# --- the document ------------------------------------------------------------------------------------------

def new_document() -> Document:
    """An empty A4 document in Dutch, with the report's styles."""
    document = Document()
    _page(document.sections[0], landscape=False)
    _dutch(document)
    _styles(document)
    return document


def new_section(document, landscape: bool):
    """Continue on a new page in a section of its own, e.g. landscape for a wide table. Its header and
    footer are those of the section before."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape)
    section.different_first_page_header_footer = False   # only the cover has a page of its own
    return section


def _page(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (PAGE_LONG, PAGE_SHORT) if landscape else (PAGE_SHORT, PAGE_LONG)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def _dutch(document) -> None:
    """Dutch for every text (spelling, hyphenation, a screen reader's voice) and Dutch number settings."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    language = _child(run_defaults, "w:lang")
    for attribute in ("w:val", "w:eastAsia"):
        language.set(qn(attribute), LANGUAGE)
    settings = document.settings.element
    _child(settings, "w:themeFontLang").set(qn("w:val"), LANGUAGE)
    for name, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        _child(settings, name).set(qn("w:val"), value)


def _child(element, tag: str):
    """The element's child `tag`, added when it has none."""
    found = element.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        element.append(found)
    return found


def _styles(document) -> None:
    styles = document.styles
    fonts = _child(_child(document.styles.element.find(qn("w:docDefaults")), "w:rPrDefault"), "w:rPr")
    _set_font(_child(fonts, "w:rFonts"))
    styles["Normal"].font.size = Pt(10)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        style = styles[name]
        _set_font(style.element.rPr.find(qn("w:rFonts")))
        style.font.color.rgb = NAVY
    caption = styles["Caption"]
    caption.font.bold, caption.font.size, caption.font.color.rgb = False, Pt(8.5), MUTED
    for name, size in ((TABLE_TEXT, 9), (SMALL_TEXT, 8.5)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(2 if name == TABLE_TEXT else 4)
        style.paragraph_format.line_spacing = 1.0
    styles[SMALL_TEXT].font.color.rgb = MUTED


def _set_font(fonts) -> None:
    """`FONT` for every script, instead of the theme's fonts."""
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def set_properties(document, *, title: str, subject: str, author: str, created: date) -> None:
    """The document's properties (File > Info): title, subject, author, language and the report date
    as creation date, never the clock."""
    properties = document.core_properties
    properties.title, properties.subject, properties.author = title, subject, author
    properties.language = LANGUAGE
    properties.created = properties.modified = datetime(created.year, created.month, created.day,
                                                        tzinfo=UTC)
    properties.last_modified_by, properties.comments, properties.revision = "vthscan", "", 1


def set_running_texts(section, header: str, footer: str) -> None:
    """Header and footer of every page but the cover: `footer`, then 'pagina X van Y'."""
    section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    add_runs(head, ((header, MUTED_RUN),))
    foot = section.footer.paragraphs[0]
    add_runs(foot, ((f"{footer} · pagina ", MUTED_RUN),))
    _field(foot, "PAGE", "1")
    add_runs(foot, ((" van ", MUTED_RUN),))
    _field(foot, "NUMPAGES", "1")


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- text ----------------------------------------------------------------------------------------------------

def add_runs(paragraph, runs: Runs):
    """Runs of plain text (see gap_texts): bold, italic, a note (MUTED_RUN) or plain."""
    for text, style in runs:
        run = paragraph.add_run(str(text).replace("\r\n", "\n"))
        if style == BOLD:
            run.bold = True
        elif style == ITALIC:
            run.italic = True
        elif style == MUTED_RUN:
            run.font.size, run.font.color.rgb = Pt(8), MUTED
    return paragraph


def paragraph(container, content: str | Runs, style: str | None = None):
    """A paragraph of a text or of runs, in the document or in a table cell."""
    runs = ((content, PLAIN),) if isinstance(content, str) else content
    return add_runs(container.add_paragraph(style=style), runs)


def heading(document, text: str, level: int):
    """A heading in Word's Heading `level` style."""
    return paragraph(document, text, f"Heading {level}")


def labelled(container, head: Runs, texts: list[tuple[str, str]], linked: frozenset[str] = frozenset(),
             style: str | None = None):
    """`head`, then every (label, text) on a line of its own: 'label: text'. The http(s) addresses in
    the texts of the labels in `linked` are links."""
    made = paragraph(container, head, style)
    for label, text in texts:
        add_runs(made, (("\n", PLAIN), (f"{label}:", BOLD), (" ", PLAIN)))
        if label in linked:
            add_linked_text(made, text)
        else:
            add_runs(made, ((text, PLAIN),))
    return made


def add_linked_text(paragraph_, text: str) -> None:
    """`text`, with every http(s) address in it a link that opens it."""
    for part, is_address in address_parts(text):
        if is_address:
            add_link(paragraph_, part)
        else:
            add_runs(paragraph_, ((part, PLAIN),))


def add_link(paragraph_, address: str) -> None:
    """A link to `address` that shows the address."""
    relation = paragraph_.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    color, underline = OxmlElement("w:color"), OxmlElement("w:u")
    color.set(qn("w:val"), str(LINK))
    underline.set(qn("w:val"), "single")
    properties.extend([color, underline])
    text = OxmlElement("w:t")
    text.text = address
    text.set(qn("xml:space"), "preserve")
    run.extend([properties, text])
    link.append(run)
    paragraph_._p.append(link)


# --- tables --------------------------------------------------------------------------------------------------

Cell = str | Runs | list          # a text, runs, or a list of those: one paragraph each


def add_table(document, head: tuple[str, ...], rows: list[list[Cell]], widths_cm: list[float]):
    """A table with a header row that repeats on every page; columns `widths_cm` wide."""
    table = document.add_table(rows=1, cols=len(head))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    header = table.rows[0]
    _child(header._tr.get_or_add_trPr(), "w:tblHeader").set(qn("w:val"), "true")
    for cell, label in zip(header.cells, head, strict=True):
        _fill(cell, ((label, BOLD),))
        _child(cell._tc.get_or_add_tcPr(), "w:shd").attrib.update(
            {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): HEADER_FILL})
    for row in rows:
        for cell, content in zip(table.add_row().cells, row, strict=True):
            _fill(cell, content)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)    # the table's grid (LibreOffice reads this one)
        for cell in column.cells:   # and every cell's own width (Word reads that one)
            cell.width = Cm(width)
    return table


def _fill(cell, content: Cell) -> None:
    paragraphs = content if isinstance(content, list) else [content]
    first = cell.paragraphs[0]
    first.style = TABLE_TEXT
    for index, part in enumerate(paragraphs):
        runs = ((part, PLAIN),) if isinstance(part, str) else part
        add_runs(first if index == 0 else cell.add_paragraph(style=TABLE_TEXT), runs)


# --- pictures and fields -------------------------------------------------------------------------------------

def add_picture(document, png: bytes, width_cm: float, height_cm: float, *, title: str, description: str):
    """A picture with its text alternative: `title` and `description` (what a screen reader reads)."""
    run = document.add_paragraph().add_run()
    picture = run.add_picture(io.BytesIO(png), width=Cm(width_cm), height=Cm(height_cm))
    properties = picture._inline.docPr      # python-docx has no API for the text alternative
    properties.set("title", title)
    properties.set("descr", description)
    return picture


def _field(paragraph_, instruction: str, shown: str) -> None:
    """A field (page number and the like) that Word fills in; `shown` until it does."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    paragraph_._p.append(field)
    run = add_runs(paragraph_, ((shown, MUTED_RUN),)).runs[-1]
    field.append(run._r)            # the shown text as a run of the field, in the footer's style


def add_contents(document, entries: list[tuple[str, int]], hint: str) -> None:
    """A table of contents of the Heading 1 and 2 paragraphs, as a field Word updates (with page
    numbers). Until then it shows `entries` (title, level from 0) and `hint`."""
    paragraphs = [paragraph(document, title if level else ((title, BOLD),)) for title, level in entries]
    for made, (_title, level) in zip(paragraphs, entries, strict=True):
        made.paragraph_format.left_indent = Cm(0.6 * level)
        made.paragraph_format.space_after = Pt(2)
    last = paragraph(document, ((hint, MUTED_RUN),))
    first = paragraphs[0] if paragraphs else last
    begin = [_field_char("begin"), _instruction(r' TOC \o "1-2" \h \z \u '), _field_char("separate")]
    for position, element in enumerate(begin):
        first._p.insert(position + (1 if first._p.pPr is not None else 0), element)
    last._p.append(_field_char("end"))


def _field_char(kind: str):
    run, char = OxmlElement("w:r"), OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _instruction(text: str):
    run, instruction = OxmlElement("w:r"), OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = text
    run.append(instruction)
    return run
