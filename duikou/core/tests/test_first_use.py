"""What a new user meets first, as each role: menus and buttons it can use, lists that open on
its own records, values written for people, forms whose element ids never repeat."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from duikou.core.models import ChangeRecord
from duikou.projects.choices import Status
from duikou.projects.tests.factories import BEIJING, HOTAN_COUNTY, make_project, party, place

pytestmark = pytest.mark.django_db


def _menu(client) -> list[str]:
    aside = re.search(r"(?s)<aside.*?</aside>", client.get("/").content.decode()).group(0)
    return re.findall(r'href="(/[^"]*)"', aside)


def test_a_recipient_is_shown_no_fund_pages_it_cannot_use(client_for, recipient):
    menu = _menu(client_for(recipient))
    assert "/projects/" in menu
    assert "/funds/" not in menu and "/compliance/" not in menu


def test_the_fund_list_offers_only_the_buttons_a_role_may_use(client_for, wg_a, hq_a):
    wg_page = client_for(wg_a).get("/funds/").content.decode()
    assert "/funds/statistics/" in wg_page and "/compliance/" in wg_page
    hq_page = client_for(hq_a).get("/funds/").content.decode()
    assert "/funds/transactions/import/" in hq_page


def test_a_recipients_project_list_opens_on_its_area_and_widens_on_request(client_for, recipient):
    make_project(code="FU-OWN", status=Status.APPROVED, is_published=True)
    make_project(
        code="FU-ELSEWHERE",
        aiding_party=party(BEIJING),
        place=place(HOTAN_COUNTY),
        status=Status.APPROVED,
        is_published=True,
    )
    client = client_for(recipient)
    opened = client.get("/projects/?q=FU-").content.decode()
    assert "FU-OWN" in opened and "FU-ELSEWHERE" not in opened
    assert 'data-testid="scope-switch"' in opened and "本辖区" in opened
    widened = client.get("/projects/?q=FU-&scope=all").content.decode()
    assert "FU-OWN" in widened and "FU-ELSEWHERE" in widened
    # The export follows the list: its own area unless widened.
    export = b"".join(client.get("/projects/export/?q=FU-&format=csv").streaming_content)
    assert b"FU-OWN" in export and b"FU-ELSEWHERE" not in export


def test_a_coordinators_list_has_no_switch_it_reads_everything_anyway(client_for, coordinator):
    page = client_for(coordinator).get("/projects/").content.decode()
    assert 'data-testid="scope-switch"' not in page


def test_the_change_log_shows_times_money_and_people_as_people_read_them(client_for, coordinator):
    project = make_project(code="FU-LOG", budget_aid=Decimal("819000"))
    record = ChangeRecord.objects.filter(object_id=str(project.pk)).latest("pk")
    record.changes = {
        "updated_at": [None, "2026-12-01T07:23:59.242429+00:00"],
        "budget_aid": ["0.00", "819000.00"],
    }
    record.user_name = "loader:demo_data"
    record.save()
    page = client_for(coordinator).get("/changes/?model=项目").content.decode()
    assert "2026-12-01 15:23" in page  # Asia/Shanghai
    assert "2026-12-01T07:23:59" not in page
    assert "819,000.00 元" in page
    assert "批量载入（演示数据）" in page and "loader:demo_data" not in page
    assert "request job-" not in page and "请求 " not in page


def test_the_change_log_is_filtered_by_a_record_types_chinese_name(client_for, coordinator):
    make_project(code="FU-KIND")
    client = client_for(coordinator)
    assert "FU-KIND" in client.get("/changes/?model=项目").content.decode()
    assert "FU-KIND" not in client.get("/changes/?model=对口关系").content.decode()
    assert '<option value="援疆项目"' in client.get("/changes/").content.decode()


def test_the_project_page_repeats_no_element_id_across_its_forms(client_for, hq_a):
    project = make_project(status=Status.BUILDING)
    html = client_for(hq_a).get(project.get_absolute_url()).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert 'id="id_transaction_date"' in html and 'id="id_progress_date"' in html
    assert 'class="form-control form-control-sm"' in html


def test_a_livelihood_project_of_the_livelihood_category_says_so_once(client_for, hq_a):
    make_project(code="FU-MS", is_livelihood=True)
    page = client_for(hq_a).get("/projects/?q=FU-MS").content.decode()
    row = re.search(r"(?s)<tbody.*?</tbody>", page).group(0)
    assert "FU-MS" in row
    assert row.count("民生") == 1


def test_an_empty_construction_period_reads_not_given(client_for, hq_a):
    project = make_project(start_date=None, finish_date=None)
    page = client_for(hq_a).get(project.get_absolute_url()).content.decode()
    assert "未填写" in page and "— —" not in page


def test_the_brand_names_the_platform_once(client_for, hq_a):
    page = client_for(hq_a).get("/").content.decode()
    assert "对口 对口援疆管理平台" not in re.sub(r"<[^>]+>", " ", page).replace("  ", " ")
