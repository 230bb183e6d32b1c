"""Exports and templates from a model's column declaration (`duikou.core.columns.Table`).

Exports come from the same columns as the import, so an exported file can be edited and
imported again; they add what a reader needs: the name beside every code, real number and date
cells with formats (money in the unit its header names), column widths, a frozen header row and
a totals row for the columns that add up. The template has the header, a notes row saying what
to write in each column, drop-down lists for choices, and its example in a separate sheet, so
no example row can be imported by mistake.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from duikou.core.columns import BOOL, CHOICE, DATE, DECIMAL, INTEGER, MONEY, REF, Column, Table
from duikou.core.sheets import letter
from duikou.lib.spreadsheet import XLSX, csv_cell, text_cell

MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"
DECIMAL_FORMAT = "#,##0.##"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
# An export-only kind: a share (0.8) written as a number shown as a percentage (80.0%).
PERCENT = "percent"


@dataclass(frozen=True)
class OutColumn:
    """One column of an export: its header, how to get the value, its cell format."""

    header: str
    get: Any  # callable(obj) -> value
    kind: str = "text"
    total: bool = False
    width: int = 12


def out_columns(table: Table) -> list[OutColumn]:
    """The export's columns: each declared column, and the name beside each reference."""
    out: list[OutColumn] = []
    for column in table.export_columns:
        out.append(
            OutColumn(
                str(column.out_label),
                column.value_of,
                column.kind,
                column.total,
                column.width or _width(column),
            )
        )
        if column.kind == REF and column.ref and column.ref.name:
            out.append(
                OutColumn(
                    _("%(column)s (name)") % {"column": column.label},
                    column.name_of,
                    "text",
                    False,
                    24,
                )
            )
    return out


def _width(column: Column) -> int:
    if column.kind in (MONEY, DECIMAL):
        return 16
    if column.kind == DATE:
        return 12
    return max(10, min(40, len(str(column.label)) * 2 + 2))


def export_response(
    table: Table, queryset: models.QuerySet, fmt: str, filename: str = ""
) -> HttpResponse | StreamingHttpResponse:
    """The records of `queryset` in the table's columns, as .xlsx (default) or .csv."""
    columns = out_columns(table)
    rows = ([c.get(obj) for c in columns] for obj in queryset.iterator(chunk_size=2000))
    return table_response(
        filename or table.filename or table.model._meta.model_name,
        columns,
        rows,
        fmt,
        title=str(table.title or table.model._meta.verbose_name_plural),
    )


def export_bytes(
    table: Table,
    queryset: models.QuerySet,
    fmt: str,
    on_row: Callable[[int], None] | None = None,
) -> bytes:
    """The same file as `export_response`, as bytes (for a background export); `on_row(n)`
    is told how many records were written so far."""
    columns = out_columns(table)

    def rows() -> Iterator[list[Any]]:
        for count, obj in enumerate(queryset.iterator(chunk_size=2000), 1):
            if on_row is not None:
                on_row(count)
            yield [c.get(obj) for c in columns]

    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        out.write("\ufeff")
        writer.writerow([csv_cell(c.header) for c in columns])
        for row in rows():
            writer.writerow([_csv_value(v) for v in row])
        return out.getvalue().encode("utf-8")
    return workbook(columns, rows(), str(table.title or table.model._meta.verbose_name_plural))


class _Echo:
    def write(self, value: str) -> str:
        return value


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


def table_response(
    filename: str,
    columns: Sequence[OutColumn | str],
    rows: Iterable[Sequence[Any]],
    fmt: str,
    title: str = "",
) -> HttpResponse | StreamingHttpResponse:
    """A download of `rows` under `columns` (OutColumns, or plain header strings)."""
    cols = [c if isinstance(c, OutColumn) else OutColumn(str(c), None) for c in columns]
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines() -> Iterator[str]:
            yield "\ufeff"  # so Excel opens the UTF-8 file as UTF-8
            yield writer.writerow([csv_cell(c.header) for c in cols])
            for row in rows:
                yield writer.writerow([_csv_value(v) for v in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}-{_stamp()}.csv"'
        return response
    response = HttpResponse(workbook(cols, rows, title or filename), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{_stamp()}.xlsx"'
    return response


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return csv_cell(value)


def workbook(columns: list[OutColumn], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    """An .xlsx of the rows, written row by row (write-only), with formats and a totals row."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        sheet.column_dimensions[letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = text_cell(sheet, column.header, bold)
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
        header.append(cell)
    sheet.append(header)
    totals = [Decimal(0) if c.total else None for c in columns]
    count = 0
    for row in rows:
        count += 1
        cells = []
        for index, value in enumerate(row):
            kind = columns[index].kind if index < len(columns) else "text"
            if totals[index] is not None and isinstance(value, int | Decimal):
                totals[index] += value
            cells.append(_xlsx_cell(sheet, value, kind, WriteOnlyCell))
        sheet.append(cells)
    if count and any(t is not None for t in totals):
        line = []
        for index, total in enumerate(totals):
            if index == 0:
                line.append(text_cell(sheet, _("Total"), bold))
            elif total is None:
                line.append(None)
            else:
                cell = WriteOnlyCell(sheet, value=total)
                cell.number_format = _format(columns[index].kind)
                cell.font = bold
                line.append(cell)
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _format(kind: str) -> str:
    return {
        MONEY: MONEY_FORMAT,
        DECIMAL: DECIMAL_FORMAT,
        INTEGER: INTEGER_FORMAT,
        PERCENT: PERCENT_FORMAT,
    }.get(kind, "General")


def _xlsx_cell(sheet: Any, value: Any, kind: str, cell_class: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, bool):
        return text_cell(sheet, "是" if value else "否")
    cell = cell_class(sheet, value=value)
    if isinstance(value, dt.datetime):
        cell.value = timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | Decimal | float):
        cell.number_format = (
            _format(kind) if kind in (MONEY, DECIMAL, INTEGER, PERCENT) else "General"
        )
    return cell


def template_workbook(table: Table) -> bytes:
    """The import template: header (required columns starred and shaded), a notes row, lists
    for yes/no and choice columns, and an example on a sheet of its own."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = table.import_columns
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = str(table.title or table.model._meta.verbose_name_plural)[:31]
    sheet.append([c.header() for c in columns])
    sheet.append([c.template_note() for c in columns])
    sheet.freeze_panes = "A3"
    grey = Font(italic=True, color="666666")
    for index, column in enumerate(columns):
        head = sheet.cell(row=1, column=index + 1)
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor="FBE9E9" if column.required else "EEF1F5")
        note = sheet.cell(row=2, column=index + 1)
        note.font = grey
        note.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter(index)].width = column.width or _width(column)
        options = _options(column)
        if options:
            rule = DataValidation(
                type="list", formula1='"' + ",".join(options) + '"', allow_blank=True
            )
            rule.error = _("Choose one of the listed values.")
            rule.showErrorMessage = True
            sheet.add_data_validation(rule)
            rule.add(f"{letter(index)}3:{letter(index)}100000")
    example = book.create_sheet(_("Example")[:31])
    example.append([_("An example row: do not import this sheet; only the first sheet is read.")])
    example.append([c.header() for c in columns])
    example.append([c.example for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _options(column: Column) -> list[str]:
    if column.kind == BOOL:
        return ["是", "否"]
    if column.kind == CHOICE and column.choices:
        labels = [str(label) for _value, label in column.choices]
        # An Excel list is at most 255 characters; longer lists stay free text with a note.
        return labels if len(",".join(labels)) < 250 else []
    return []
