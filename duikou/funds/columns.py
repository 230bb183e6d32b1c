"""The fund-transaction spreadsheet: disbursements and expenditures, added (never updated).

Each row is checked against its project's limits together with the earlier rows of the same
file, so a file cannot disburse more in total than is allocated; a row identical to a recorded
transaction (project, kind, date, amount, reference) is reported unchanged and not repeated,
and a row repeated inside the file is an error naming the first.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.columns import CHOICE, DATE, MONEY, REF, Column, Ref, Table
from duikou.core.errors import Refused
from duikou.core.imports import PlannedRow, RowContext, import_file
from duikou.funds.choices import TransactionKind
from duikou.funds.models import FundTransaction
from duikou.funds.services import check_transaction, money_of_projects
from duikou.projects.models import ZERO, Project


def _visible_projects(user: Any):
    return Project.objects.visible_to(user)


# A project code outside what the caller may see reads as unknown: it reveals nothing.
PROJECT = Ref("projects.Project", match=("code",), choosable=_visible_projects)


def _lock(sheet, user: Any) -> None:
    """Lock the projects the file touches, so the limits checked stay true until written."""
    codes = [values.get("project", "") for _line, values in sheet.rows]
    list(Project.objects.select_for_update().filter(code__in=codes).values_list("pk"))


def _check_rows(rows: list[PlannedRow], ctx: RowContext) -> None:
    projects = {r.obj.project_id for r in rows}
    editable = set(
        Project.objects.editable_by(ctx.user).filter(pk__in=projects).values_list("pk", flat=True)
    )
    stored = set(
        FundTransaction.objects.filter(project_id__in=projects).values_list(
            "project_id", "kind", "date", "amount", "reference"
        )
    )
    money = money_of_projects(sorted(projects))
    pending: dict[int, dict[str, Decimal]] = {}
    seen: dict[tuple, int] = {}
    for row in rows:
        tx = row.obj
        if tx.project_id not in editable:
            ctx.error(
                row.row, "project", _("You may not record fund transactions of this project.")
            )
            continue
        same = (tx.project_id, tx.kind, tx.date, tx.amount, tx.reference)
        if same in seen:
            ctx.error(
                row.row, None, _("This row repeats row %(row)s of the file.") % {"row": seen[same]}
            )
            continue
        seen[same] = row.row
        if same in stored:
            row.action = "unchanged"
            continue
        so_far = pending.setdefault(tx.project_id, {})
        try:
            check_transaction(
                tx.project, tx.kind, tx.amount, so_far, money[tx.project_id], date=tx.date
            )
        except Refused as refused:
            ctx.error(row.row, "amount", " ".join(refused.messages))
            continue
        so_far[tx.kind] = so_far.get(tx.kind, ZERO) + tx.amount
        row.key = tx.project.code


TRANSACTIONS = Table(
    FundTransaction,
    [
        Column("project", gettext_lazy("Project code"), REF, True, "JS-2025-0001", ref=PROJECT),
        Column(
            "kind",
            gettext_lazy("Kind (disbursement/expenditure)"),
            CHOICE,
            True,
            "拨付",
            choices=tuple(TransactionKind.choices),
        ),
        Column("date", gettext_lazy("Date"), DATE, True, "2025-05-20"),
        Column("amount", gettext_lazy("Amount (yuan)"), MONEY, True, "1000000", total=True),
        Column("reference", gettext_lazy("Reference"), example="苏援拨〔2025〕12号"),
        Column("note", gettext_lazy("Note")),
    ],
    key=None,
    title=gettext_lazy("Fund transactions"),
    filename="transactions",
    check_rows=_check_rows,
    extra={"lock": _lock, "scope_column": "project"},
)

import_transactions = partial(import_file, TRANSACTIONS)
