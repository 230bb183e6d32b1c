"""Demo consumer aid: 山东's five 山东大仓 and 广东's "疆品南下 粤品北上" hall and online
platform, with their Kashgar suppliers, products and monthly sales; at the "demo" scale a few
more parties' channels too.

The 山东 records reproduce the report (shared/seeds/002_…): "在济南、日照、济宁、泰安、东营建立了
5个'山东大仓'…已入驻来自60多家喀什企业的400余种特色农副产品，1.4万吨农副产品进入山东市场，
销售额达到4.4亿元，力争2020年底销售额突破10亿元" — 5 channels, 62 enterprises, 412 kinds of
product, sales entries summing to exactly 14,000 t and 440,000,000 yuan (2019-01 to 2020-05),
and a cumulative target of 10亿元 for 2020. The figures come out of the records; nothing is a
typed total. Same scale, same seed, same data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register

SOURCE = "demo_data"
SHANDONG_CITIES = ["济南", "日照", "济宁", "泰安", "东营"]
SHANDONG_COUNTIES = ["653122", "653123", "653127", "653128"]  # 疏勒 英吉沙 麦盖提 岳普湖
SHANDONG_SUPPLIERS = 62  # 60多家
SHANDONG_KINDS = 412  # 400余种
SHANDONG_TONNES = Decimal(14000)  # 1.4万吨
SHANDONG_SALES = Decimal(440_000_000)  # 4.4亿元
SHANDONG_TARGET = Decimal(1_000_000_000)  # 力争2020年底销售额突破10亿元
SALES_MONTHS = [(2019, m) for m in range(1, 13)] + [(2020, m) for m in range(1, 6)]
PRODUCTS = [
    ("巴旦木", "dried_fruit"),
    ("红枣", "dried_fruit"),
    ("葡萄干", "dried_fruit"),
    ("核桃", "dried_fruit"),
    ("无花果干", "dried_fruit"),
    ("西梅", "fresh_fruit"),
    ("伽师瓜", "fresh_fruit"),
    ("石榴", "fresh_fruit"),
    ("牛肉", "meat"),
    ("羊肉", "meat"),
    ("鸽子", "meat"),
    ("面粉", "grain_oil"),
    ("胡麻油", "grain_oil"),
    ("驼奶粉", "dairy"),
    ("酸奶疙瘩", "dairy"),
    ("皮芽子", "vegetables"),
    ("艾德莱斯绸", "crafts"),
    ("土陶", "crafts"),
    ("玫瑰花茶", "other"),
]
FOOD = [c for _n, c in PRODUCTS if c != "crafts"]


def _split(total: Decimal, weights: list[float], places: str) -> list[Decimal]:
    """`total` in parts proportional to `weights`, rounded to `places`, summing exactly."""
    quantum = Decimal(places)
    whole = sum(weights)
    parts = [(total * Decimal(w) / Decimal(whole)).quantize(quantum) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


@register
def make_consumer_aid(ctx: DemoContext) -> None:
    if ctx.scale == "national":
        return
    from duikou.consumer import summary
    from duikou.consumer.models import Channel, Product, SalesEntry, SalesTarget
    from duikou.organisations.choices import OrganisationKind
    from duikou.organisations.models import AidingParty, Organisation
    from duikou.places.models import Place

    if Channel.objects.exists():
        ctx.log("  consumer aid: already present, left as it is")
        return
    rng = ctx.rng
    places = {p.code: p for p in Place.objects.filter(code__startswith="6531")}
    kashgar = places["653100"]
    parties = {p.code: p for p in AidingParty.objects.all()}
    channels, suppliers, products, sales, targets = [], [], [], [], []

    def supplier(code: str, name: str, county: str) -> Organisation:
        org = Organisation(
            code=code, name=name, kind=OrganisationKind.ENTERPRISE, place=places[county]
        )
        suppliers.append(org)
        return org

    # -- 山东: five 山东大仓 -----------------------------------------------------------------
    shandong = parties["370000"]
    for n, city in enumerate(SHANDONG_CITIES, 1):
        channels.append(
            Channel(
                code=f"SD-DC-{n:02d}",
                name=f"山东大仓·{city}",
                kind="warehouse",
                aiding_party=shandong,
                city=city,
                source_place=kashgar,
                opened_on=dt.date(2018, 10 + n % 3, 1),
            )
        )
    sd_channels = channels[:]
    sd_suppliers = [
        supplier(
            f"ENT-KS-{n:03d}",
            f"喀什{PRODUCTS[n % len(PRODUCTS)][0]}农产品有限公司{n:03d}",
            SHANDONG_COUNTIES[n % len(SHANDONG_COUNTIES)],
        )
        for n in range(1, SHANDONG_SUPPLIERS + 1)
    ]
    # Kinds of product: one record per kind at the demo scale; at "tiny" one record per
    # supplier standing for its count of kinds (the report gives only the count).
    if ctx.scale == "tiny":
        base, extra = divmod(SHANDONG_KINDS, SHANDONG_SUPPLIERS)
        for i, org in enumerate(sd_suppliers):
            name, category = PRODUCTS[i % len(PRODUCTS)]
            products.append(
                Product(
                    channel=sd_channels[i % 5],
                    supplier=org,
                    name=f"{name}等特色产品",
                    category=category,
                    kinds=base + (1 if i < extra else 0),
                    listed_on=dt.date(2019, 1, 1),
                )
            )
    else:
        for k in range(SHANDONG_KINDS):
            org = sd_suppliers[k % SHANDONG_SUPPLIERS]
            name, category = PRODUCTS[k % len(PRODUCTS)]
            products.append(
                Product(
                    channel=sd_channels[k % 5],
                    supplier=org,
                    name=f"{name}（{k + 1:03d}号）",
                    category=category,
                    listed_on=dt.date(2019, 1 + k % 12, 1),
                )
            )
    per_month = 1 if ctx.scale == "tiny" else 3
    cells = [
        (channel, year, month, i)
        for year, month in SALES_MONTHS
        for channel in sd_channels
        for i in range(per_month)
    ]
    growth = [1 + 0.04 * SALES_MONTHS.index((y, m)) for _c, y, m, _i in cells]
    weights = [g * rng.uniform(0.6, 1.4) for g in growth]
    amounts = _split(SHANDONG_SALES, weights, "0.01")
    tonnes = _split(SHANDONG_TONNES, [w * rng.uniform(0.8, 1.2) for w in weights], "0.001")
    for (channel, year, month, _i), amount, volume in zip(cells, amounts, tonnes, strict=True):
        last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1)
        sales.append(
            SalesEntry(
                channel=channel,
                supplier=sd_suppliers[rng.randrange(SHANDONG_SUPPLIERS)],
                category=rng.choice(FOOD),
                period_start=dt.date(year, month, 1),
                period_end=last - dt.timedelta(days=1),
                volume=volume,
                unit="t",
                amount=amount,
            )
        )
    targets.append(
        SalesTarget(
            aiding_party=shandong,
            year=2020,
            amount=SHANDONG_TARGET,
            cumulative=True,
            note="力争2020年底销售额突破10亿元",
        )
    )

    # -- 广东: the "疆品南下 粤品北上" hall and online platform ------------------------------
    guangdong = parties["440000"]
    gd_channels = [
        Channel(
            code="GD-TYG-01",
            name="“疆品南下 粤品北上”体验馆",
            kind="hall",
            aiding_party=guangdong,
            city="广州",
            source_place=kashgar,
            opened_on=dt.date(2019, 9, 1),
            note="粤港澳大湾区",
        ),
        Channel(
            code="GD-ONLINE-01",
            name="“疆品南下 粤品北上”线上平台",
            kind="online",
            aiding_party=guangdong,
            city="广州",
            source_place=kashgar,
            opened_on=dt.date(2020, 1, 1),
        ),
    ]
    channels += gd_channels
    gd_suppliers = [
        supplier(f"ENT-GD-{n:03d}", f"伽师疏附特色农产品合作社{n:03d}", ("653121", "653129")[n % 2])
        for n in range(1, 9)
    ]
    for i, org in enumerate(gd_suppliers):
        name, category = PRODUCTS[(i * 3) % len(PRODUCTS)]
        products.append(
            Product(
                channel=gd_channels[i % 2],
                supplier=org,
                name=name,
                category=category,
                kinds=rng.randint(2, 6),
            )
        )
    for year, month in [(2020, m) for m in range(1, 13)]:
        for channel in gd_channels:
            if channel.opened_on > dt.date(year, month, 1):
                continue
            last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1)
            boxes = rng.randint(800, 3000)
            sales.append(
                SalesEntry(
                    channel=channel,
                    supplier=rng.choice(gd_suppliers),
                    category=rng.choice(FOOD),
                    period_start=dt.date(year, month, 1),
                    period_end=last - dt.timedelta(days=1),
                    volume=Decimal(boxes),
                    unit="box",
                    amount=Decimal(boxes * rng.randint(60, 160)),
                )
            )
    targets.append(SalesTarget(aiding_party=guangdong, year=2020, amount=Decimal(50_000_000)))

    # -- demo scale: a few more parties' channels -------------------------------------------
    if ctx.scale == "demo":
        for code, city, kind in (
            ("320000", "南京", "hall"),
            ("110000", "北京", "canteen"),
            ("330000", "杭州", "online"),
        ):
            party = parties.get(code)
            if party is None:
                continue
            channel = Channel(
                code=f"{code}-CH-01",
                name=f"{party.short_name}消费援疆馆",
                kind=kind,
                aiding_party=party,
                city=city,
            )
            channels.append(channel)
            for year in (2023, 2024, 2025):
                for month in range(1, 13):
                    last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1)
                    sales.append(
                        SalesEntry(
                            channel=channel,
                            category=rng.choice(FOOD),
                            period_start=dt.date(year, month, 1),
                            period_end=last - dt.timedelta(days=1),
                            volume=Decimal(rng.randint(5, 60)),
                            unit="t",
                            amount=Decimal(rng.randint(200, 900) * 1000),
                        )
                    )

    Organisation.objects.bulk_create(suppliers)
    Channel.objects.bulk_create(channels)
    Product.objects.bulk_create(products, batch_size=1000)
    SalesEntry.objects.bulk_create(sales, batch_size=1000)
    SalesTarget.objects.bulk_create(targets)
    record_bulk_creation([*suppliers, *channels, *products, *sales, *targets], source=SOURCE)
    summary.rebuild()
    ctx.log(
        f"  consumer aid: {len(channels)} channels, {len(suppliers)} suppliers, "
        f"{len(products)} product records, {len(sales)} sales entries"
    )
