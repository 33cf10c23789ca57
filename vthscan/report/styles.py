"""The one place for the report's fonts, colours, paragraph styles and page geometry.

A calm Dutch-government look: A4, one sans-serif family, dark blue headings, light tables, no
decoration that does not carry information. Levels are always printed as text; colour only repeats it.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm

from . import aside

# --- page geometry ---------------------------------------------------------------------------------------
PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 2.2 * cm
MARGIN_RIGHT = 2.0 * cm
MARGIN_TOP = 2.4 * cm      # room for the header line
MARGIN_BOTTOM = 2.0 * cm   # room for the footer line
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
HEADER_Y = PAGE_HEIGHT - 1.4 * cm
FOOTER_Y = 1.1 * cm
CHART_WIDTH = FRAME_WIDTH

# --- colours ---------------------------------------------------------------------------------------------
NAVY = colors.HexColor("#154273")        # headings, table headers, the cover band
SKY = colors.HexColor("#01689B")         # accents and rules
PALE = colors.HexColor("#E8EEF4")        # table header rows and cover boxes
STRIPE = colors.HexColor("#F5F7FA")      # alternate table rows
GRID = colors.HexColor("#A9BACB")
TEXT = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5A5A5A")
WATERMARK = colors.HexColor("#B0B0B0")
WHITE = colors.white


def level_tint(hex_color: str, strength: float = 0.18) -> colors.Color:
    """A light tint of a level's colour for a table cell; the label in the cell says the level."""
    base = colors.HexColor(hex_color)
    return colors.Color(1 - (1 - base.red) * strength, 1 - (1 - base.green) * strength,
                        1 - (1 - base.blue) * strength)


# --- fonts -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    unicode: bool   # False with the Helvetica fallback: only WinAnsi characters print


def _dejavu_dirs() -> list[Path]:
    """matplotlib ships DejaVu Sans (and is a dependency), else the system's copy."""
    dirs = []
    spec = importlib.util.find_spec("matplotlib")   # finds the package without importing it
    if spec and spec.origin:
        dirs.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf")
    dirs.append(Path("/usr/share/fonts/truetype/dejavu"))
    return dirs


FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "italic": "DejaVuSans-Oblique.ttf"}


@cache
def _font_directory() -> Path | None:
    for directory in _dejavu_dirs():
        if all((directory / name).is_file() for name in FONT_FILES.values()):
            return directory
    return None


def font_file(kind: str) -> Path | None:
    """The TrueType file of the report font's `kind` (regular, bold, italic); None without DejaVu."""
    directory = _font_directory()
    return directory / FONT_FILES[kind] if directory else None


@cache
def fonts() -> Fonts:
    """Register DejaVu Sans once (full Latin, €, ≥); fall back to Helvetica when it is not there."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _font_directory() is None:
        return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", False)
    for key in FONT_FILES:
        pdfmetrics.registerFont(TTFont(f"VthSans-{key}", str(font_file(key))))
    pdfmetrics.registerFontFamily("VthSans", normal="VthSans-regular", bold="VthSans-bold",
                                  italic="VthSans-italic", boldItalic="VthSans-bold")
    return Fonts("VthSans-regular", "VthSans-bold", "VthSans-italic", True)


HYPHENATION_LANGUAGE = "nl_NL"


def hyphenate(word: str):
    """reportlab's hyphenator for the table cells (a callable instead of a language name, so that the
    dictionary can come from `vthscan report`'s second process): the ways to split `word`."""
    return dutch_hyphenation().iterate(word)


@cache
def dutch_hyphenation():
    """pyphen's Dutch dictionary: prepared by the second process of `vthscan report`, else read here."""
    prepared = aside.prepared()
    return prepared.hyphenation if prepared is not None else load_dutch_hyphenation()


def load_dutch_hyphenation():
    import pyphen

    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)


# --- paragraph styles ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    verdict: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    bullet: ParagraphStyle
    answer: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    fingerprint: ParagraphStyle
    cover_label: ParagraphStyle
    cover_value: ParagraphStyle
    banner: ParagraphStyle


@cache
def styles() -> Styles:
    f = fonts()
    # bulletFontName: a bullet is set in its own font, Helvetica unless told (and that is not embedded)
    body = ParagraphStyle("body", fontName=f.regular, fontSize=9.5, leading=13.5, textColor=TEXT,
                          spaceAfter=5, alignment=TA_LEFT, splitLongWords=1, bulletFontName=f.regular)
    # Narrow table columns hyphenate Dutch words at syllables (pyphen) before reportlab would break
    # a word anywhere ("Informatievoorz|iening").
    cell = ParagraphStyle("cell", parent=body, fontSize=8.3, leading=10.6, spaceAfter=0, hyphenationLang=hyphenate)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=f.bold, fontSize=24, leading=30,
                             textColor=NAVY, spaceAfter=8),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=13, leading=18, textColor=TEXT,
                                spaceAfter=4),
        # space above a chapter that starts lower on a page (a frame drops it at the top of a page)
        h1=ParagraphStyle("h1", parent=body, fontName=f.bold, fontSize=16, leading=21, textColor=NAVY,
                          spaceBefore=22, spaceAfter=8, keepWithNext=1),
        h2=ParagraphStyle("h2", parent=body, fontName=f.bold, fontSize=12, leading=16, textColor=NAVY,
                          spaceBefore=10, spaceAfter=5, keepWithNext=1),
        h3=ParagraphStyle("h3", parent=body, fontName=f.bold, fontSize=10, leading=13.5, textColor=TEXT,
                          spaceBefore=7, spaceAfter=2, keepWithNext=1),
        body=body,
        verdict=ParagraphStyle("verdict", parent=body, fontSize=10.5, leading=15, spaceAfter=8),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=3),
        note=ParagraphStyle("note", parent=body, fontSize=8.5, leading=11.5, leftIndent=10, spaceAfter=4),
        bullet=ParagraphStyle("bullet", parent=body, fontSize=9, leading=12, leftIndent=10, bulletIndent=0,
                              spaceAfter=2),
        # a hanging indent: the question on the first line, everything about its answer below it
        answer=ParagraphStyle("answer", parent=body, fontSize=8.5, leading=11.5, leftIndent=10,
                              firstLineIndent=-10, spaceBefore=1,
                              spaceAfter=7),
        caption=ParagraphStyle("caption", parent=body, fontSize=8, leading=10.5, textColor=MUTED,
                               spaceBefore=2, spaceAfter=10),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=f.bold),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=f.bold, fontSize=8, textColor=WHITE),
        # a SHA-256 on one line: never broken in the middle
        fingerprint=ParagraphStyle("fingerprint", parent=cell, fontSize=7.4, splitLongWords=0, hyphenationLang=""),
        cover_label=ParagraphStyle("cover_label", parent=body, fontSize=8.5, leading=11, textColor=MUTED,
                                   spaceAfter=0),
        cover_value=ParagraphStyle("cover_value", parent=body, fontSize=11, leading=15, spaceAfter=0),
        banner=ParagraphStyle("banner", parent=body, fontName=f.bold, fontSize=10, leading=14,
                              textColor=NAVY, alignment=TA_CENTER, spaceAfter=0),
    )


@cache
def parts_of(style: ParagraphStyle) -> tuple[ParagraphStyle, ParagraphStyle]:
    """The styles of one paragraph laid out as several: the first part (no space after it), and the
    parts that continue it (indented like its lines, no first-line indent, no space around them)."""
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
    rest = ParagraphStyle(f"{style.name}-rest", parent=style, firstLineIndent=0, spaceBefore=0, spaceAfter=0)
    return first, rest


# --- tables ----------------------------------------------------------------------------------------------
PAD = 1.5 * mm


def cell_font(style: ParagraphStyle, cell: tuple[int, int]) -> list[tuple]:
    """TableStyle commands that print a plain-string cell in a paragraph style's font and colour."""
    return [("FONT", cell, cell, style.fontName, style.fontSize, style.leading),
            ("TEXTCOLOR", cell, cell, style.textColor)]


def table_style(has_header: bool = True, stripes: bool = True) -> list[tuple]:
    """The shared TableStyle commands: a dark header row, thin rules, light stripes."""
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts().regular),   # reportlab's default is Helvetica (not embedded)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD * 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD * 0.9),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),       # a thin rule under every row
    ]
    if has_header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), NAVY),   # header row: white on dark blue
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY)]
    if stripes:
        commands.append(("ROWBACKGROUNDS", (0, 1 if has_header else 0), (-1, -1), [WHITE, STRIPE]))
    return commands
