"""Importing projects and transactions: whole-file validation, row/column errors, re-import."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from duikou.core.exports import template_workbook
from duikou.funds.columns import TRANSACTIONS, import_transactions
from duikou.funds.models import FundTransaction
from duikou.projects.columns import PROJECTS, import_projects
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
    assert (3, str(PROJECTS.columns[3].label)) in problems  # place code, row 3 of the sheet
    assert (3, str(PROJECTS.columns[7].label)) in problems  # plan year
    assert all("（" in e.column for e in result.errors)  # column letter given too


def test_finish_before_start_is_reported_on_the_finish_date_column(hq_a):
    content = csv_file(good("IM-1", finish_date="2025-01-01"))
    result = import_projects("p.csv", content, hq_a, commit=False)
    (error,) = result.errors
    assert error.row == 2 and error.column.startswith(str(PROJECTS.columns[13].label))


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


def test_the_template_as_downloaded_imports_nothing(hq_a):
    # Its second row is notes and its example stands on a sheet of its own.
    content = template_workbook(PROJECTS)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames[1] == "示例"
    notes = [c.value for c in book.active[2]]
    assert "日期，如 2025-05-20" in notes
    result = import_projects("t.xlsx", content, hq_a, commit=True)
    assert result.ok and result.rows == []


def test_the_template_filled_in_below_its_notes_imports(hq_a):
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(PROJECTS)))
    example = [c.value for c in book["示例"][3]]
    example[0] = "TPL-1"
    for index, value in enumerate(example, start=1):
        book.active.cell(row=3, column=index).value = value
    out = io.BytesIO()
    book.save(out)
    result = import_projects("t.xlsx", out.getvalue(), hq_a, commit=True)
    assert result.ok, [str(e) for e in result.errors]
    project = Project.objects.get(code="TPL-1")
    assert project.plan_year == 2025 and project.place.code == "654021"
    # Yes/no columns offer a drop-down list.
    validations = book.active.data_validations.dataValidation
    assert any(v.formula1 == '"是,否"' for v in validations)


def test_a_file_without_required_columns_is_refused_whole(hq_a):
    result = import_projects("p.csv", csv_file(["x"], header=["code"]), hq_a, commit=True)
    assert len(result.errors) == 1 and result.errors[0].row == 1


def test_a_transaction_file_cannot_disburse_more_than_allocated_in_total(hq_a):
    project = make_project(code="TX-1")
    make_allocation(make_plan(), project, "1000000")
    header = ["project", "kind", "date", "amount"]
    rows = [["TX-1", "拨付", "2024-05-01", "600000"], ["TX-1", "拨付", "2024-06-01", "600000"]]
    result = import_transactions("t.csv", csv_file(*rows, header=header), hq_a, commit=True)
    amount_column = str(TRANSACTIONS.columns[3].label)
    assert [(e.row, e.column.rsplit("（", 1)[0]) for e in result.errors] == [(3, amount_column)]
    assert not FundTransaction.objects.filter(project=project).exists()
    ok = csv_file(rows[0], ["TX-1", "支出", "2024-06-01", "100000"], header=header)
    assert import_transactions("t.csv", ok, hq_a, commit=True).written
    again = import_transactions("t.csv", ok, hq_a, commit=False)
    assert [r.action for r in again.rows] == ["unchanged", "unchanged"]


def _queries(hq_a, codes: list[str], *, commit: bool) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    content = csv_file(*[good(c) for c in codes])
    with CaptureQueriesContext(connection) as queries:
        result = import_projects("p.csv", content, hq_a, commit=commit)
    assert result.ok, [str(e) for e in result.errors]
    return len(queries)


@pytest.mark.parametrize("commit", [False, True], ids=["preview", "commit"])
def test_an_import_costs_queries_per_file_not_per_row(hq_a, commit):
    _queries(hq_a, ["QC-WARM"], commit=commit)  # the caller's scope and content types, cached
    few = _queries(hq_a, [f"QC-A{i}" for i in range(3)], commit=commit)
    many = _queries(hq_a, [f"QC-B{i}" for i in range(40)], commit=commit)
    assert many == few


def test_names_work_as_well_as_codes_for_places_and_parties(hq_a):
    row = good("NM-1", place="伊宁县", aiding_party="江苏")
    result = import_projects("p.csv", csv_file(row), hq_a, commit=True)
    assert result.ok, [str(e) for e in result.errors]
    assert Project.objects.get(code="NM-1").place.code == "654021"


def test_an_import_is_recorded_in_history_for_its_user(hq_a):
    from duikou.core.history import history_for

    import_projects("p.csv", csv_file(good("HI-1")), hq_a, commit=True)
    project = Project.objects.get(code="HI-1")
    import_projects("p.csv", csv_file(good("HI-1", name="新名称")), hq_a, commit=True)
    entries = list(history_for(project))
    assert [e.action for e in entries] == ["update", "create"]
    assert {e.user_name for e in entries} == {"hq_jiangsu"}
    assert entries[0].changes["name"] == ["伊宁县幼儿园", "新名称"]
    project.refresh_from_db()
    assert project.version == 2


def test_a_previewed_import_writes_nothing(hq_a):
    result = import_projects("p.csv", csv_file(good("PV-1")), hq_a, commit=False)
    assert result.ok and result.counts()["create"] == 1
    assert not Project.objects.filter(code="PV-1").exists()
