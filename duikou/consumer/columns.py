"""The consumer-aid spreadsheets: channels, products, a channel's monthly sales sheet, targets.

The sales sheet adds entries (no key): a row identical to a stored entry (channel, period,
category, supplier, volume, unit, amount) is reported unchanged and not repeated, so the same
month's sheet imported twice counts once; a row repeated inside the file is an error naming
the first. Each row runs the model's rules (`SalesEntry.clean`): a volume without its unit, a
negative amount, a period ending before it starts are refused with their row and column.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.consumer.choices import ChannelKind, ProductCategory, Unit
from duikou.consumer.models import Channel, Product, SalesEntry, SalesTarget
from duikou.core.columns import (
    CHOICE,
    DATE,
    DECIMAL,
    INTEGER,
    MONEY,
    REF,
    WAN,
    Column,
    Ref,
    Table,
)
from duikou.core.imports import PlannedRow, RowContext, import_file


def _visible_channels(user: Any):
    return Channel.objects.visible_to(user)


PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
PLACE = Ref("places.Place", match=("code", "name", "alias"))
# A channel outside what the caller may see reads as unknown: it reveals nothing.
CHANNEL = Ref("consumer.Channel", match=("code", "name"), choosable=_visible_channels)
SUPPLIER = Ref("organisations.Organisation", match=("code", "name"))

CHANNELS = Table(
    Channel,
    [
        Column("code", gettext_lazy("Channel code"), required=True, example="SD-DC-JN", width=14),
        Column("name", gettext_lazy("Name"), required=True, example="山东大仓·济南", width=24),
        Column(
            "kind",
            gettext_lazy("Kind"),
            CHOICE,
            True,
            "大仓/分仓",
            choices=tuple(ChannelKind.choices),
        ),
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "山东省", ref=PARTY),
        Column("city", gettext_lazy("City (aiding side)"), example="济南"),
        Column(
            "source_place", gettext_lazy("Products from (place)"), REF, example="653100", ref=PLACE
        ),
        Column("opened_on", gettext_lazy("Opened on"), DATE, example="2019-06-01"),
        Column("closed_on", gettext_lazy("Closed on"), DATE),
        Column("note", gettext_lazy("Note"), width=30),
    ],
    key="code",
    title=gettext_lazy("Sales channels"),
    filename="channels",
    extra={"scope_column": "aiding_party"},
)

PRODUCTS = Table(
    Product,
    [
        Column("channel", gettext_lazy("Channel code"), REF, True, "SD-DC-JN", ref=CHANNEL),
        Column(
            "supplier",
            gettext_lazy("Supplier (code or name)"),
            REF,
            True,
            "ENT-KS-001",
            ref=SUPPLIER,
        ),
        Column("name", gettext_lazy("Product"), required=True, example="喀什巴旦木", width=24),
        Column(
            "category",
            gettext_lazy("Category"),
            CHOICE,
            True,
            "干果坚果",
            choices=tuple(ProductCategory.choices),
        ),
        Column("kinds", gettext_lazy("Kinds of product"), INTEGER, example="1", total=True),
        Column("listed_on", gettext_lazy("Listed on"), DATE, example="2019-06-01"),
    ],
    key=None,
    title=gettext_lazy("Products"),
    filename="products",
    extra={"scope_column": "channel"},
)


def _check_sales(rows: list[PlannedRow], ctx: RowContext) -> None:
    """Rows already stored are unchanged (a sheet imported twice counts once); a row repeated
    in the file is an error naming the first."""

    def same(e: SalesEntry) -> tuple:
        return (
            e.channel_id,
            e.period_start,
            e.period_end,
            e.category,
            e.supplier_id,
            e.volume,
            e.unit or "",
            e.amount,
        )

    channels = {r.obj.channel_id for r in rows}
    stored = {
        same(e)
        for e in SalesEntry.objects.filter(channel_id__in=channels).only(
            "channel_id",
            "period_start",
            "period_end",
            "category",
            "supplier_id",
            "volume",
            "unit",
            "amount",
        )
    }
    seen: dict[tuple, int] = {}
    for row in rows:
        key = same(row.obj)
        if key in seen:
            ctx.error(
                row.row, None, _("This row repeats row %(row)s of the file.") % {"row": seen[key]}
            )
            continue
        seen[key] = row.row
        if key in stored:
            row.action = "unchanged"


SALES = Table(
    SalesEntry,
    [
        Column("channel", gettext_lazy("Channel code"), REF, True, "SD-DC-JN", ref=CHANNEL),
        Column("period_start", gettext_lazy("Period start"), DATE, True, "2020-05-01"),
        Column("period_end", gettext_lazy("Period end"), DATE, True, "2020-05-31"),
        Column(
            "category",
            gettext_lazy("Category"),
            CHOICE,
            True,
            "干果坚果",
            choices=tuple(ProductCategory.choices),
        ),
        Column("supplier", gettext_lazy("Supplier (code or name)"), REF, ref=SUPPLIER),
        Column("volume", gettext_lazy("Volume"), DECIMAL, example="12.5", total=True),
        Column("unit", gettext_lazy("Unit"), CHOICE, example="吨", choices=tuple(Unit.choices)),
        Column("amount", gettext_lazy("Sales (yuan)"), MONEY, True, "380000", total=True),
        Column("note", gettext_lazy("Note"), width=24),
    ],
    key=None,
    title=gettext_lazy("Sales entries"),
    filename="sales",
    check_rows=_check_sales,
    extra={"scope_column": "channel"},
)

TARGETS = Table(
    SalesTarget,
    [
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "山东省", ref=PARTY),
        Column("year", gettext_lazy("Year"), INTEGER, True, "2020"),
        Column(
            "amount",
            gettext_lazy("Target sales (10k yuan)"),
            MONEY,
            True,
            "100000",
            unit=WAN,
            total=True,
        ),
        Column("cumulative", gettext_lazy("Cumulative (yes/no)"), "bool", example="是"),
        Column("note", gettext_lazy("Note"), width=30),
    ],
    key=None,
    title=gettext_lazy("Sales targets"),
    filename="sales-targets",
    extra={"scope_column": "aiding_party"},
)

import_sales = partial(import_file, SALES)
