"""The web addresses in a text that a report makes into links: http and https only (never
javascript:, file: and the like), shared by the PDF and the Word version."""

from __future__ import annotations

import re

# An address runs up to a space, a quote or an angle bracket; punctuation that ends a sentence is
# not part of it.
_ADDRESS = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?)]"


def address_parts(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (part, is an address), in order; 'zie https://a.nl.' -> zie, the address, '.'."""
    parts, position = [], 0
    for match in _ADDRESS.finditer(text):
        address = match.group().rstrip(_TRAILING)
        if match.start() > position:
            parts.append((text[position:match.start()], False))
        parts.append((address, True))
        position = match.start() + len(address)
    if position < len(text):
        parts.append((text[position:], False))
    return parts
