"""Collection-wide aggregates computed once per change of the collection's content.

Counts and charts over a million claims (claims per source, mentions per place, quotes per
kind...) cost a scan of the big tables. They depend only on the content (articles and what is
extracted from them), which reviews do not touch, while reviews are what a desk writes all day.
So they are kept per process, keyed by the database's content counter (change_counter row 2,
bumped by every write that may change content: see `Store.write(content=...)`); a review saved
anywhere leaves them valid, an article stored anywhere refreshes them on the next read. Parts
that depend on reviews are computed from the reviews side (claimdesk.store.queries), which
grows with what reviewers did, not with the collection.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")

#: Results kept per process (least recently used dropped first).
MAX_ENTRIES = 128

_MEMO: OrderedDict[tuple, tuple[int, Any]] = OrderedDict()
_LOCK = threading.Lock()


def content_only(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorates a read query `fn(store, *args, **kwargs)` whose result depends only on the
    collection's content: it is computed once per content counter value (per process and
    database) and callers get their own copy."""

    @functools.wraps(fn)
    def read(store: Any, *args: Any, **kwargs: Any) -> T:
        key = (str(store.url), fn.__qualname__, args, tuple(sorted(kwargs.items())))
        counter = store.content_counter()
        with _LOCK:
            known = _MEMO.get(key)
            if known is not None and known[0] == counter:
                _MEMO.move_to_end(key)
                return cast(T, copy.deepcopy(known[1]))
        value = fn(store, *args, **kwargs)
        with _LOCK:
            _MEMO[key] = (counter, value)
            _MEMO.move_to_end(key)
            while len(_MEMO) > MAX_ENTRIES:
                _MEMO.popitem(last=False)
        return copy.deepcopy(value)

    return read


def forget() -> None:
    """Drops every kept result (tests that rebuild a database under the same URL)."""
    with _LOCK:
        _MEMO.clear()
