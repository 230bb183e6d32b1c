"""Importing projects from .xlsx or .csv: validate the whole file, preview, then write at once.

The reader and the error/preview types here are shared with the fund-transaction import. Each
row goes through the same `ProjectForm` the edit page uses, and through the caller's scope, so
an import can do exactly what the forms can. Rows are matched on project code: a known code
updates the project (if the caller may change it), an unknown one creates it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.scoping import Scope, can_create, rule_for
from duikou.lib.spreadsheet import FORMULA_START
from duikou.lib.zipcheck import ZipProblem, check_zip
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place
from duikou.projects.forms import PROJECT_FIELDS, ProjectForm
from duikou.projects.models import Category, Project

MAX_ROWS = 20000
# No import has this many columns; cells further right are not read.
MAX_COLUMNS = 200
_MB = 1024 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy translation
    required: bool = False
    example: str = ""

    def names(self) -> set[str]:
        """What a header cell may say for this column: key, label now, label in English."""
        with translation.override("en"):
            english = str(self.label)
        return {self.key, str(self.label), english}


def letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


@dataclass
class CellError:
    """One problem: the row number as the spreadsheet shows it, the column, the reason."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class PlannedRow:
    row: int
    key: str
    action: str  # "create" | "update" | "unchanged"
    changes: list[str] = field(default_factory=list)
    apply: Callable[[], Any] | None = None


@dataclass
class ImportResult:
    errors: list[CellError] = field(default_factory=list)
    rows: list[PlannedRow] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0}
        for r in self.rows:
            counts[r.action] += 1
        return counts


class FileProblem(ValueError):
    """The file as a whole cannot be read (format, header)."""


@dataclass
class Sheet:
    """The rows of an uploaded file as {column key: text}, with spreadsheet row numbers."""

    columns: list[Column]
    positions: dict[str, int]  # column key → 0-based index in the file
    rows: list[tuple[int, dict[str, str]]]

    def column_name(self, key: str) -> str:
        col = next(c for c in self.columns if c.key == key)
        pos = self.positions.get(key)
        return f"{col.label}（{letter(pos)}）" if pos is not None else str(col.label)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def max_upload_bytes() -> int:
    """The largest import file accepted, in bytes (setting IMPORT_MAX_UPLOAD_MB)."""
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_MB", 20)) * _MB


def max_uncompressed_bytes() -> int:
    """The most an .xlsx may unpack to, in bytes (setting IMPORT_MAX_UNCOMPRESSED_MB)."""
    return int(getattr(settings, "IMPORT_MAX_UNCOMPRESSED_MB", 200)) * _MB


def megabytes(size: int) -> str:
    """A byte count in MB for messages (1.5, 20)."""
    return f"{size / _MB:.1f}".removesuffix(".0")


def _xlsx_table(content: bytes) -> Iterator[list[str]]:
    """The rows of the first sheet, read one at a time; the zip is checked before openpyxl
    unpacks anything, so a small file that declares gigabytes of XML is refused at once."""
    try:
        check_zip(
            content, required_member="xl/workbook.xml", max_uncompressed=max_uncompressed_bytes()
        )
    except ZipProblem as problem:
        if problem.kind == "too_large":
            raise FileProblem(
                _(
                    "The workbook unpacks to %(size)s MB; at most %(limit)s MB are accepted. "
                    "Split it into smaller files."
                )
                % {
                    "size": megabytes(problem.size),
                    "limit": megabytes(max_uncompressed_bytes()),
                }
            ) from None
        raise FileProblem(_("The file is not an Excel workbook.")) from None
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileProblem(_("The file is not a readable Excel workbook.")) from None
    try:
        # A single cell in column XFD would make every row 16,384 cells wide: cap the width
        # (at the sheet's declared width when that is smaller, as rows are padded to it).
        sheet = book.worksheets[0]
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        for row in sheet.iter_rows(values_only=True, max_col=width):
            yield [_cell_text(v) for v in row]
    except Exception:  # a damaged sheet shows up while it is read
        raise FileProblem(_("The file is not a readable Excel workbook.")) from None
    finally:
        book.close()


def _csv_unescape(cell: str) -> str:
    """Undo the export's formula escape ('=…), so an exported CSV imports unchanged."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def _csv_table(content: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileProblem(_("The CSV file is neither UTF-8 nor GB18030 text."))
    if "\x00" in text:
        raise FileProblem(_("The CSV file is neither UTF-8 nor GB18030 text."))
    try:
        for r in csv.reader(io.StringIO(text)):
            yield [_csv_unescape(c.strip()) for c in r]
    except csv.Error:
        raise FileProblem(_("The CSV file cannot be read as comma-separated values.")) from None


def _too_many_rows() -> FileProblem:
    return FileProblem(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})


def read_sheet(name: str, content: bytes, columns: list[Column]) -> Sheet:
    """Read an .xlsx or .csv upload whose first row names the columns (key or label).

    Limits come before work: the byte size before parsing, the unpacked size of a workbook
    before it is opened, and the row count while the rows stream in (reading stops at the
    first row over the limit).
    """
    lower = name.lower()
    if not lower.endswith((".xlsx", ".csv")):
        raise FileProblem(_("Upload an .xlsx or .csv file."))
    if not content:
        raise FileProblem(_("The file is empty."))
    if len(content) > max_upload_bytes():
        raise FileProblem(
            _("The file is %(size)s MB; files of at most %(limit)s MB are accepted.")
            % {"size": megabytes(len(content)), "limit": megabytes(max_upload_bytes())}
        )
    table = _xlsx_table(content) if lower.endswith(".xlsx") else _csv_table(content)
    header = next(table, None)
    if header is None:
        raise FileProblem(_("The file is empty."))
    by_name = {n: c.key for c in columns for n in c.names()}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        key = by_name.get(title.strip().rstrip("*").strip())
        if key:
            positions[key] = index
    missing = [str(c.label) for c in columns if c.required and c.key not in positions]
    if missing:
        raise FileProblem(
            _("Columns missing from the first row: %(columns)s.") % {"columns": "、".join(missing)}
        )
    rows = []
    blank = 0
    for number, cells in enumerate(table, start=2):
        if not any(cells):
            # Blank rows cost reading too: a sheet of a million empty rows is refused as well.
            blank += 1
            if blank > MAX_ROWS:
                raise _too_many_rows()
            continue
        if len(rows) == MAX_ROWS:
            raise _too_many_rows()
        rows.append(
            (number, {k: (cells[i] if i < len(cells) else "") for k, i in positions.items()})
        )
    return Sheet(columns, positions, rows)


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "")) if text else Decimal("0")
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> dt.date:
    """A date written as 2025-05-20 (an Excel date cell reads as that too), nothing trailing."""
    value = text.strip()
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(text)
    return dt.date.fromisoformat(value)


def parse_bool(text: str) -> bool | None:
    value = text.strip().lower()
    if value in ("", "-"):
        return None
    if value in ("1", "true", "yes", "y", "是", "√"):
        return True
    if value in ("0", "false", "no", "n", "否", "×"):
        return False
    raise ValueError(text)


# -- projects -------------------------------------------------------------------------------
PROJECT_COLUMNS = [
    Column("code", gettext_lazy("Project code"), True, "JS-2025-0001"),
    Column("name", gettext_lazy("Project name"), True, "伊宁县安居富民工程"),
    Column("aiding_party", gettext_lazy("Aiding party"), True, "320000"),
    Column("place", gettext_lazy("Place code"), True, "654021"),
    Column("extra_places", gettext_lazy("Further place codes"), False, ""),
    Column("category", gettext_lazy("Category"), True, "民生"),
    Column("is_livelihood", gettext_lazy("Livelihood (yes/no)"), False, "是"),
    Column("plan_year", gettext_lazy("Plan year"), True, "2025"),
    Column("budget_aid", gettext_lazy("Aid funds (yuan)"), False, "3000000"),
    Column("budget_local", gettext_lazy("Local matching funds (yuan)"), False, "500000"),
    Column("budget_social", gettext_lazy("Social funds (yuan)"), False, "0"),
    Column("budget_enterprise", gettext_lazy("Enterprise investment (yuan)"), False, "0"),
    Column("start_date", gettext_lazy("Start date"), False, "2025-04-01"),
    Column("finish_date", gettext_lazy("Finish date"), False, "2025-11-30"),
    Column("implementing_organisation", gettext_lazy("Implementing organisation code"), False, ""),
    Column("description", gettext_lazy("Description"), False, ""),
    Column("is_published", gettext_lazy("Published (yes/no)"), False, "否"),
]


class _Lookups:
    """Reference tables loaded once per import, keyed the ways a spreadsheet names them."""

    def __init__(self) -> None:
        self.parties: dict[str, AidingParty] = {}
        for p in AidingParty.objects.all():
            for name in (p.code, p.name, p.short_name):
                self.parties[name] = p
        self.places = {p.code: p for p in Place.objects.only("id", "code", "path", "level")}
        self.categories: dict[str, Category] = {}
        for c in Category.objects.all():
            self.categories[c.code] = c
            self.categories[c.name] = c
        self.organisations: dict[str, int] = {}

    def organisation(self, code: str) -> int | None:
        if code not in self.organisations:
            org = Organisation.objects.filter(code=code).only("pk").first()
            self.organisations[code] = org.pk if org else None
        return self.organisations[code]


def _form_data(
    values: dict[str, str], look: _Lookups, sheet: Sheet, line: int, errors: list[CellError]
) -> dict[str, Any]:
    def err(key: str, reason: str) -> None:
        errors.append(CellError(line, sheet.column_name(key), reason))

    data: dict[str, Any] = {}
    for key in ("code", "name", "plan_year", "start_date", "finish_date", "description"):
        data[key] = values.get(key, "")
    for key in ("budget_aid", "budget_local", "budget_social", "budget_enterprise"):
        text = values.get(key, "")
        try:
            data[key] = str(parse_decimal(text))
        except ValueError:
            err(key, _("%(value)s is not an amount in yuan.") % {"value": text})
    party = values.get("aiding_party", "")
    if party:
        if party in look.parties:
            data["aiding_party"] = look.parties[party].pk
        else:
            err("aiding_party", _("%(value)s is not a known aiding party.") % {"value": party})
    place = values.get("place", "")
    if place:
        if place in look.places:
            data["place"] = look.places[place].pk
        else:
            err("place", _("%(value)s is not a known place code.") % {"value": place})
    extra = [c for c in values.get("extra_places", "").replace("、", ",").split(",") if c.strip()]
    unknown = [c.strip() for c in extra if c.strip() not in look.places]
    if unknown:
        err(
            "extra_places",
            _("%(value)s is not a known place code.") % {"value": "、".join(unknown)},
        )
    data["extra_places"] = [look.places[c.strip()].pk for c in extra if c.strip() in look.places]
    category = values.get("category", "")
    if category:
        if category in look.categories:
            data["category"] = look.categories[category].pk
        else:
            err("category", _("%(value)s is not a project category.") % {"value": category})
    for key in ("is_livelihood", "is_published"):
        text = values.get(key, "")
        try:
            flag = parse_bool(text)
        except ValueError:
            err(key, _("%(value)s is not yes or no.") % {"value": text})
            continue
        if flag is None and key == "is_livelihood" and category in look.categories:
            flag = look.categories[category].counts_as_livelihood
        data[key] = "on" if flag else ""
    org = values.get("implementing_organisation", "")
    if org:
        org_pk = look.organisation(org)
        if org_pk is None:
            err(
                "implementing_organisation",
                _("%(value)s is not a known organisation code.") % {"value": org},
            )
        data["implementing_organisation"] = org_pk or ""
    return data


def _changed_fields(form: ProjectForm, before: dict[str, Any], instance: Project) -> list[str]:
    """Fields whose value the row changes, compared with the values loaded from the database."""
    after = form.instance.history_values()
    changed = [
        f.name
        for f in Project._meta.concrete_fields
        if f.name in PROJECT_FIELDS and before.get(f.attname) != after.get(f.attname)
    ]
    old_places = set(instance.extra_places.values_list("pk", flat=True))
    if old_places != {p.pk for p in form.cleaned_data.get("extra_places") or []}:
        changed.append("extra_places")
    return changed


def plan_project_import(sheet: Sheet, user: Any) -> ImportResult:
    """Validate every row and plan what it would do; nothing is written."""
    result = ImportResult()
    look = _Lookups()
    scope = Scope.of(user)
    rule = rule_for(Project)
    codes = [values.get("code", "") for _line, values in sheet.rows]
    existing = {p.code: p for p in Project.objects.filter(code__in=[c for c in codes if c])}
    editable = set(
        Project.objects.editable_by(user)
        .filter(code__in=list(existing))
        .values_list("code", flat=True)
    )
    seen: dict[str, int] = {}
    labels = {f: str(Project._meta.get_field(f).verbose_name) for f in PROJECT_FIELDS}
    for line, values in sheet.rows:
        errors: list[CellError] = []
        code = values.get("code", "")
        if code in seen:
            errors.append(
                CellError(
                    line,
                    sheet.column_name("code"),
                    _("The code %(code)s is already used in row %(row)s.")
                    % {"code": code, "row": seen[code]},
                )
            )
        seen.setdefault(code, line)
        instance = existing.get(code)
        if instance is not None and code not in editable:
            errors.append(
                CellError(
                    line,
                    sheet.column_name("code"),
                    _("You may not change project %(code)s.") % {"code": code},
                )
            )
            result.errors.extend(errors)
            continue
        data = _form_data(values, look, sheet, line, errors)
        before = dict(getattr(instance, "_history_snapshot", {}))
        form = ProjectForm(data, instance=instance)
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = (
                    sheet.column_name(name)
                    if name in sheet.positions or any(c.key == name for c in sheet.columns)
                    else _("whole row")
                )
                for message in messages:
                    # Reference errors were already reported with the value the file gave.
                    if not any(e.column == column for e in errors):
                        errors.append(CellError(line, column, message))
        if errors:
            result.errors.extend(errors)
            continue
        candidate = form.save(commit=False)
        if not rule.allows_edit(scope, candidate):
            result.errors.append(
                CellError(
                    line,
                    sheet.column_name("aiding_party"),
                    _("You may only import projects of your own party inside your own area."),
                )
            )
            continue
        if instance is None:
            if not can_create(user, Project):
                result.errors.append(
                    CellError(line, _("whole row"), _("You may not create projects."))
                )
                continue
            planned = PlannedRow(line, code, "create")
        else:
            changed = _changed_fields(form, before, instance)
            planned = PlannedRow(
                line, code, "update" if changed else "unchanged", [labels[f] for f in changed]
            )
        planned.apply = _saver(form)
        result.rows.append(planned)
    return result


def _saver(form: ProjectForm) -> Callable[[], Project]:
    def save() -> Project:
        return form.save()

    return save


def run_import(
    plan: Callable[[Sheet, Any], ImportResult], sheet: Sheet, user: Any, *, commit: bool
) -> ImportResult:
    """Validate the whole sheet and, when `commit` and there is no error, apply every row in one
    transaction. The validation runs inside the transaction so it sees what it writes over."""
    from duikou.funds.summary import deferred

    with transaction.atomic():
        result = plan(sheet, user)
        if not commit or not result.ok:
            return result
        with deferred():
            for row in result.rows:
                if row.action != "unchanged" and row.apply is not None:
                    row.apply()
        result.written = True
    return result


def import_projects(name: str, content: bytes, user: Any, *, commit: bool) -> ImportResult:
    try:
        sheet = read_sheet(name, content, PROJECT_COLUMNS)
    except FileProblem as problem:
        return ImportResult(errors=[CellError(1, _("whole file"), str(problem))])
    return run_import(plan_project_import, sheet, user, commit=commit)


def template_workbook(columns: list[Column], title: str) -> bytes:
    """An Excel template: the header row with required columns starred, one example row."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([f"{c.label}{' *' if c.required else ''}" for c in columns])
    sheet.append([c.example for c in columns])
    for index, column in enumerate(columns):
        cell = sheet.cell(row=1, column=index + 1)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = PatternFill("solid", fgColor="FBE9E9")
        sheet.column_dimensions[letter(index)].width = max(12, len(str(column.label)) * 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
