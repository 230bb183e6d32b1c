"""Limits before work: an import file is measured before it is parsed and counted as it streams."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.utils.translation import gettext as _

from duikou.core import sheets
from duikou.core.sheets import FileProblem, read_sheet
from duikou.projects.columns import PROJECTS, import_projects
from duikou.projects.tests.test_import import HEADER, csv_file, good

pytestmark = pytest.mark.django_db


def workbook(rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append(good(f"LIM-{n}"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(FileProblem) as problem:
        read_sheet(name, content, PROJECTS.import_columns)
    return str(problem.value)


def test_an_xlsx_zip_bomb_is_refused_before_its_rows_are_read(settings, monkeypatch):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 1
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = b"<worksheet><sheetData>" + row * 60_000 + b"</sheetData></worksheet>"
    bomb = zip_of({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": sheet})
    assert len(bomb) < 50_000 < len(sheet) // 50  # small on disk, large unpacked

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    expected = _(
        "The workbook unpacks to %(size)s MB; at most %(limit)s MB are accepted. "
        "Split it into smaller files."
    )
    assert refusal("bomb.xlsx", bomb).startswith(expected.split("%(size)s")[0])


def test_a_file_with_more_rows_than_the_limit_is_refused_while_streaming(monkeypatch, settings):
    settings.IMPORT_MAX_ROWS = 3
    cells_read = 0
    original = sheets._cell_text

    def counting(value):
        nonlocal cells_read
        cells_read += 1
        return original(value)

    monkeypatch.setattr(sheets, "_cell_text", counting)
    message = refusal("many.xlsx", workbook(rows=200))
    assert message == _("At most %(n)s rows per file.") % {"n": 3}
    # The header and the first four data rows were read, not the 200.
    assert cells_read <= 5 * len(HEADER)


def test_a_file_at_the_row_limit_is_read_whole(settings):
    settings.IMPORT_MAX_ROWS = 3
    sheet = read_sheet(
        "three.csv", csv_file(good("A"), good("B"), good("C")), PROJECTS.import_columns
    )
    assert [line for line, _values in sheet.rows] == [2, 3, 4]


def test_a_file_over_the_byte_limit_is_refused_before_it_is_parsed(settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    content = csv_file(good("A")) + b"," * (1024 * 1024)
    assert "MB" in refusal("big.csv", content)


def test_a_zero_byte_file_is_refused_as_empty(hq_a):
    for name in ("empty.xlsx", "empty.csv"):
        result = import_projects(name, b"", hq_a, commit=False)
        assert [(e.row, e.reason) for e in result.errors] == [(1, _("The file is empty."))]


def test_an_xlsx_that_is_a_zip_of_something_else_is_not_an_excel_workbook():
    other = zip_of({"word/document.xml": b"<document/>"})
    expected = _("The file is not an Excel workbook.")
    assert refusal("report.xlsx", other) == expected
    assert refusal("not-excel.xlsx", b"plain text, not a zip") == expected


def test_a_csv_in_neither_utf8_nor_gb18030_gets_a_file_level_message(hq_a):
    utf16 = ",".join(HEADER).encode("utf-16")
    result = import_projects("p.csv", utf16, hq_a, commit=False)
    assert [(e.row, e.reason) for e in result.errors] == [
        (1, _("The CSV file is neither UTF-8 nor GB18030 text."))
    ]


# -- stored previews -------------------------------------------------------------------------
def _preview_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media" / "imports"


def test_a_new_preview_clears_away_previews_abandoned_for_a_day(
    client_for, hq_a, settings, tmp_path
):
    import os
    import time

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    folder = _preview_folder(settings, tmp_path)
    folder.mkdir(parents=True)
    old, recent = folder / "old.csv", folder / "recent.csv"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")
    day_and_more = time.time() - 25 * 3600
    os.utime(old, (day_and_more, day_and_more))
    from duikou.core.models import TaskRun

    upload = SimpleUploadedFile("p.csv", csv_file(good("PV-1")))
    response = client_for(hq_a).post(reverse("projects:import"), {"file": upload})
    run = TaskRun.objects.get(owner=hq_a, kind="import.preview")
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert not old.exists() and recent.exists()
    assert (folder / run.arguments[1]).exists()


def test_a_confirmed_import_deletes_its_preview(client_for, hq_a, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    folder = _preview_folder(settings, tmp_path)
    client = client_for(hq_a)
    from duikou.core.models import TaskRun

    upload = SimpleUploadedFile("p.csv", csv_file(good("PV-2")))
    client.post(reverse("projects:import"), {"file": upload})
    preview = TaskRun.objects.get(owner=hq_a, kind="import.preview")
    token = preview.arguments[1]
    assert (folder / token).exists()
    client.post(reverse("projects:import"), {"confirm": "1", "run": preview.pk})
    assert not (folder / token).exists()


def test_the_clean_imports_command_deletes_old_previews(settings, tmp_path):
    import os
    import time

    from django.core.management import call_command

    folder = _preview_folder(settings, tmp_path)
    folder.mkdir(parents=True)
    old = folder / "old.xlsx"
    old.write_bytes(b"x")
    two_days = time.time() - 48 * 3600
    os.utime(old, (two_days, two_days))
    out = io.StringIO()
    call_command("clean_imports", stdout=out)
    assert not old.exists() and "1" in out.getvalue()


def test_a_cell_far_to_the_right_does_not_widen_every_row(monkeypatch):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(good("WIDE-1"))
    sheet.cell(row=1, column=16384).value = "x"  # column XFD
    out = io.BytesIO()
    book.save(out)
    widths: list[int] = []
    original = sheets._cell_text
    monkeypatch.setattr(sheets, "_cell_text", lambda v: widths.append(1) or original(v))
    rows = read_sheet("wide.xlsx", out.getvalue(), PROJECTS.import_columns).rows
    assert [line for line, _values in rows] == [2]
    assert len(widths) <= 2 * sheets.MAX_COLUMNS
