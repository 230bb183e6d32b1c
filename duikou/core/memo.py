"""Remembering a lookup for the length of one batch of work (an import file, a task).

A model rule that needs a small lookup (the pairings of a party in a year) runs once per record
on a form or API call, but once per row in an import of 20,000 rows. Inside `batch()` such a
lookup is made once per distinct key; outside it, every call computes afresh, so a rule never
sees stale data across requests.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")
_cache: ContextVar[dict[Hashable, Any] | None] = ContextVar("duikou_batch_cache", default=None)


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Remember lookups made through `remembered` until the block ends."""
    if _cache.get() is not None:
        yield
        return
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, made once per `key` inside a batch (every time outside one)."""
    cache = _cache.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]
