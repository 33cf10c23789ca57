"""Parse YAML and remember the line of every key and list item, so that a problem names its place.

References (`&name` ... `*name`) are counted as if written out: a file whose references stand for more
than MAX_ALIAS_USES values is refused before anything walks them ("billion laughs").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:  # the C parser is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class LoadError(Exception):
    """A file was refused; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Document:
    """Parsed YAML plus the line of every key and list item, for locating problems."""

    file: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, loc: tuple, message: str) -> None:
        self.problems.append(Problem(self.file, self.line_of(loc), self.path_of(loc), message))

    def line_of(self, loc: tuple) -> int | None:
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def path_of(self, loc: tuple) -> str:
        """Write a location the way a person reads it: list items by their id where they have one."""
        text, node = "", self.data
        for part in loc:
            if isinstance(node, list) and isinstance(part, int) and part < len(node):
                item = node[part]
                label = item.get("id") if isinstance(item, dict) and item.get("id") is not None else part
                text += f"[{label}]"
                node = item
            elif isinstance(node, dict) and part in node:
                text += f".{part}" if text else str(part)
                node = node[part]
            else:
                text += f".{part}" if text else str(part)
                node = None
        return text


def parse_yaml(text: str, file: str) -> Document:
    try:
        root = yaml.compose(text, Loader=SafeLoader)
        data = yaml.constructor.SafeConstructor().construct_document(root) if root else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or str(error)
        raise LoadError([Problem(file, line, "", f"geen geldige YAML: {reason}")]) from None
    except yaml.YAMLError as error:
        raise LoadError([Problem(file, None, "", f"geen geldige YAML: {error}")]) from None
    document = Document(file, data)
    if root is not None:
        _index_lines(document, root)
    return document


# A block named with `&name` can be used again with `*name`. Written out in full, a few lines of
# such references can stand for billions of values ("billion laughs"), so the uses are counted as
# if every reference were written out, and a file with more than this many is refused.
MAX_ALIAS_USES = 200


def _index_lines(document: Document, root: yaml.Node) -> None:
    """Record the line of every key and list item, visiting each node once, and count alias uses."""
    uses: dict[int, int] = {}     # id(node) -> alias uses in the node written out in full
    open_nodes: set[int] = set()  # nodes being visited: a reference to one of them never ends

    def refuse(loc: tuple, message: str) -> LoadError:
        return LoadError([Problem(document.file, document.line_of(loc), document.path_of(loc), message)])

    def child(node: yaml.Node, loc: tuple, line: int) -> int:
        document.lines[loc] = line
        if id(node) in open_nodes:
            raise refuse(loc, "deze verwijzing (*naam) verwijst naar het blok waar ze zelf in staat")
        if id(node) in uses:          # seen before: this is a reference to it
            return 1 + uses[id(node)]
        return visit(node, loc)

    def visit(node: yaml.Node, loc: tuple) -> int:
        open_nodes.add(id(node))
        total = 0
        if isinstance(node, yaml.MappingNode):
            constructor = yaml.constructor.SafeConstructor()
            seen: set = set()
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                try:
                    is_duplicate = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: construct_document already refused it
                    continue
                if is_duplicate:
                    document.problems.append(Problem(
                        document.file, key_node.start_mark.line + 1, document.path_of(loc + (key,)),
                        f"sleutel '{key}' staat twee keer in hetzelfde blok"))
                total += child(value_node, loc + (key,), key_node.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                total += child(item, loc + (index,), item.start_mark.line + 1)
        open_nodes.discard(id(node))
        uses[id(node)] = total
        if total > MAX_ALIAS_USES:
            raise refuse(loc, f"te veel verwijzingen (*naam): uitgeschreven zijn het er meer dan "
                              f"{MAX_ALIAS_USES}; schrijf de waarden liever uit")
        return total

    visit(root, ())
