"""Who is acting, and under which request id, for the current unit of work.

Set by middleware for web requests and by `acting_as` for commands and jobs, read by the
history mechanism and the structured logs. Context variables keep threads and async tasks apart.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

current_user: ContextVar[Any | None] = ContextVar("duikou_current_user", default=None)
current_request_id: ContextVar[str] = ContextVar("duikou_request_id", default="")
# The TaskRun being executed (set by duikou.core.tasks.execute), for the task's log lines.
current_task_id: ContextVar[int | None] = ContextVar("duikou_task_id", default=None)


def new_request_id(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:16]}"


@contextlib.contextmanager
def acting_as(user: Any | None, request_id: str | None = None) -> Iterator[None]:
    """Attribute every change made inside the block to `user` (None = the system)."""
    user_token = current_user.set(user)
    rid_token = current_request_id.set(request_id or new_request_id("job-"))
    try:
        yield
    finally:
        current_user.reset(user_token)
        current_request_id.reset(rid_token)
