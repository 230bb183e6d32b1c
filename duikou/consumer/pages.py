"""The consumer-aid pages, menu entries, exports, imports and API routes (core/registry.py).

The overview with the trend chart is `views.overview` (menu entry 消费援疆, through the
targets' registration); channels, products and sales entries have their own lists.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.consumer import services
from duikou.consumer.choices import ChannelKind, ProductCategory, Unit
from duikou.consumer.columns import CHANNELS, PRODUCTS, SALES, TARGETS
from duikou.consumer.filters import (
    ChannelFilterSet,
    ProductFilterSet,
    SalesEntryFilterSet,
    SalesTargetFilterSet,
)
from duikou.consumer.forms import ChannelForm, ProductForm, SalesEntryForm, SalesTargetForm
from duikou.consumer.models import Channel, Product, SalesEntry, SalesTarget
from duikou.consumer.tables import ChannelTable, SalesEntryTable, SalesTargetTable
from duikou.core.registry import register
from duikou.lib.money import wan
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import Organisation

_numbers = itertools.count(1)
DETAIL = "consumer/detail.html"


def sample_channel(party, place) -> Channel:
    n = next(_numbers)
    return Channel.objects.create(
        code=f"KIT-CH-{n}",
        name=f"样例体验馆{n}",
        kind=ChannelKind.HALL,
        aiding_party=party,
        city="南京",
        source_place=place,
    )


def sample_supplier(place) -> Organisation:
    n = next(_numbers)
    return Organisation.objects.create(
        code=f"KIT-ENT-{n}",
        name=f"样例农产品公司{n}",
        kind=OrganisationKind.ENTERPRISE,
        place=place,
    )


def sample_product(party, place) -> Product:
    return Product.objects.create(
        channel=sample_channel(party, place),
        supplier=sample_supplier(place),
        name="样例红枣",
        category=ProductCategory.DRIED_FRUIT,
    )


def sample_sale(party, place) -> SalesEntry:
    return SalesEntry.objects.create(
        channel=sample_channel(party, place),
        category=ProductCategory.DRIED_FRUIT,
        period_start=dt.date(2024, 5, 1),
        period_end=dt.date(2024, 5, 31),
        volume=Decimal(3),
        unit=Unit.TONNE,
        amount=Decimal(120000),
    )


def sample_target(party, place) -> SalesTarget:
    used = set(SalesTarget.objects.filter(aiding_party=party).values_list("year", flat=True))
    year = next(y for y in range(2100, 1999, -1) if y not in used)
    return SalesTarget.objects.create(aiding_party=party, year=year, amount=Decimal(10**8))


def _link(obj: Any) -> tuple[Any, str]:
    return (obj, obj.get_absolute_url()) if obj is not None else ("—", "")


def channel_context(request: HttpRequest, channel: Channel) -> dict[str, Any]:
    user = request.user
    return {
        "fields": [
            (_("Channel code"), channel.code, ""),
            (_("Kind"), channel.get_kind_display(), ""),
            (_("Aiding party"), *_link(channel.aiding_party)),
            (_("City (aiding side)"), channel.city or "—", ""),
            (_("Products from (place)"), *_link(channel.source_place)),
            (_("Opened on"), channel.opened_on or "—", ""),
            (_("Closed on"), channel.closed_on or "—", ""),
            (_("Note"), channel.note or "—", ""),
        ],
        "products": Product.objects.visible_to(user)
        .filter(channel=channel)
        .select_related("supplier")[:100],
        "months": services.months(user)
        .filter(channel=channel)
        .values("month")
        .annotate(amount=Sum("amount"), tonnes=Sum("tonnes"))
        .order_by("month"),
    }


def _fields(pairs: list[tuple[Any, Any, str]]):
    return {"fields": pairs}


def product_context(request: HttpRequest, p: Product) -> dict[str, Any]:
    return _fields(
        [
            (_("Sales channel"), *_link(p.channel)),
            (_("Supplier"), *_link(p.supplier)),
            (_("Category"), p.get_category_display(), ""),
            (_("Kinds of product"), p.kinds, ""),
            (_("Listed on"), p.listed_on or "—", ""),
        ]
    )


def sale_context(request: HttpRequest, s: SalesEntry) -> dict[str, Any]:
    volume = f"{s.volume.normalize():f} {s.get_unit_display()}" if s.volume is not None else "—"
    return _fields(
        [
            (_("Sales channel"), *_link(s.channel)),
            (_("Aiding party"), *_link(s.channel.aiding_party)),
            (_("Period"), f"{s.period_start} – {s.period_end}", ""),
            (_("Category"), s.get_category_display(), ""),
            (_("Supplier"), *_link(s.supplier)),
            (_("Volume"), volume, ""),
            (_("Sales (10k yuan)"), wan(s.amount), ""),
            (_("Note"), s.note or "—", ""),
        ]
    )


def target_context(request: HttpRequest, t: SalesTarget) -> dict[str, Any]:
    progress = services.target_progress(request.user, party_id=t.aiding_party_id, year=t.year)
    return {
        **_fields(
            [
                (_("Aiding party"), *_link(t.aiding_party)),
                (_("Year"), t.year, ""),
                (_("Target sales (10k yuan)"), wan(t.amount), ""),
                (_("Cumulative"), _("yes") if t.cumulative else _("no"), ""),
                (_("Note"), t.note or "—", ""),
            ]
        ),
        "progress": progress[0] if progress else None,
    }


channels = register(
    Channel,
    prefix="consumer",
    path="channels/",
    list_path="channels/",
    names={
        "list": "channels",
        "detail": "channel",
        "create": "channel_create",
        "edit": "channel_edit",
        "delete": "channel_delete",
        "history": "channel_history",
        "export": "channel_export",
        "import": "channel_import",
        "import_template": "channel_import_template",
    },
    filterset=ChannelFilterSet,
    table=ChannelTable,
    columns_table=CHANNELS,
    imports=True,
    form=ChannelForm,
    api_prefix="consumer/channels",
    api_basename="consumer-channel",
    nav=(gettext_lazy("Sales channels"), None),
    nav_order=121,
    detail_template="consumer/channel_detail.html",
    select_related=["aiding_party", "source_place"],
    detail_context=channel_context,
    sample=sample_channel,
)

products = register(
    Product,
    prefix="consumer",
    path="products/",
    list_path="products/",
    names={
        "list": "products",
        "detail": "product",
        "create": "product_create",
        "edit": "product_edit",
        "delete": "product_delete",
        "history": "product_history",
        "export": "product_export",
        "import": "product_import",
        "import_template": "product_import_template",
    },
    filterset=ProductFilterSet,
    columns=["name", "category", "kinds", "supplier", "channel", "channel__aiding_party"],
    columns_table=PRODUCTS,
    imports=True,
    form=ProductForm,
    api_prefix="consumer/products",
    api_basename="consumer-product",
    nav=(gettext_lazy("Consumer-aid products"), None),
    nav_order=122,
    detail_template=DETAIL,
    select_related=["channel__aiding_party", "supplier"],
    detail_context=product_context,
    sample=sample_product,
)

sales = register(
    SalesEntry,
    prefix="consumer",
    path="sales/",
    list_path="sales/",
    names={
        "list": "sales",
        "detail": "sale",
        "create": "sale_create",
        "edit": "sale_edit",
        "delete": "sale_delete",
        "history": "sale_history",
        "export": "sale_export",
        "import": "sale_import",
        "import_template": "sale_import_template",
    },
    filterset=SalesEntryFilterSet,
    table=SalesEntryTable,
    columns_table=SALES,
    imports=True,
    form=SalesEntryForm,
    api_prefix="consumer/sales",
    api_basename="consumer-sale",
    nav=(gettext_lazy("Sales entries"), None),
    nav_order=123,
    detail_template=DETAIL,
    select_related=["channel__aiding_party", "supplier"],
    detail_context=sale_context,
    sample=sample_sale,
)

targets = register(
    SalesTarget,
    prefix="consumer",
    path="targets/",
    list_path="targets/",
    names={
        "list": "targets",
        "detail": "target",
        "create": "target_create",
        "edit": "target_edit",
        "delete": "target_delete",
        "history": "target_history",
        "export": "target_export",
    },
    filterset=SalesTargetFilterSet,
    table=SalesTargetTable,
    columns_table=TARGETS,
    form=SalesTargetForm,
    api_prefix="consumer/targets",
    api_basename="consumer-target",
    # The module's menu entry: the overview (trend against target), which links to the rest.
    nav=(gettext_lazy("Consumer aid"), None),
    nav_order=120,
    nav_url="consumer:overview",
    detail_template=DETAIL,
    select_related=["aiding_party"],
    detail_context=target_context,
    sample=sample_target,
)
