"""Submitting a page's form as a browser would: every field with the value the page shows."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """The fields of the first form with method="post" whose fields include `marker`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self.current: dict[str, str] | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("method") == "post":
            self.current = {}
            self.forms.append(self.current)
        if self.current is None or "name" not in attributes:
            return
        name = attributes["name"]
        if tag == "input":
            kind = attributes.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in attributes:
                    self.current[name] = attributes.get("value", "y")
            elif kind not in ("submit", "button"):
                self.current[name] = attributes.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.current[name] = ""

    def handle_data(self, data):
        if self.current is not None and self.textarea is not None:
            self.current[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self.current is not None and self.textarea is not None:
                # a browser drops the one line break that follows <textarea>
                self.current[self.textarea] = self.current[self.textarea].removeprefix("\r\n").removeprefix("\n")
            self.textarea = None
        elif tag == "form":
            self.current = None


def form_data(html: str, marker: str = "version") -> dict[str, str]:
    """What the browser sends for the first post form on the page that has a field named `marker`."""
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if marker in form:
            return form
    raise AssertionError(f"no form with a field {marker!r} on the page")
