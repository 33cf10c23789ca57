"""Who commits: the write service, one transaction each.

A function that changes the database is a write service, decorated with `write`: it adds its own
audit entries, and it is committed when it returns and rolled back when it raises, so a refused
request leaves nothing half-written and callers (views, commands) never commit. Write services do
not call each other; they share plain helpers, which only add and flush. Reads never commit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from ..extensions import db

Result = TypeVar("Result")


def write(service: Callable[..., Result]) -> Callable[..., Result]:
    """Run `service` as one transaction: commit when it returns, roll back when it raises."""

    @functools.wraps(service)
    def run(*args, **kwargs) -> Result:
        try:
            result = service(*args, **kwargs)
        except Exception:
            db.session.rollback()
            raise
        db.session.commit()
        return result

    return run
