"""The transaction import checks every row as it will be saved, strictly, and within the file."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _

from duikou.funds.columns import TRANSACTIONS, import_transactions
from duikou.funds.models import FundTransaction
from duikou.projects.tests.factories import make_allocation, make_plan, make_project
from duikou.projects.tests.test_import import csv_file

pytestmark = pytest.mark.django_db

HEADER = ["project", "kind", "date", "amount", "reference"]


def label(key: str) -> str:
    return str(next(c.label for c in TRANSACTIONS.columns if c.key == key))


@pytest.fixture
def project(db):
    project = make_project(code="TXR-1")
    make_allocation(make_plan(), project, "1000000")
    return project


def preview(hq_a, *rows: list[str]):
    return import_transactions("t.csv", csv_file(*rows, header=HEADER), hq_a, commit=False)


def test_a_too_long_reference_in_a_transaction_import_is_reported_in_the_preview(hq_a, project):
    result = preview(hq_a, ["TXR-1", "拨付", "2024-05-01", "1000", "文" * 1000])
    assert not result.ok
    [error] = result.errors
    assert error.row == 2 and error.column.startswith(label("reference"))
    assert "60" in error.reason
    confirmed = import_transactions(
        "t.csv",
        csv_file(["TXR-1", "拨付", "2024-05-01", "1000", "文" * 1000], header=HEADER),
        hq_a,
        commit=True,
    )
    assert not confirmed.written and not FundTransaction.objects.exists()


@pytest.mark.parametrize("text", ["2025-05-20garbage", "2024-05-01 12:00", "20240501", "2024-5-1"])
def test_a_date_with_anything_but_an_iso_date_is_refused(hq_a, project, text):
    result = preview(hq_a, ["TXR-1", "拨付", text, "1000", ""])
    assert [(e.row, e.column.split("（")[0]) for e in result.errors] == [(2, label("date"))]


def test_an_excel_date_cell_is_read_as_its_date(hq_a, project):
    import datetime as dt
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["TXR-1", "拨付", dt.datetime(2024, 5, 1), 1000, ""])
    out = io.BytesIO()
    book.save(out)
    result = import_transactions("t.xlsx", out.getvalue(), hq_a, commit=True)
    assert result.written, [str(e) for e in result.errors]
    assert FundTransaction.objects.get().date == dt.date(2024, 5, 1)


def test_a_row_repeated_inside_one_file_is_an_error_naming_the_first_row(hq_a, project):
    row = ["TXR-1", "拨付", "2024-05-01", "1000", "苏援拨〔2024〕1号"]
    other = ["TXR-1", "拨付", "2024-05-02", "1000", ""]
    result = import_transactions(
        "t.csv", csv_file(row, other, row, header=HEADER), hq_a, commit=True
    )
    assert [(e.row, e.reason) for e in result.errors] == [
        (4, _("This row repeats row %(row)s of the file.") % {"row": 2})
    ]
    assert not FundTransaction.objects.exists()


def test_a_project_import_refuses_a_date_with_trailing_text(hq_a):
    from duikou.projects.columns import import_projects
    from duikou.projects.tests.test_import import HEADER as PROJECT_HEADER
    from duikou.projects.tests.test_import import good

    content = csv_file(good("DT-1", start_date="2025-05-20garbage"), header=PROJECT_HEADER)
    result = import_projects("p.csv", content, hq_a, commit=False)
    assert [e.row for e in result.errors] == [2] and result.rows == []
