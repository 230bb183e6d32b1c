"""Excel output shared by every export: the MIME type and text cells that stay text."""

from __future__ import annotations

from typing import Any

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_cell(sheet: Any, value: str, font: Any = None) -> Any:
    """A write-only cell holding `value` as a string.

    openpyxl turns a string that starts with "=" into a formula; user-entered text (a
    project name, a sentence of a report) must never run as one when the file is opened.
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


# A cell starting with one of these may run as a formula when a spreadsheet opens the CSV.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell that a spreadsheet will not run as a formula.

    OWASP's advice for CSV injection: text starting with = + - @ tab or CR gets a leading
    single quote, which spreadsheets show as text. Numbers stay numbers (a negative amount
    is not text a user typed).
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
