"""Strict reading of CSV data files: every problem names the file, line and field."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class RowError:
    """One problem in one row: 1-based line number as an editor shows it, column, reason."""

    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, field {self.field!r}: {self.reason}"


class DataFileError(ValueError):
    """A data file could not be loaded; `errors` lists every row-level problem found."""

    def __init__(self, path: str | Path, errors: list[RowError]):
        self.path = str(path)
        self.errors = errors
        shown = "; ".join(str(e) for e in errors[:20])
        more = f" (and {len(errors) - 20} more)" if len(errors) > 20 else ""
        super().__init__(f"{self.path}: {shown}{more}")


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key) or default


def read_csv(path: str | Path, required: list[str]) -> list[Row]:
    """Read a UTF-8 CSV with a header row; check the header and that every row is complete.

    Values are stripped; a row with fewer or more cells than the header is an error.
    """
    path = Path(path)
    errors: list[RowError] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(path, [RowError(0, "-", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, [RowError(0, "-", f"not UTF-8 text ({exc.reason})")]) from None
    reader = csv.reader(text.splitlines())
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataFileError(path, [RowError(1, "-", "file is empty")]) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(path, [RowError(1, c, "column missing from header") for c in missing])
    rows: list[Row] = []
    for line, cells in enumerate(reader, start=2):
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            errors.append(
                RowError(line, "-", f"{len(cells)} cells but the header has {len(header)}")
            )
            continue
        rows.append(Row(line, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    if errors:
        raise DataFileError(path, errors)
    return rows


class RowChecker:
    """Collects row errors while a loader validates a whole file before writing anything."""

    def __init__(self, path: str | Path):
        self.path = path
        self.errors: list[RowError] = []

    def error(self, row: Row, field: str, reason: str) -> None:
        self.errors.append(RowError(row.line, field, reason))

    def require(self, row: Row, field: str) -> str:
        value = row.get(field)
        if not value:
            self.error(row, field, "value is required")
        return value

    def check(self, row: Row, field: str, test: Callable[[str], Any], reason: str) -> Any:
        value = row.get(field)
        try:
            return test(value)
        except (ValueError, KeyError, TypeError):
            self.error(row, field, reason.format(value=value))
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise DataFileError(self.path, self.errors)
