"""Exporting lists and tables to Excel and CSV: the same columns in both formats."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from duikou.lib.spreadsheet import XLSX, csv_cell, text_cell
from duikou.projects.imports import PROJECT_COLUMNS
from duikou.projects.models import Project


class _Echo:
    def write(self, value: str) -> str:
        return value


def table_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str
) -> HttpResponse | StreamingHttpResponse:
    """A download of `rows` under `header` as .xlsx (default) or streamed .csv."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # so Excel opens the UTF-8 file as UTF-8
            yield writer.writerow([csv_cell(h) for h in header])
            for row in rows:
                yield writer.writerow(["" if v is None else csv_cell(v) for v in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
        return response
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(filename[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_xlsx_value(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response


def _xlsx_value(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        return text_cell(sheet, value)
    if value is None or isinstance(value, int | float):
        return value
    return _plain(value)


def _plain(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value) if value == value.quantize(Decimal("0.01")) else str(value)
    return value


def project_rows(queryset) -> Iterable[list[Any]]:
    """Rows in the import template's column order (so an export can be edited and re-imported),
    followed by the status."""
    for p in queryset.with_relations().iterator(chunk_size=2000):
        yield [
            p.code,
            p.name,
            p.aiding_party.code,
            p.place.code,
            "、".join(x.code for x in p.extra_places.all()),
            p.category.name,
            "是" if p.is_livelihood else "否",
            p.plan_year,
            p.budget_aid,
            p.budget_local,
            p.budget_social,
            p.budget_enterprise,
            p.start_date.isoformat() if p.start_date else "",
            p.finish_date.isoformat() if p.finish_date else "",
            p.implementing_organisation.code if p.implementing_organisation_id else "",
            p.description,
            "是" if p.is_published else "否",
            "是" if p.is_cross_pairing else "否",
            p.get_status_display(),
        ]


def project_header() -> list[str]:
    return [str(c.label) for c in PROJECT_COLUMNS] + [
        str(Project._meta.get_field("status").verbose_name)
    ]
