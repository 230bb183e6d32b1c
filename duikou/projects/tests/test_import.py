"""Importing projects and transactions: whole-file validation, row/column errors, re-import."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from duikou.funds.imports import TRANSACTION_COLUMNS, import_transactions
from duikou.funds.models import FundTransaction
from duikou.projects.imports import PROJECT_COLUMNS, import_projects, template_workbook
from duikou.projects.models import Project
from duikou.projects.tests.factories import make_allocation, make_plan, make_project

pytestmark = pytest.mark.django_db

HEADER = [
    "code",
    "name",
    "aiding_party",
    "place",
    "category",
    "plan_year",
    "budget_aid",
    "start_date",
    "finish_date",
]


def csv_file(*rows: list[str], header: list[str] = HEADER) -> bytes:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def good(code: str, **over: str) -> list[str]:
    values = {
        "code": code,
        "name": "伊宁县幼儿园",
        "aiding_party": "江苏省",
        "place": "654021",
        "category": "教育",
        "plan_year": "2025",
        "budget_aid": "1200000",
        "start_date": "2025-03-01",
        "finish_date": "2025-10-01",
    }
    values.update(over)
    return [values[h] for h in HEADER]


def test_a_valid_file_creates_every_project(hq_a):
    result = import_projects("p.csv", csv_file(good("IM-1"), good("IM-2")), hq_a, commit=True)
    assert result.ok and result.written
    assert result.counts() == {"create": 2, "update": 0, "unchanged": 0}
    project = Project.objects.get(code="IM-1")
    assert project.budget_aid == Decimal("1200000")
    assert project.is_livelihood  # 教育 counts as livelihood when the column is left out


def test_one_bad_row_writes_nothing_and_names_row_and_column(hq_a):
    content = csv_file(good("IM-1"), good("IM-2", plan_year="二〇二五", place="999999"))
    result = import_projects("p.csv", content, hq_a, commit=True)
    assert not result.written
    assert not Project.objects.filter(code__in=["IM-1", "IM-2"]).exists()
    problems = {(e.row, e.column.rsplit("（", 1)[0]) for e in result.errors}
    assert (3, str(PROJECT_COLUMNS[3].label)) in problems  # place code, row 3 of the sheet
    assert (3, str(PROJECT_COLUMNS[7].label)) in problems  # plan year
    assert all("（" in e.column for e in result.errors)  # column letter given too


def test_finish_before_start_is_reported_on_the_finish_date_column(hq_a):
    content = csv_file(good("IM-1", finish_date="2025-01-01"))
    result = import_projects("p.csv", content, hq_a, commit=False)
    (error,) = result.errors
    assert error.row == 2 and error.column.startswith(str(PROJECT_COLUMNS[13].label))


def test_reimporting_the_same_codes_updates_instead_of_duplicating(hq_a):
    import_projects("p.csv", csv_file(good("IM-1"), good("IM-2")), hq_a, commit=True)
    again = csv_file(good("IM-1"), good("IM-2", budget_aid="1500000"))
    preview = import_projects("p.csv", again, hq_a, commit=False)
    assert [(r.key, r.action) for r in preview.rows] == [("IM-1", "unchanged"), ("IM-2", "update")]
    assert Project.objects.get(code="IM-2").budget_aid == Decimal("1200000")  # preview only
    import_projects("p.csv", again, hq_a, commit=True)
    assert Project.objects.filter(code__startswith="IM-").count() == 2
    assert Project.objects.get(code="IM-2").budget_aid == Decimal("1500000")


def test_a_party_can_import_only_its_own_projects(hq_b, hq_a):
    result = import_projects("p.csv", csv_file(good("IM-JS")), hq_b, commit=True)
    assert not result.ok and not Project.objects.filter(code="IM-JS").exists()
    make_project(code="JS-OWN")
    takeover = csv_file(good("JS-OWN", aiding_party="北京市", place="653221"))
    result = import_projects("p.csv", takeover, hq_b, commit=True)
    assert not result.ok
    assert Project.objects.get(code="JS-OWN").aiding_party.name == "江苏省"


def test_a_duplicate_code_inside_the_file_is_an_error(hq_a):
    result = import_projects("p.csv", csv_file(good("IM-1"), good("IM-1")), hq_a, commit=True)
    assert [e.row for e in result.errors] == [3]


def test_the_excel_template_reads_back_as_an_import(hq_a):
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(PROJECT_COLUMNS, "Projects")))
    sheet = book.active
    sheet.cell(row=2, column=1).value = "TPL-1"
    out = io.BytesIO()
    book.save(out)
    result = import_projects("t.xlsx", out.getvalue(), hq_a, commit=True)
    assert result.ok, [str(e) for e in result.errors]
    assert Project.objects.get(code="TPL-1").plan_year == 2025


def test_a_file_without_required_columns_is_refused_whole(hq_a):
    result = import_projects("p.csv", csv_file(["x"], header=["code"]), hq_a, commit=True)
    assert len(result.errors) == 1 and result.errors[0].row == 1


def test_a_transaction_file_cannot_disburse_more_than_allocated_in_total(hq_a):
    project = make_project(code="TX-1")
    make_allocation(make_plan(), project, "1000000")
    header = ["project", "kind", "date", "amount"]
    rows = [["TX-1", "拨付", "2024-05-01", "600000"], ["TX-1", "拨付", "2024-06-01", "600000"]]
    result = import_transactions("t.csv", csv_file(*rows, header=header), hq_a, commit=True)
    amount_column = str(TRANSACTION_COLUMNS[3].label)
    assert [(e.row, e.column.rsplit("（", 1)[0]) for e in result.errors] == [(3, amount_column)]
    assert not FundTransaction.objects.filter(project=project).exists()
    ok = csv_file(rows[0], ["TX-1", "支出", "2024-06-01", "100000"], header=header)
    assert import_transactions("t.csv", ok, hq_a, commit=True).written
    again = import_transactions("t.csv", ok, hq_a, commit=False)
    assert [r.action for r in again.rows] == ["unchanged", "unchanged"]
