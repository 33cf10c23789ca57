"""The question types: one module per type, each a class that knows its own rules.

Importing this package imports every module in it, and defining a type registers it (see `base`), so
a new type is one new module here, plus its field in the web form (`vthscan/web/answer_form.py`).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Annotated, Union

from pydantic import Field

from .base import QuestionBase, registered_types

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

# Every question type by its name in the file, e.g. QUESTION_TYPES["yes_no"].
QUESTION_TYPES = registered_types()

# A question as the file gives it: the `type` key chooses the class. (Union[...] takes the computed
# tuple of classes, which `A | B` cannot.)
Question = Annotated[Union[tuple(QUESTION_TYPES.values())], Field(discriminator="type")]  # noqa: UP007

__all__ = ["QUESTION_TYPES", "Question", "QuestionBase"]
