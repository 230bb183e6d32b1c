"""The import engine: one for every model, driven by its column declaration (`Table`).

    result = import_file(PROJECTS, "projects.xlsx", content, user, commit=False)  # preview
    result = import_file(PROJECTS, "projects.xlsx", content, user, commit=True)   # write

What it does, in order, inside one transaction:
1. reads the file with its limits checked first (`duikou.core.sheets`);
2. loads what the file refers to once per file: the records its keys name, and every
   referenced record (places, parties, organisations … by code or name) — queries per file,
   not per row;
3. builds each row's record as it will be saved and runs the model's own rules on it
   (`full_clean`: field validation, lengths, choices and the model's `clean()` — the same rules
   the forms and the API run), plus the module's row and file hooks; every problem is reported
   with its row, column letter and reason;
4. writes everything in bulk (with history entries and the `rows_written` signal, so derived
   tables follow), then requires that every written record lies in what the caller may change
   (`editable_by`) — the record as saved, not as stored before;
5. keeps the writes only when asked to commit and nothing went wrong. A preview runs the same
   steps and rolls them back, so what the preview says is exactly what confirming does.
"""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from duikou.core.columns import (
    REF,
    REFS,
    WHOLE_ROW,
    CellProblem,
    Column,
    Lookups,
    Table,
)
from duikou.core.context import acting_as, current_request_id
from duikou.core.history import record_bulk_creation, record_bulk_updates
from duikou.core.memo import batch
from duikou.core.scoping import can_create
from duikou.core.sheets import CellError, FileProblem, Sheet, read_sheet

log = logging.getLogger("duikou.imports")


def model_label(table: Table) -> str:
    return table.model._meta.label


# Sent inside the import's transaction after its bulk writes (which send no post_save):
# created is a list of records, updated a list of (record, values before) pairs.
rows_written = Signal()

Progress = Callable[[int, int, str], None]
BATCH = 1000
STAGE_VALIDATING = "validating"
STAGE_WRITING = "writing"


@dataclass
class PlannedRow:
    """What one row of the file does: create, update (with the changed fields) or nothing."""

    row: int
    key: str
    action: str  # "create" | "update" | "unchanged"
    changes: list[str] = field(default_factory=list)
    obj: Any = None
    before: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, list[Any]] = field(default_factory=dict)
    m2m_changed: set[str] = field(default_factory=set)


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


@dataclass
class RowContext:
    """What a module's hooks see: the caller, the file's lookups, where to report problems."""

    user: Any
    table: Table
    sheet: Sheet
    lookups: Lookups
    existing: dict[str, Any]
    errors: list[CellError]
    # The current row's values of columns that are no field of the model (a roster row's
    # person columns on a posting), parsed and resolved, for the prepare hook.
    cells: dict[str, Any] = field(default_factory=dict)

    def error(self, row: int, key: str | None, reason: str) -> None:
        column = self.sheet.column_name(key) if key and self._known(key) else str(WHOLE_ROW)
        self.errors.append(CellError(row, column, reason))

    def _known(self, key: str) -> bool:
        return any(c.key == key for c in self.sheet.columns)


def import_file(
    table: Table,
    name: str,
    content: bytes,
    user: Any,
    *,
    commit: bool,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate a whole file and, with `commit` and no error, write it; see the module doc."""
    try:
        sheet = read_sheet(name, content, table.import_columns)
    except FileProblem as problem:
        return ImportResult(errors=[CellError(1, _("whole file"), str(problem))])
    return run_import(table, sheet, user, commit=commit, progress=progress)


def run_import(
    table: Table, sheet: Sheet, user: Any, *, commit: bool, progress: Progress | None = None
) -> ImportResult:
    with acting_as(user, current_request_id.get() or None):
        return _run(table, sheet, user, commit=commit, progress=progress)


def _run(
    table: Table, sheet: Sheet, user: Any, *, commit: bool, progress: Progress | None
) -> ImportResult:
    report = progress or (lambda done, total, stage: None)
    result = ImportResult()
    if not can_create(user, table.model):
        result.errors.append(
            CellError(1, _("whole file"), _("You may not add or change these records."))
        )
        return result
    # A table with a lock hook plans inside the write transaction, holding its locks from the
    # first read. Without one, the rows are planned first and the transaction opens for the
    # writes: on PostgreSQL (read committed) that is the same; on SQLite it keeps the task's
    # transaction from holding a read snapshot while its progress is written beside it (a
    # deferred transaction that read before another connection wrote may not write).
    lock = table.extra.get("lock")
    with transaction.atomic() if lock else contextlib.nullcontext():
        if lock:
            lock(sheet, user)
        with batch():
            result.rows = _plan(table, sheet, user, result.errors, report)
        if result.errors:
            return result
        try:
            with transaction.atomic():  # a savepoint, rolled back by raising
                _write(table, result.rows, report)
                result.errors.extend(_outside_scope(table, sheet, result.rows, user))
                if result.errors or not commit:
                    raise _RollBack
        except _RollBack:
            return result
        except (IntegrityError, DatabaseError):
            # A database rule the checks above do not know: refused whole, never a 500; the
            # details go to the log, not to the page.
            log.exception("import of %s refused by the database", model_label(table))
            result.errors.append(
                CellError(
                    1,
                    _("whole file"),
                    _("The database refused the file as it stands; nothing was written."),
                )
            )
            return result
        result.written = True
        return result


class _RollBack(Exception):
    """Raised inside the write block to undo it: a preview, or rows outside the scope."""


# -- planning -------------------------------------------------------------------------------
def _plan(
    table: Table, sheet: Sheet, user: Any, errors: list[CellError], report: Progress
) -> list[PlannedRow]:
    model = table.model
    lookups = Lookups(table, (values for _line, values in sheet.rows), user)
    keys = [values.get(table.key, "").strip() for _l, values in sheet.rows] if table.key else []
    wanted = sorted({k for k in keys if k})
    existing = _existing(table, wanted)
    visible = _keys(model.objects.visible_to(user), table.key, wanted)
    editable = _keys(model.objects.editable_by(user), table.key, wanted)
    m2m_before = _m2m_before(table, existing)
    ctx = RowContext(user, table, sheet, lookups, existing, errors)
    columns = [c for c in table.import_columns if c.key in sheet.positions]
    labels = {c.key: str(c.label) for c in table.columns}
    seen: dict[str, int] = {}
    planned: list[PlannedRow] = []
    total = len(sheet.rows)
    for index, (line, values) in enumerate(sheet.rows):
        if index % 500 == 0:
            report(index, total, STAGE_VALIDATING)
        row_errors: list[CellError] = []
        ctx.errors = row_errors
        key = values.get(table.key, "").strip() if table.key else ""
        stored = existing.get(key) if key else None
        if key:
            if key in seen:
                ctx.error(
                    line,
                    table.key,
                    _("%(code)s is already used in row %(row)s of this file.")
                    % {"code": key, "row": seen[key]},
                )
            seen.setdefault(key, line)
            kind = {"kind": model._meta.verbose_name, "code": key}
            if stored is not None and key not in visible:
                # Taken by a record the caller may not know exists: the answer is the same
                # whether or not the code exists.
                ctx.error(
                    line,
                    table.key,
                    _(
                        "No %(kind)s %(code)s that you may change was found, and the code "
                        "cannot be used for a new one."
                    )
                    % kind,
                )
            elif stored is not None and key not in editable:
                ctx.error(line, table.key, _("You may not change %(kind)s %(code)s.") % kind)
        if row_errors:
            errors.extend(row_errors)
            continue
        obj = copy.copy(stored) if stored is not None else model()
        before = dict(getattr(stored, "_history_snapshot", {})) if stored is not None else {}
        ctx.cells = {}
        m2m = _apply_cells(obj, columns, values, lookups, ctx, line, created=stored is None)
        if table.prepare is not None:
            table.prepare(obj, values, ctx, line=line, created=stored is None, m2m=m2m)
        if not row_errors:
            _validate(obj, ctx, line, columns)
        if row_errors:
            errors.extend(row_errors)
            continue
        row = PlannedRow(line, key or str(line), "create", obj=obj, m2m=m2m)
        if stored is not None:
            after = obj.history_values()
            changed = [
                name
                for name, attname in _attnames(model)
                if name in labels and before.get(attname) != after.get(attname)
            ]
            row.m2m_changed = {
                name
                for name, targets in m2m.items()
                if {t.pk for t in targets} != m2m_before.get(name, {}).get(stored.pk, set())
            }
            row.action = "update" if changed or row.m2m_changed else "unchanged"
            row.changes = [labels[n] for n in [*changed, *sorted(row.m2m_changed)]]
            row.before = before
        planned.append(row)
    ctx.errors = errors
    if table.check_rows is not None and not errors:
        table.check_rows(planned, ctx)
    report(total, total, STAGE_VALIDATING)
    return planned


def _existing(table: Table, keys: list[str]) -> dict[str, Any]:
    if not table.key or not keys:
        return {}
    found: dict[str, Any] = {}
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        for obj in table.model._default_manager.filter(**{f"{table.key}__in": chunk}):
            found[str(getattr(obj, table.key))] = obj
    return found


def _keys(queryset: models.QuerySet, key: str | None, keys: list[str]) -> set[str]:
    if not key or not keys:
        return set()
    found: set[str] = set()
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        found.update(
            str(k) for k in queryset.filter(**{f"{key}__in": chunk}).values_list(key, flat=True)
        )
    return found


def _m2m_before(table: Table, existing: dict[str, Any]) -> dict[str, dict[int, set[int]]]:
    """For each many-to-many column, the related ids each existing record has now."""
    out: dict[str, dict[int, set[int]]] = {}
    pks = [obj.pk for obj in existing.values()]
    for column in table.import_columns:
        if column.kind != REFS or not pks:
            continue
        through, source, target = _through(table.model, column.key)
        links: dict[int, set[int]] = {}
        for start in range(0, len(pks), 5000):
            rows = through.objects.filter(**{f"{source}__in": pks[start : start + 5000]})
            for a, b in rows.values_list(source, target):
                links.setdefault(a, set()).add(b)
        out[column.key] = links
    return out


def _through(model: type[models.Model], name: str) -> tuple[Any, str, str]:
    m2m = model._meta.get_field(name)
    through = m2m.remote_field.through
    source = m2m.m2m_column_name()
    target = m2m.m2m_reverse_name()
    return through, source, target


def _attnames(model: type[models.Model]) -> Iterator[tuple[str, str]]:
    for f in model._meta.concrete_fields:
        if not f.primary_key:
            yield f.name, f.attname


def _empty_value(field: models.Field, obj: Any, created: bool) -> Any:
    """What an empty cell sets: blank text, no date, the default of a new record's number."""
    if isinstance(field, models.BooleanField):
        return getattr(obj, field.attname)  # an empty yes/no leaves the value (or its default)
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    if created and field.has_default():
        return field.get_default()
    return getattr(obj, field.attname)


def _apply_cells(
    obj: Any,
    columns: list[Column],
    values: dict[str, str],
    lookups: Lookups,
    ctx: RowContext,
    line: int,
    *,
    created: bool,
) -> dict[str, list[Any]]:
    m2m: dict[str, list[Any]] = {}
    fields = {f.name: f for f in type(obj)._meta.get_fields() if f.concrete}
    for column in columns:
        text = values.get(column.key, "")
        try:
            if column.kind in (REF, REFS):
                value = lookups.resolve(column, text)
            else:
                value = column.parse(text)
        except CellProblem as problem:
            ctx.error(line, column.key, str(problem))
            continue
        if column.required and value in (None, "", []):
            ctx.error(line, column.key, _("This column must not be empty."))
            continue
        if column.kind == REFS:
            m2m[column.key] = value
            continue
        if column.key not in fields:  # a column for the prepare hook (see RowContext.cells)
            ctx.cells[column.key] = value
            continue
        field = fields[column.key]
        if value is None:
            value = _empty_value(field, obj, created)
        if column.kind == REF:
            setattr(obj, field.name, value)
        else:
            setattr(obj, field.attname, value)
    return m2m


def _validate(obj: Any, ctx: RowContext, line: int, columns: list[Column]) -> None:
    """The model's own rules on the record as it will be saved (uniqueness is checked in bulk,
    and check constraints repeat rules `clean()` states with its message)."""
    # References were resolved from the file's lookups (or are the stored ones): validating them
    # again would cost a query per reference per row.
    relations = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    try:
        obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        present = {c.key for c in columns}
        for name, messages in invalid.message_dict.items():
            key = name if name in present else None
            for message in messages:
                ctx.error(line, key, message)


# -- writing --------------------------------------------------------------------------------
def _write(table: Table, rows: list[PlannedRow], report: Progress) -> None:
    model = table.model
    created = [r for r in rows if r.action == "create"]
    updated = [r for r in rows if r.action == "update"]
    total = len(created) + len(updated)
    report(0, total, STAGE_WRITING)
    if table.write is not None:  # a module that writes through its own service
        table.write(created, updated)
        report(total, total, STAGE_WRITING)
        return
    for start in range(0, len(created), BATCH):
        model.objects.bulk_create([r.obj for r in created[start : start + BATCH]])
        report(start + BATCH, total, STAGE_WRITING)
    if updated:
        now = timezone.now()
        fields: set[str] = {"version", "updated_at"}
        for r in updated:
            r.obj.version = (r.obj.version or 0) + 1
            r.obj.updated_at = now
            fields.update(n for n, a in _attnames(model) if r.before.get(a) != getattr(r.obj, a))
        fields.discard("created_at")
        model.objects.bulk_update([r.obj for r in updated], sorted(fields), batch_size=BATCH)
    _write_m2m(table, created, updated)
    record_bulk_creation([r.obj for r in created], source="import")
    record_bulk_updates([(r.obj, r.before) for r in updated])
    rows_written.send(
        sender=model, created=[r.obj for r in created], updated=[(r.obj, r.before) for r in updated]
    )
    report(total, total, STAGE_WRITING)


def _write_m2m(table: Table, created: list[PlannedRow], updated: list[PlannedRow]) -> None:
    for column in table.import_columns:
        if column.kind != REFS:
            continue
        through, source, target = _through(table.model, column.key)
        changed = [r for r in updated if column.key in r.m2m_changed]
        if changed:
            through.objects.filter(**{f"{source}__in": [r.obj.pk for r in changed]}).delete()
        links = [
            through(**{source: r.obj.pk, target: t.pk})
            for r in [*created, *changed]
            for t in r.m2m.get(column.key, [])
        ]
        through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)


def _outside_scope(table: Table, sheet: Sheet, rows: list[PlannedRow], user: Any) -> list:
    """Rows whose record, as written, lies outside what the caller may change."""
    written = {r.obj.pk: r for r in rows if r.action != "unchanged"}
    if not written:
        return []
    pks = list(written)
    allowed: set[Any] = set()
    for start in range(0, len(pks), 5000):
        chunk = pks[start : start + 5000]
        allowed.update(
            table.model.objects.editable_by(user).filter(pk__in=chunk).values_list("pk", flat=True)
        )
    column = table.extra.get("scope_column") or table.key
    name = sheet.column_name(column) if column in sheet.positions else str(WHOLE_ROW)
    return [
        CellError(r.row, name, _("This record would lie outside what you may change."))
        for pk, r in written.items()
        if pk not in allowed
    ]
