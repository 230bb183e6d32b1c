"""Reference data: what ships matches the verified set; bad files fail whole and loudly."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from duikou.lib.datafile import DataFileError
from duikou.organisations.models import AidingParty, Organisation
from duikou.pairings import services as pairing_services
from duikou.pairings.models import Pairing
from duikou.pairings.services import load_reference
from duikou.places import services as place_services
from duikou.places.choices import Level
from duikou.places.models import Place

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "reference"


def test_the_region_has_14_prefectures_112_counties_and_14_corps_divisions():
    assert Place.objects.filter(level=Level.REGION).count() == 1
    assert Place.objects.filter(level=Level.PREFECTURE, official_code=True).count() == 14
    counties = Place.objects.filter(level=Level.COUNTY, official_code=True)
    assert counties.count() == 112
    assert counties.filter(kind="兵团师市").count() == 13
    divisions = (
        Place.objects.filter(alias__startswith="第").count()
        + Place.objects.filter(kind="兵团师").count()
    )
    assert divisions == 14


def test_19_aiding_parties_and_98_pairings_are_loaded():
    assert AidingParty.objects.count() == 19
    assert Pairing.objects.count() == 98
    assert Pairing.objects.filter(place__kind="兵团团场").count() == 2


@pytest.mark.skipif(not SHARED.exists(), reason="shared reference set not beside the checkout")
def test_shipped_reference_data_matches_the_verified_set_row_for_row():
    with (SHARED / "xinjiang_divisions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    shipped = {p.code: p.name for p in Place.objects.filter(official_code=True)}
    assert {r["code"]: r["name"] for r in rows} == shipped
    with (SHARED / "pairings.csv").open(encoding="utf-8") as f:
        pairings = list(csv.DictReader(f))
    assert len(pairings) == Pairing.objects.count()
    loaded = {
        (p.aiding_party.name, p.place.code)
        for p in Pairing.objects.select_related("aiding_party", "place")
        if p.place.official_code
    }
    expected = {(r["aiding_party"], r["aided_unit_code"]) for r in pairings if r["aided_unit_code"]}
    assert loaded == expected
    for name in ("xinjiang_divisions.csv", "xpcc_divisions.csv"):
        assert (SHARED / name).read_bytes() == (place_services.DATA_DIR / name).read_bytes()
    assert (SHARED / "pairings.csv").read_bytes() == pairing_services.PAIRINGS_FILE.read_bytes()


def test_a_subtree_query_finds_everything_in_a_prefecture():
    kashgar = Place.objects.get(name="喀什地区")
    inside = Place.objects.within(kashgar)
    assert inside.count() == 14  # the prefecture and its 13 counties (岑岭县 since 2026)
    assert all(p.code.startswith("6531") for p in inside)
    assert (
        Pairing.objects.filter(place__path__startswith=kashgar.path)
        .values("aiding_party")
        .distinct()
        .count()
        == 4
    )  # 深圳, 广东, 上海, 山东


def test_a_corps_city_carries_its_division_name():
    assert Place.objects.get(code="659002").alias == "第一师"
    assert str(Place.objects.get(code="659009")) == "昆玉市（第十四师）"


def test_reloading_reference_data_changes_nothing():
    from duikou.core.models import ChangeRecord

    before = (Place.objects.count(), Organisation.objects.count(), ChangeRecord.objects.count())
    load_reference()
    after = (Place.objects.count(), Organisation.objects.count(), ChangeRecord.objects.count())
    assert before == after


def test_each_party_has_a_headquarters_and_each_paired_place_a_work_group():
    assert Organisation.objects.filter(kind="hq").count() == 19
    assert Organisation.objects.filter(kind="work_group").count() == 98
    group = Organisation.objects.get(code="WG-320000-654021")
    assert group.parent.code == "HQ-320000" and group.place.name == "伊宁县"


@pytest.fixture
def broken_copy(tmp_path, monkeypatch):
    """Copies of the data files the test may corrupt, swapped in for the real ones."""
    for name in ("xinjiang_divisions.csv", "xpcc_divisions.csv"):
        shutil.copy(place_services.DATA_DIR / name, tmp_path / name)
    shutil.copy(pairing_services.PAIRINGS_FILE, tmp_path / "pairings.csv")
    monkeypatch.setattr(place_services, "DIVISIONS_FILE", tmp_path / "xinjiang_divisions.csv")
    monkeypatch.setattr(place_services, "XPCC_FILE", tmp_path / "xpcc_divisions.csv")
    monkeypatch.setattr(pairing_services, "PAIRINGS_FILE", tmp_path / "pairings.csv")
    monkeypatch.setattr(
        place_services.read_divisions, "__defaults__", (tmp_path / "xinjiang_divisions.csv",)
    )
    monkeypatch.setattr(
        place_services.read_xpcc, "__defaults__", (tmp_path / "xpcc_divisions.csv",)
    )
    monkeypatch.setattr(
        pairing_services.load_pairings, "__defaults__", (tmp_path / "pairings.csv",)
    )
    return tmp_path


def rewrite(path: Path, line: int, column: str, value: str) -> None:
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_a_bad_division_code_names_file_line_and_field_and_writes_nothing(broken_copy):
    rewrite(broken_copy / "xinjiang_divisions.csv", 5, "code", "65A10")
    rename = Place.objects.get(code="653221")
    rewrite(broken_copy / "xinjiang_divisions.csv", 3, "name", "改名县")  # a valid change…
    with pytest.raises(DataFileError) as error:
        load_reference()
    message = str(error.value)
    assert "xinjiang_divisions.csv" in message and "line 5" in message and "'code'" in message
    assert Place.objects.get(code=rename.code).name == rename.name  # …is not half-written
    assert not Place.objects.filter(name="改名县").exists()


def test_a_pairing_with_an_unknown_party_fails_the_whole_load(broken_copy):
    rewrite(broken_copy / "pairings.csv", 2, "aiding_party", "火星省")
    rewrite(broken_copy / "pairings.csv", 4, "aided_unit_code", "659999")
    with pytest.raises(DataFileError) as error:
        load_reference()
    lines = {(e.line, e.field) for e in error.value.errors}
    assert lines == {(2, "aiding_party"), (4, "aided_unit_code")}


def test_a_row_with_missing_cells_is_reported(broken_copy):
    path = broken_copy / "xpcc_divisions.csv"
    path.write_text(path.read_text(encoding="utf-8") + "第十五师,x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"line 17"):
        load_reference()


def test_the_load_command_reports_errors_without_a_traceback(broken_copy):
    from django.core.management import CommandError, call_command

    rewrite(broken_copy / "pairings.csv", 3, "since", "二〇一〇")
    with pytest.raises(CommandError, match=r"pairings.csv: line 3, field 'since'"):
        call_command("load_reference")


def test_moving_a_place_records_the_new_path_of_every_place_below_it(admin_user):
    from duikou.core.context import acting_as
    from duikou.core.history import history_for

    yining = Place.objects.get(code="654021")
    township = Place.objects.create(code="T-1", name="测试镇", level=Level.TOWNSHIP, parent=yining)
    village = Place.objects.create(code="T-2", name="测试村", level=Level.VILLAGE, parent=township)
    gongliu = Place.objects.get(code="654024")
    with acting_as(admin_user, "move-1"):
        township.parent = gongliu
        township.save()
    village.refresh_from_db()
    assert village.path == f"{gongliu.path}T-1/T-2/"
    record = history_for(village).get(action="update")
    assert record.changes == {"path": [f"{yining.path}T-1/T-2/", village.path]}
    assert record.user == admin_user and record.request_id == "move-1"
