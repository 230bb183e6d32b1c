"""Importing disbursements and expenditures from .xlsx/.csv, validated whole like projects.

Each row is checked against the project's limits together with the earlier rows of the same
file, so a file cannot disburse more in total than is allocated. A row identical to a recorded
transaction (project, kind, date, amount, reference) is reported unchanged and not repeated.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.funds.choices import TransactionKind
from duikou.funds.models import FundTransaction
from duikou.funds.services import check_transaction
from duikou.projects.imports import (
    CellError,
    Column,
    FileProblem,
    ImportResult,
    PlannedRow,
    Sheet,
    parse_decimal,
    read_sheet,
    run_import,
)
from duikou.projects.models import ZERO, Project
from duikou.projects.services import Refused

TRANSACTION_COLUMNS = [
    Column("project", gettext_lazy("Project code"), True, "JS-2025-0001"),
    Column("kind", gettext_lazy("Kind (disbursement/expenditure)"), True, "拨付"),
    Column("date", gettext_lazy("Date"), True, "2025-05-20"),
    Column("amount", gettext_lazy("Amount (yuan)"), True, "1000000"),
    Column("reference", gettext_lazy("Reference"), False, "苏援拨〔2025〕12号"),
    Column("note", gettext_lazy("Note"), False, ""),
]
KIND_NAMES = {
    "disbursement": TransactionKind.DISBURSEMENT,
    "拨付": TransactionKind.DISBURSEMENT,
    "expenditure": TransactionKind.EXPENDITURE,
    "支出": TransactionKind.EXPENDITURE,
}


def plan_transaction_import(sheet: Sheet, user: Any) -> ImportResult:
    result = ImportResult()
    codes = {values.get("project", "") for _line, values in sheet.rows}
    visible = {p.code: p for p in Project.objects.visible_to(user).filter(code__in=codes)}
    editable = set(
        Project.objects.editable_by(user).filter(code__in=codes).values_list("code", flat=True)
    )
    pending: dict[str, dict[str, Decimal]] = {}
    for line, values in sheet.rows:
        errors: list[CellError] = []

        def err(key: str, reason: str, errors: list[CellError] = errors, line: int = line) -> None:
            errors.append(CellError(line, sheet.column_name(key), reason))

        code = values.get("project", "")
        project = visible.get(code)
        if project is None:
            err("project", _("%(value)s is not a project you can see.") % {"value": code})
        elif code not in editable:
            err("project", _("You may not record fund transactions of this project."))
        kind = KIND_NAMES.get(values.get("kind", "").strip().lower())
        if kind is None:
            err(
                "kind",
                _("%(value)s is not disbursement (拨付) or expenditure (支出).")
                % {"value": values.get("kind", "")},
            )
        try:
            date = dt.date.fromisoformat(values.get("date", "")[:10])
        except ValueError:
            date = None
            err(
                "date",
                _("%(value)s is not a date like 2025-05-20.") % {"value": values.get("date")},
            )
        try:
            amount = parse_decimal(values.get("amount", ""))
            if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
                raise ValueError
        except ValueError:
            amount = None
            err(
                "amount",
                _("%(value)s is not a positive amount in yuan with at most two decimals.")
                % {"value": values.get("amount", "")},
            )
        if errors:
            result.errors.extend(errors)
            continue
        reference, note = values.get("reference", ""), values.get("note", "")
        if FundTransaction.objects.filter(
            project=project, kind=kind, date=date, amount=amount, reference=reference
        ).exists():
            result.rows.append(PlannedRow(line, code, "unchanged"))
            continue
        so_far = pending.setdefault(code, {})
        try:
            check_transaction(project, kind, amount, so_far, date=date)
        except Refused as refused:
            err("amount", " ".join(refused.messages))
            result.errors.extend(errors)
            continue
        so_far[kind] = so_far.get(kind, ZERO) + amount
        row = PlannedRow(line, code, "create")
        row.apply = _creator(project, kind, date, amount, reference, note)
        result.rows.append(row)
    return result


def _creator(
    project: Project, kind: str, date: dt.date, amount: Decimal, reference: str, note: str
):
    def create() -> FundTransaction:
        return FundTransaction.objects.create(
            project=project, kind=kind, date=date, amount=amount, reference=reference, note=note
        )

    return create


def import_transactions(name: str, content: bytes, user: Any, *, commit: bool) -> ImportResult:
    try:
        sheet = read_sheet(name, content, TRANSACTION_COLUMNS)
    except FileProblem as problem:
        return ImportResult(errors=[CellError(1, _("whole file"), str(problem))])

    def plan(sheet: Sheet, user: Any) -> ImportResult:
        # Lock the projects the file touches, so the limits checked stay true until written.
        codes = [values.get("project", "") for _line, values in sheet.rows]
        list(Project.objects.select_for_update().filter(code__in=codes).values_list("pk"))
        return plan_transaction_import(sheet, user)

    return run_import(plan, sheet, user, commit=commit)
