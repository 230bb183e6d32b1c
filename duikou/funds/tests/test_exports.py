"""The statistics and two-80% exports look like their pages: the same columns in the same
order, amounts in 万元 as number cells with formats, a totals row, a Chinese sheet name."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from duikou.projects.choices import Status
from duikou.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_the_statistics_export_is_in_wan_with_year_before_category_and_a_totals_row(
    client_for, coordinator
):
    make_project(status=Status.APPROVED, plan_year=2019, budget_aid=Decimal("1500000"))
    make_project(status=Status.APPROVED, plan_year=2019, budget_aid=Decimal("500000"))
    sheet = _sheet(client_for(coordinator).get("/funds/statistics/?year=2019&format=xlsx"))
    rows = list(sheet.values)
    header = rows[0]
    assert sheet.title == "统计"
    assert header[:4] == ("援助方", "年度", "类别", "援疆项目")
    assert header[4] == "援疆资金（万元）"
    assert rows[1][:5] == ("江苏", 2019, "民生", 2, 200)
    amount = sheet.cell(row=2, column=5)
    assert amount.data_type == "n" and amount.number_format == "#,##0.00"
    assert rows[-1][0] == "合计" and rows[-1][3] == 2 and rows[-1][4] == 200
    assert sheet.column_dimensions["E"].width >= 14 and sheet.freeze_panes == "A2"


def test_the_two_80_table_exports_per_party_and_year_with_shares_as_percentages(
    client_for, coordinator
):
    make_project(status=Status.APPROVED, plan_year=2021, budget_aid=Decimal("2000000"))
    client = client_for(coordinator)
    sheet = _sheet(client.get("/compliance/?year=2021&format=xlsx"))
    rows = list(sheet.values)
    assert sheet.title == "两个80%"
    assert rows[0][:3] == ("援助方", "年度", "援疆资金（万元）")
    jiangsu = next(r for r in rows[1:] if r[0] == "江苏")
    assert jiangsu[1] == 2021 and jiangsu[2] == 200
    share = sheet.cell(row=rows.index(jiangsu) + 1, column=5)
    assert share.data_type == "n" and share.number_format == "0.0%" and share.value == 1
    assert jiangsu[-1] == "达标"
    assert {r[1] for r in rows[1:-1]} == {2021}  # the year filter holds in the file
    assert rows[-1][0] == "合计" and rows[-1][2] >= 200


def test_the_two_80_page_filters_by_year_and_links_its_export(client_for, coordinator):
    make_project(status=Status.APPROVED, plan_year=2021, budget_aid=Decimal("2000000"))
    make_project(status=Status.APPROVED, plan_year=2022, budget_aid=Decimal("2000000"))
    page = client_for(coordinator).get("/compliance/?year=2021").content.decode()
    assert ">2021<" in page and ">2022<" not in page
    assert "?year=2021&amp;format=xlsx" in page


def test_a_role_without_fund_figures_gets_no_statistics(client_for, recipient):
    assert client_for(recipient).get("/funds/statistics/").status_code == 403
