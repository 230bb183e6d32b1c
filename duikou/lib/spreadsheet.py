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
