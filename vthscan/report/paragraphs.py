"""Paragraphs for every PDF: user text escaped, lines broken once per width, long texts in linear time.

Every text from a user (organisation, names, comments, evidence, text answers, N/A reasons) and from
the questionnaire passes `escape_text()`, which escapes it, before it enters a Paragraph.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from ..domain.limits import LONG_TEXT_MAX
from .styles import parts_of


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


def labelled_texts(head: str, texts: list[tuple[str, str]], style: ParagraphStyle) -> list:
    """`head` (markup), then every (label, user text) on a line of its own: '<b>label:</b> text'.

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
            markup += f" {escape_text(text)}"
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
