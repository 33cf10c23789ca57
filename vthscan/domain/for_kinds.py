"""The loader's checks of `for:`, the kinds of organisation a pillar, criterion or question is meant for.

`for:` is inherited downwards, and a list below may only narrow the one above: a question cannot be
meant for a municipality when its criterion is not. Every kind something is for must find at least
one scored question below it, or that kind would see an empty criterion or pillar.
"""

from __future__ import annotations

from .question_types import QUESTION_TYPES
from .raw_data import duplicates, items
from .wording import ASSESSED_KINDS


def check_for_kinds(problem, pillar: dict, loc: tuple) -> None:
    """Report through `problem(loc, message)` what is wrong with the `for:` lists of one pillar."""
    if "for" in pillar and "respondents" in pillar:
        problem(loc + ("respondents",), "gebruik 'for' of de oudere naam 'respondents', niet allebei")
    key = "for" if "for" in pillar else "respondents"
    pillar_kinds = _declared(problem, pillar, key, loc) or set(ASSESSED_KINDS)
    covered: set[str] = set()
    for c_index, criterion in items(pillar, "criteria"):
        c_loc = loc + ("criteria", c_index)
        criterion_kinds = _narrowed(problem, criterion, c_loc, pillar_kinds,
                                    f"pijler {pillar.get('id')}", "een criterium is voor dezelfde of minder "
                                                                  "soorten organisaties dan zijn pijler")
        scored_for: set[str] = set()
        for q_index, question in items(criterion, "questions"):
            question_kinds = _narrowed(problem, question, c_loc + ("questions", q_index), criterion_kinds,
                                       f"criterium {criterion.get('id')}", "een vraag is voor dezelfde of "
                                       "minder soorten organisaties dan haar criterium")
            question_type = QUESTION_TYPES.get(question.get("type"))
            if question_type is not None and question_type.is_scored:
                scored_for |= question_kinds
        if scored_for:  # a criterion without any scored question is reported by the loader itself
            for kind in _in_order(criterion_kinds - scored_for):
                problem(c_loc + ("questions",), f"het criterium is voor een {kind}, maar heeft geen vraag "
                                                f"voor een {kind} die meetelt voor de score")
        covered |= criterion_kinds
    for kind in _in_order(pillar_kinds - covered):
        problem(loc + (key,), f"de pijler is voor een {kind}, maar geen van haar criteria is dat")


def _narrowed(problem, node: dict, loc: tuple, above: set[str], above_name: str, rule: str) -> set[str]:
    """The kinds `node` is for: its own `for:` within `above`, else those of `above`."""
    own = _declared(problem, node, "for", loc)
    if own is None:
        return above
    for index, kind in enumerate(node["for"]):
        if kind in own and kind not in above:
            problem(loc + ("for", index), f"'{kind}' staat niet in de 'for' van {above_name} "
                                          f"({', '.join(_in_order(above))}): {rule}")
    return own & above


def _declared(problem, node: dict, key: str, loc: tuple) -> set[str] | None:
    """The known kinds of a `for:` list, None when there is none; the model reports unknown kinds."""
    kinds = node.get(key)
    if not isinstance(kinds, list):
        return None
    texts = [kind for kind in kinds if isinstance(kind, str)]
    if len(texts) == len(kinds):  # anything else is not a kind, which the model reports
        for index, count in duplicates(kinds):
            problem(loc + (key, index), f"'{kinds[index]}' staat {count} keer in de lijst")
    return {kind for kind in texts if kind in ASSESSED_KINDS}


def _in_order(kinds: set[str]) -> list[str]:
    return [kind for kind in ASSESSED_KINDS if kind in kinds]
