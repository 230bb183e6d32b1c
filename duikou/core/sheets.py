"""Reading an uploaded spreadsheet (.xlsx or .csv), with its limits checked before the work.

The byte size is checked before parsing, a workbook's zip directory (is it a workbook, how big
does it unpack?) before openpyxl opens it, and rows are counted while they stream in, so a
small file that declares a million rows is refused at the first row over the limit. The first
row names the columns (by key or label, in any order); the template's notes row is skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from duikou.core.columns import Column
from duikou.lib.spreadsheet import FORMULA_START
from duikou.lib.zipcheck import ZipProblem, check_zip

_MB = 1024 * 1024
# No import has this many columns; cells further right are not read.
MAX_COLUMNS = 200


def max_rows() -> int:
    """The most data rows one file may have (setting IMPORT_MAX_ROWS)."""
    return int(getattr(settings, "IMPORT_MAX_ROWS", 100_000))


def letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


@dataclass
class CellError:
    """One problem: the row number as the spreadsheet shows it, the column, the reason."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


class FileProblem(ValueError):
    """The file as a whole cannot be read (format, header)."""


@dataclass
class Sheet:
    """The rows of an uploaded file as {column key: text}, with spreadsheet row numbers."""

    columns: list[Column]
    positions: dict[str, int]  # column key → 0-based index in the file
    rows: list[tuple[int, dict[str, str]]]
    # Columns whose header named another unit than the declaration's (an export in 万元).
    units: dict[str, str] = field(default_factory=dict)

    def as_read(self, column: Column) -> Column:
        """The column as this file gives it: in the unit its header named."""
        unit = self.units.get(column.key)
        return replace(column, unit=unit) if unit and unit != column.unit else column

    def column_name(self, key: str) -> str:
        col = next(c for c in self.columns if c.key == key)
        pos = self.positions.get(key)
        return f"{col.label}（{letter(pos)}）" if pos is not None else str(col.label)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def max_upload_bytes() -> int:
    """The largest import file accepted, in bytes (setting IMPORT_MAX_UPLOAD_MB)."""
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_MB", 20)) * _MB


def max_uncompressed_bytes() -> int:
    """The most an .xlsx may unpack to, in bytes (setting IMPORT_MAX_UNCOMPRESSED_MB)."""
    return int(getattr(settings, "IMPORT_MAX_UNCOMPRESSED_MB", 200)) * _MB


def megabytes(size: int) -> str:
    """A byte count in MB for messages (1.5, 20)."""
    return f"{size / _MB:.1f}".removesuffix(".0")


def _xlsx_table(content: bytes) -> Iterator[list[str]]:
    """The rows of the first sheet, read one at a time; the zip is checked before openpyxl
    unpacks anything, so a small file that declares gigabytes of XML is refused at once."""
    try:
        check_zip(
            content, required_member="xl/workbook.xml", max_uncompressed=max_uncompressed_bytes()
        )
    except ZipProblem as problem:
        if problem.kind == "too_large":
            raise FileProblem(
                _(
                    "The workbook unpacks to %(size)s MB; at most %(limit)s MB are accepted. "
                    "Split it into smaller files."
                )
                % {
                    "size": megabytes(problem.size),
                    "limit": megabytes(max_uncompressed_bytes()),
                }
            ) from None
        raise FileProblem(_("The file is not an Excel workbook.")) from None
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileProblem(_("The file is not a readable Excel workbook.")) from None
    try:
        # A single cell in column XFD would make every row 16,384 cells wide: cap the width
        # (at the sheet's declared width when that is smaller, as rows are padded to it).
        sheet = book.worksheets[0]
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        for row in sheet.iter_rows(values_only=True, max_col=width):
            yield [_cell_text(v) for v in row]
    except Exception:  # a damaged sheet shows up while it is read
        raise FileProblem(_("The file is not a readable Excel workbook.")) from None
    finally:
        book.close()


def _csv_unescape(cell: str) -> str:
    """Undo the export's formula escape ('=…), so an exported CSV imports unchanged."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def _csv_table(content: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileProblem(_("The CSV file is neither UTF-8 nor GB18030 text."))
    if "\x00" in text:
        raise FileProblem(_("The CSV file is neither UTF-8 nor GB18030 text."))
    try:
        for r in csv.reader(io.StringIO(text)):
            yield [_csv_unescape(c.strip()) for c in r]
    except csv.Error:
        raise FileProblem(_("The CSV file cannot be read as comma-separated values.")) from None


def _too_many_rows() -> FileProblem:
    return FileProblem(_("At most %(n)s rows per file.") % {"n": max_rows()})


def _totals_labels() -> set[str]:
    """What the first cell of an export's totals row says (in either language)."""
    with translation.override("en"):
        english = _("Total")
    return {_("Total"), english}


def _is_notes_row(cells: list[str], positions: dict[str, int], notes: dict[str, str]) -> bool:
    given = {key: cells[i] for key, i in positions.items() if i < len(cells) and cells[i]}
    return bool(given) and all(notes.get(key) == text for key, text in given.items())


def read_sheet(name: str, content: bytes, columns: list[Column]) -> Sheet:
    """Read an .xlsx or .csv upload whose first row names the columns (key or label).

    Limits come before work: the byte size before parsing, the unpacked size of a workbook
    before it is opened, and the row count while the rows stream in (reading stops at the
    first row over the limit).
    """
    lower = name.lower()
    if not lower.endswith((".xlsx", ".csv")):
        raise FileProblem(_("Upload an .xlsx or .csv file."))
    if not content:
        raise FileProblem(_("The file is empty."))
    if len(content) > max_upload_bytes():
        raise FileProblem(
            _("The file is %(size)s MB; files of at most %(limit)s MB are accepted.")
            % {"size": megabytes(len(content)), "limit": megabytes(max_upload_bytes())}
        )
    table = _xlsx_table(content) if lower.endswith(".xlsx") else _csv_table(content)
    header = next(table, None)
    if header is None:
        raise FileProblem(_("The file is empty."))
    by_name = {n: c.key for c in columns for n in c.names()}
    export_units = {n: (c.key, c.export_unit) for c in columns for n in c.export_names()}
    positions: dict[str, int] = {}
    units: dict[str, str] = {}
    for index, title in enumerate(header):
        name = title.strip().rstrip("*").strip()
        key = by_name.get(name)
        if key:
            positions[key] = index
            if name in export_units:
                units[key] = export_units[name][1]
    missing = [str(c.label) for c in columns if c.required and c.key not in positions]
    if missing:
        raise FileProblem(
            _("Columns missing from the first row: %(columns)s.") % {"columns": "、".join(missing)}
        )
    notes = {key: next(c for c in columns if c.key == key).template_note() for key in positions}
    rows = []
    blank = 0
    limit = max_rows()
    totals = _totals_labels()
    for number, cells in enumerate(table, start=2):
        if number == 2 and _is_notes_row(cells, positions, notes):
            continue  # the template's second row says what to write; it is not data
        if cells and cells[0] in totals:
            break  # an export's totals row ends the data
        if not any(cells):
            # Blank rows cost reading too: a sheet of a million empty rows is refused as well.
            blank += 1
            if blank > limit:
                raise _too_many_rows()
            continue
        if len(rows) == limit:
            raise _too_many_rows()
        rows.append(
            (number, {k: (cells[i] if i < len(cells) else "") for k, i in positions.items()})
        )
    return Sheet(columns, positions, rows, units)
