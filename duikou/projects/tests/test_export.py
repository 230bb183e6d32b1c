"""Exports: the filtered list and the statistics table, as Excel and CSV, within scope."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from duikou.projects.choices import Status
from duikou.projects.columns import import_projects
from duikou.projects.tests.factories import BEIJING, HOTAN_COUNTY, make_project, party, place

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    import csv

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_filtered_list_exports_to_csv_with_only_matching_rows(client_for, hq_a):
    make_project(code="EX-2023", plan_year=2023)
    make_project(code="EX-2024", plan_year=2024)
    response = client_for(hq_a).get("/projects/export/?year=2023&format=csv")
    codes = [r[0] for r in csv_rows(response)[1:]]
    assert "EX-2023" in codes and "EX-2024" not in codes


def test_the_excel_export_can_be_imported_again_unchanged(client_for, hq_a):
    make_project(code="EX-RT", plan_year=2020, budget_aid=Decimal("1234.50"))
    response = client_for(hq_a).get("/projects/export/?q=EX-RT&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    # Amounts in 万元, as the list shows them; the file still imports again (below).
    assert rows[1][0] == "EX-RT" and rows[1][header.index("援疆资金（万元）")] == 0.12345
    # Names stand beside the codes, and amounts are number cells with a format.
    assert rows[1][header.index("受援地代码（名称）")] == "伊宁县"
    assert rows[1][header.index("援助方（名称）")] == "江苏省"
    aid = sheet.cell(row=2, column=header.index("援疆资金（万元）") + 1)
    assert aid.number_format == "#,##0.00" and aid.data_type == "n"
    assert sheet.freeze_panes == "A2"
    assert rows[-1][0] == "合计" and rows[-1][header.index("援疆资金（万元）")] == 0.12345
    result = import_projects("export.xlsx", response.content, hq_a, commit=False)
    assert result.ok, [str(e) for e in result.errors]
    assert [r.action for r in result.rows] == ["unchanged"]


def test_exports_leave_out_what_the_caller_may_not_see(client_for, hq_a):
    make_project(code="BJ-SECRET", aiding_party=party(BEIJING), place=place(HOTAN_COUNTY))
    response = client_for(hq_a).get("/projects/export/?format=csv")
    assert "BJ-SECRET" not in [r[0] for r in csv_rows(response)]


def test_the_statistics_table_exports(client_for, coordinator):
    make_project(status=Status.APPROVED, plan_year=2019, budget_aid=Decimal("500"))
    client = client_for(coordinator)
    xlsx = client.get("/funds/statistics/?year=2019&format=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("江苏", 2019, "民生") in {r[:3] for r in rows[1:]}
    csv = csv_rows(client.get("/funds/statistics/?year=2019&format=csv"))
    # The CSV has the same rows; only the workbook adds the totals row.
    assert csv[0][0] and len(csv) == len(rows) - 1 and rows[-1][0] == "合计"


def test_text_that_looks_like_a_formula_is_exported_as_text(client_for, hq_a):
    make_project(code="EX-F", name='=HYPERLINK("http://example.invalid","点我")')
    response = client_for(hq_a).get("/projects/export/?q=EX-F")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == "EX-F")
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_csv_export_escapes_cells_that_a_spreadsheet_would_run_as_formulas(client_for, hq_a):
    make_project(
        code="EX-F",
        name='=HYPERLINK("http://evil.example","点击")',
        description="@SUM(1+1)",
        plan_year=2019,
    )
    response = client_for(hq_a).get("/projects/export/?q=EX-F&format=csv")
    [header, row] = csv_rows(response)
    assert row[0] == "EX-F"
    assert row[1] == '\'=HYPERLINK("http://evil.example","点击")'
    assert "'@SUM(1+1)" in row
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_an_escaped_csv_export_imports_back_unchanged(client_for, hq_a):
    make_project(code="EX-FR", name="=1+1 工程", plan_year=2019)
    response = client_for(hq_a).get("/projects/export/?q=EX-FR&format=csv")
    content = b"".join(response.streaming_content)
    result = import_projects("export.csv", content, hq_a, commit=False)
    assert result.ok, [str(e) for e in result.errors]
    assert [r.action for r in result.rows] == ["unchanged"]


def test_the_project_export_has_real_date_cells_and_names_beside_codes(client_for, hq_a):
    import datetime as dt

    make_project(code="EX-DT", start_date=dt.date(2025, 4, 1), finish_date=dt.date(2025, 11, 30))
    response = client_for(hq_a).get("/projects/export/?q=EX-DT&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    start = sheet.cell(row=2, column=header.index("开工日期") + 1)
    assert start.is_date and start.value.date() == dt.date(2025, 4, 1)
    assert start.number_format == "yyyy-mm-dd"
    party_code = header.index("援助方")
    assert sheet.cell(row=2, column=party_code + 1).value == "320000"
    assert sheet.cell(row=2, column=party_code + 2).value == "江苏省"
    assert header[party_code + 1] == "援助方（名称）"
