"""Structured (one JSON object per line) logging with the request id attached, and the task
run id for lines written while a background task runs."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from duikou.core.context import current_request_id, current_task_id

_STANDARD = set(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "request_id",
    "task_id",
}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a 4xx/5xx response ("Forbidden: /api/…") after the middleware has
        # finished; the request it passes along still carries its id.
        request = getattr(record, "request", None)
        record.request_id = current_request_id.get() or getattr(request, "request_id", "")
        record.task_id = current_task_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        if (task_id := getattr(record, "task_id", None)) is not None:
            payload["task_id"] = task_id
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                payload[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)
