"""Column declarations: a model's spreadsheet columns, declared once for import and export.

A module declares its columns once (`Table`): key, Chinese label, required, example, a note
for the template, and how a cell maps to the field — a kind (text, integer, decimal, money,
date, yes/no, choice) or a reference to another record by code *or* name (`Ref`). From that
declaration the import engine (`duikou.core.imports`) reads, validates and writes files, the
template workbook is made, and exports (`duikou.core.exports`) write the same columns, so an
exported file can be edited and imported again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TEXT, INTEGER, DECIMAL, MONEY, DATE, BOOL, CHOICE, REF, REFS = (
    "text",
    "integer",
    "decimal",
    "money",
    "date",
    "bool",
    "choice",
    "ref",
    "refs",
)
YUAN, WAN = "yuan", "wan"
TEN_THOUSAND = Decimal("10000")
# Separators a cell may use between several codes (further places: 654021、654022).
LIST_SEPARATORS = re.compile(r"[、,，;；\s]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TRUE_WORDS = {"1", "true", "yes", "y", "是", "√", "有"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "×", "无"}


class CellProblem(ValueError):
    """A cell that cannot become a value; the message says why, for the user."""


@dataclass(frozen=True)
class Ref:
    """A reference to another record, which a cell may name by any of `match` (code, name …).

    model: "app_label.Model".
    match: the fields a cell may give, tried in this order (a code before a name).
    shows: what an export writes (the first of `match` by default).
    name: the field an export writes beside the code, so a reader sees what the code is.
    choosable: the records the caller may name here (default: all); e.g. projects the caller
        may see, so a code outside that scope reads as unknown and reveals nothing.
    """

    model: str
    match: tuple[str, ...] = ("code",)
    shows: str = ""
    name: str = "name"
    choosable: Callable[[Any], models.QuerySet] | None = None
    # The manager a cell names records from when `choosable` is not given (a model whose
    # default manager shows a part of the table, as `Place.objects` the aided region, names
    # the rest through another one: `Place.everywhere`).
    manager: str = "_default_manager"

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def all_records(self) -> models.QuerySet:
        return getattr(self.model_class, self.manager).all()

    @property
    def export_field(self) -> str:
        return self.shows or self.match[0]

    def queryset(self, user: Any) -> models.QuerySet:
        if self.choosable is not None:
            return self.choosable(user)
        return self.all_records()


@dataclass(frozen=True)
class Column:
    """One column of a table.

    key: the model field (or, for export-only columns, an attribute path like "place.level").
    kind: how the cell maps to the field; `ref`/`refs` need `ref`.
    unit: for money, the unit of the cell ("yuan" or "wan"); stored values are always yuan.
    total: exports add a totals row for this column.
    imports / exports: whether the column is read from files / written to them.
    """

    key: str
    label: Any
    kind: str = TEXT
    required: bool = False
    example: str = ""
    note: Any = ""
    ref: Ref | None = None
    choices: tuple[tuple[str, Any], ...] = ()
    unit: str = YUAN
    total: bool = False
    width: int = 0
    imports: bool = True
    exports: bool = True
    # Money an export writes in another unit than the template's (the page shows 万元):
    # `export_unit=WAN, export_label=_("Aid funds (10k yuan)")`. A file whose header is the
    # export label is read in that unit, so an exported file still imports again.
    export_unit: str = ""
    export_label: Any = ""

    @property
    def out_unit(self) -> str:
        return self.export_unit or self.unit

    @property
    def out_label(self) -> Any:
        return self.export_label if self.export_unit and self.export_label else self.label

    def header(self) -> str:
        return f"{self.label}{' *' if self.required else ''}"

    def names(self) -> set[str]:
        """What a header cell may say for this column: key, label now, label in English."""
        with translation.override("en"):
            english = str(self.label)
        return {self.key, str(self.label), english, *self.export_names()}

    def export_names(self) -> set[str]:
        """What a header says when the file is an export in `export_unit` (empty if none)."""
        if not (self.export_unit and self.export_label):
            return set()
        with translation.override("en"):
            english = str(self.export_label)
        return {str(self.export_label), english}

    def template_note(self) -> str:
        """The second row of the template: what to write in this column."""
        if self.note:
            return str(self.note)
        if self.kind == BOOL:
            return _("是 or 否")
        if self.kind == DATE:
            return _("a date like 2025-05-20")
        if self.kind == MONEY:
            return _("an amount in 10k yuan") if self.unit == WAN else _("an amount in yuan")
        if self.kind == CHOICE:
            return "、".join(str(label) for _value, label in self.choices)
        if self.kind == REFS:
            return _("codes separated by 、")
        if self.kind == REF and self.ref is not None and len(self.ref.match) > 1:
            return _("code or name")
        return ""

    # -- cells to values ---------------------------------------------------------------------
    def parse(self, text: str) -> Any:
        """The value of a non-reference cell, or CellProblem. Empty cells give None."""
        text = text.strip()
        if text == "":
            return None
        if self.kind in (TEXT,):
            return text
        if self.kind == INTEGER:
            try:
                number = Decimal(text.replace(",", ""))
            except InvalidOperation:
                raise CellProblem(_("%(value)s is not a whole number.") % {"value": text}) from None
            if not number.is_finite() or number != number.to_integral_value():
                raise CellProblem(_("%(value)s is not a whole number.") % {"value": text})
            return int(number)
        if self.kind in (DECIMAL, MONEY):
            try:
                number = Decimal(text.replace(",", "").replace("，", ""))
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                if self.kind == MONEY:
                    raise CellProblem(
                        _("%(value)s is not an amount in 10k yuan.") % {"value": text}
                        if self.unit == WAN
                        else _("%(value)s is not an amount in yuan.") % {"value": text}
                    )
                raise CellProblem(_("%(value)s is not a number.") % {"value": text})
            if self.kind == MONEY and self.unit == WAN:
                # 0.12345 万元 is 1234.50 yuan: trailing zeros are not extra decimal places.
                yuan = number * TEN_THOUSAND
                fen = yuan.quantize(Decimal("0.01"))
                return fen if fen == yuan else yuan
            return number
        if self.kind == DATE:
            if not _ISO_DATE.fullmatch(text):
                raise CellProblem(_("%(value)s is not a date like 2025-05-20.") % {"value": text})
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise CellProblem(
                    _("%(value)s is not a date like 2025-05-20.") % {"value": text}
                ) from None
        if self.kind == BOOL:
            lowered = text.lower()
            if lowered in TRUE_WORDS:
                return True
            if lowered in FALSE_WORDS:
                return False
            raise CellProblem(_("%(value)s is not yes or no.") % {"value": text})
        if self.kind == CHOICE:
            for value, label in self.choices:
                if text in (value, str(label)):
                    return value
                with translation.override("en"):
                    if text.lower() == str(label).lower():
                        return value
            raise CellProblem(
                _("%(value)s is not one of %(choices)s.")
                % {"value": text, "choices": "、".join(str(label) for _v, label in self.choices)}
            )
        raise CellProblem(text)

    # -- values to cells ---------------------------------------------------------------------
    def value_of(self, obj: Any) -> Any:
        """What an export writes for this column of `obj` (Python value; formats come later)."""
        if self.kind == REFS:
            related = getattr(obj, self.key).all()
            return "、".join(str(getattr(r, self.ref.export_field)) for r in related)
        value = obj
        for part in self.key.split("."):
            value = getattr(value, part, None) if value is not None else None
        if self.kind == REF:
            return getattr(value, self.ref.export_field) if value is not None else ""
        if self.kind == CHOICE:
            return str(dict(self.choices).get(value, value or ""))
        if self.kind == BOOL:
            return "是" if value else "否"
        if self.kind == MONEY and value is not None and self.out_unit == WAN:
            return value / TEN_THOUSAND
        return value

    def name_of(self, obj: Any) -> str:
        """The name an export writes beside a reference's code."""
        if self.kind != REF or not self.ref or not self.ref.name:
            return ""
        related = getattr(obj, self.key, None)
        return str(getattr(related, self.ref.name, "") or "") if related is not None else ""


@dataclass
class Table:
    """The columns of one model, for import and export alike.

    key: the column that identifies a record in a file (a known key updates the record, an
        unknown one creates it); None for files that only ever add records (transactions).
    """

    model: type[models.Model]
    columns: list[Column]
    key: str | None = "code"
    title: Any = ""
    filename: str = ""
    # Set after the columns: row hooks a module may give (see duikou.core.imports).
    prepare: Callable[..., None] | None = None
    check_rows: Callable[..., None] | None = None
    write: Callable[..., None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _TABLES[self.label] = self

    @property
    def label(self) -> str:
        """The name a background task finds this table by (`table_named`): the model's label."""
        return self.model._meta.label

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def import_columns(self) -> list[Column]:
        return [c for c in self.columns if c.imports]

    @property
    def export_columns(self) -> list[Column]:
        return [c for c in self.columns if c.exports]


_TABLES: dict[str, Table] = {}


def table_named(label: str) -> Table:
    """The table of the model `label` ("projects.Project"): a module declares its table in its
    app's `columns.py`, which a worker process imports here the first time it is asked."""
    if label not in _TABLES:
        import importlib

        app = apps.get_model(label)._meta.app_config
        importlib.import_module(f"{app.name}.columns")
    return _TABLES[label]


class Lookups:
    """The records the cells of a file name, loaded with one query per referenced model.

    `resolve(column, text)` answers the record a cell names (by code, name …) among those the
    caller may choose for that column, or raises CellProblem naming the value.
    """

    def __init__(self, table: Table, rows: Iterable[dict[str, str]], user: Any) -> None:
        self._found: dict[str, dict[str, Any]] = {}
        wanted: dict[str, set[str]] = {}
        for column in table.import_columns:
            if column.kind in (REF, REFS):
                wanted[column.key] = set()
        for values in rows:
            for key, names in wanted.items():
                text = values.get(key, "").strip()
                if not text:
                    continue
                if table.column(key).kind == REFS:
                    names.update(p for p in LIST_SEPARATORS.split(text) if p)
                else:
                    names.add(text)
        for key, names in wanted.items():
            column = table.column(key)
            self._found[key] = self._load(column.ref, names, user) if names else {}

    @staticmethod
    def _load(ref: Ref, names: set[str], user: Any) -> dict[str, Any]:
        query = Q()
        for name in ref.match:
            query |= Q(**{f"{name}__in": names})
        found: dict[str, Any] = {}
        # Earlier match fields win: a code is never shadowed by another record's name.
        for obj in ref.queryset(user).filter(query):
            for rank, name in enumerate(ref.match):
                value = str(getattr(obj, name) or "")
                if value in names and found.get(value, (len(ref.match),))[0] > rank:
                    found[value] = (rank, obj)
        return {value: obj for value, (_rank, obj) in found.items()}

    def resolve(self, column: Column, text: str) -> Any:
        text = text.strip()
        if not text:
            return [] if column.kind == REFS else None
        found = self._found.get(column.key, {})
        if column.kind == REFS:
            parts = [p for p in LIST_SEPARATORS.split(text) if p]
            unknown = [p for p in parts if p not in found]
            if unknown:
                raise CellProblem(self._unknown(column, "、".join(unknown)))
            return [found[p] for p in parts]
        if text not in found:
            raise CellProblem(self._unknown(column, text))
        return found[text]

    @staticmethod
    def _unknown(column: Column, text: str) -> str:
        model = column.ref.model_class._meta.verbose_name
        return _("%(value)s is not a known %(kind)s.") % {"value": text, "kind": model}


WHOLE_ROW = gettext_lazy("whole row")
