"""Demo donations: the seeds' reported money and goods, an annual pledge, then a spread.

Seed 004 (江苏援伊工作简报 2017 H1): 万人帮万户 累计募集资金1000多万元 for 3000多户; 江宁
爱心家庭 and 特克斯县's 280 poor households, 120万元; 江阴苏利化学 60万元 to 霍城县; 31位江苏
游客 校服等价值20万元; 丹阳眼镜商会 30万元助学帮困金、400副眼镜 to 兵团四师; 义诊 medicines
价值13万元; 长江村每年援助30万元 (a pledge with yearly entries).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register
from duikou.exchanges.demo import pairs_by_party_county

SOURCE = "demo_data"
BRIEFING_004 = "江苏援伊工作简报2017年第21期（样本报告004）"
SCALE_DONATIONS = {"tiny": 30, "demo": 2000}

SEED_DONATIONS: list[dict[str, Any]] = [
    {
        "code": "JS-2017-WRBWH",
        "title": "“万人帮万户、共同奔小康”援疆帮扶活动累计募集资金",
        "purpose": "hardship",
        "donor_kind": "group",
        "donor": "后方单位、党员干部职工、社会爱心人士",
        "recipient_kind": "household",
        "recipient": "受援地困难群众",
        "recipient_count": 3000,
        "place": "654000",
        "given_on": dt.date(2017, 6, 30),
        "cash": Decimal("10200000"),
    },
    {
        "code": "JS-2017-JN-280",
        "title": "江宁区爱心家庭与特克斯县贫困家庭结对捐助",
        "purpose": "hardship",
        "donor_kind": "group",
        "donor": "江宁区爱心家庭",
        "recipient_kind": "household",
        "recipient": "特克斯县贫困家庭",
        "recipient_count": 280,
        "place": "654027",
        "given_on": dt.date(2017, 6, 30),
        "cash": Decimal("1200000"),
        "work_group": "江宁",
    },
    {
        "code": "JS-2017-JY-SL",
        "title": "江阴苏利化学帮扶款（困难群众健康饮用工程）",
        "purpose": "hardship",
        "donor_kind": "organisation",
        "donor": "江阴苏利化学",
        "recipient_kind": "place",
        "recipient": "霍城县困难群众",
        "place": "654023",
        "given_on": dt.date(2017, 5, 1),
        "cash": Decimal("600000"),
    },
    {
        "code": "JS-2017-ZJG-XF",
        "title": "江苏游客爱心募捐校服",
        "purpose": "schooling",
        "donor_kind": "caring",
        "donor": "江苏游客",
        "donor_count": 31,
        "recipient_kind": "student",
        "place": "654024",
        "given_on": dt.date(2017, 5, 15),
        "in_kind_value": Decimal("200000"),
        "items": "校服等",
    },
    {
        "code": "JS-2017-ZJ-YJ",
        "title": "丹阳眼镜商会捐赠助学帮困金和眼镜",
        "purpose": "schooling",
        "donor_kind": "organisation",
        "donor": "丹阳眼镜商会",
        "recipient_kind": "unit",
        "recipient": "兵团第四师",
        "place": "第四师",
        "given_on": dt.date(2017, 4, 20),
        "cash": Decimal("300000"),
        "items": "眼镜",
        "item_count": 400,
        "item_unit": "副",
    },
    {
        "code": "JS-2017-YZ-YP",
        "title": "义诊免费发放药品",
        "purpose": "medical",
        "donor_kind": "organisation",
        "donor": "江苏医疗卫生机构",
        "recipient_kind": "place",
        "recipient": "牧区、农村义诊群众",
        "place": "654000",
        "given_on": dt.date(2017, 6, 30),
        "in_kind_value": Decimal("130000"),
        "items": "药品",
    },
]

PLEDGE = {
    "code": "JS-CJC-30",
    "title": "长江村每年援助央布拉克村",
    "purpose": "grassroots",
    "donor_kind": "organisation",
    "donor": "无锡江阴长江村",
    "place": "654023",
    "recipient": "霍城县央布拉克村",
    "annual_amount": Decimal("300000"),
    "first_year": 2017,
    "last_year": 2019,
}


def _place(text: str):
    from duikou.places.models import Place

    return Place.objects.by_code_or_name(text).order_by("path").first()


def _work_group(party, county_code: str | None):
    """The party's work group in a county (江宁工作组 is 江苏's work group in 特克斯县)."""
    from duikou.organisations.models import Organisation

    if not county_code:
        return None
    return Organisation.objects.filter(code=f"WG-{party.code}-{county_code}").first()


def make_seed_donations() -> list:
    from duikou.donations import services
    from duikou.donations.models import Donation, Pledge
    from duikou.organisations.models import AidingParty

    jiangsu = AidingParty.objects.get(code="320000")
    made = []
    for spec in SEED_DONATIONS:
        if Donation.objects.filter(code=spec["code"]).exists():
            continue
        values = {k: v for k, v in spec.items() if k not in ("place", "work_group")}
        donation = Donation(
            aiding_party=jiangsu,
            place=_place(spec["place"]),
            work_group=_work_group(jiangsu, spec.get("work_group")),
            source=BRIEFING_004,
            **values,
        )
        donation.full_clean()
        donation.save()
        made.append(donation)
    if not Pledge.objects.filter(code=PLEDGE["code"]).exists():
        values = {k: v for k, v in PLEDGE.items() if k != "place"}
        pledge = Pledge(
            aiding_party=jiangsu, place=_place(PLEDGE["place"]), source=BRIEFING_004, **values
        )
        pledge.full_clean()
        pledge.save()
        made += services.record_instalments(pledge)
    return made


PURPOSES = ["schooling", "hardship", "medical", "grassroots"]
TITLES = {
    "schooling": "助学金",
    "hardship": "帮困慰问金",
    "medical": "医疗救助款",
    "grassroots": "村级阵地建设捐款",
}


@register
def make_donations(ctx: DemoContext) -> None:
    if ctx.scale == "national":
        return
    from duikou.donations.models import Donation
    from duikou.projects.demo import pairs_and_categories

    if Donation.objects.filter(code__startswith="JZ-").exists():
        ctx.log("  donations: already present, left as they are")
        return
    seeds = make_seed_donations()
    rng = ctx.rng
    pairs, _categories = pairs_and_categories()
    pairs.sort(key=lambda pair: (pair[0].sort_order, pair[1].code))
    twinned = pairs_by_party_county()
    donations = []
    for n in range(SCALE_DONATIONS[ctx.scale]):
        party, county = pairs[n % len(pairs)]
        purpose = PURPOSES[rng.randrange(len(PURPOSES))]
        year = rng.randint(2019, 2025)
        given = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        cash = Decimal(rng.randint(1, 200) * 5000)
        scholarship = purpose == "schooling" and rng.random() < 0.5
        pairs_here = twinned.get((party.pk, county.pk), [])
        pair_id = pairs_here[rng.randrange(len(pairs_here))] if pairs_here else None
        donations.append(
            Donation(
                code=f"JZ-{party.code[:2]}-{year}-{n:05d}",
                title=f"{county.name}{TITLES[purpose]}",
                purpose=purpose,
                aiding_party=party,
                donor_kind="organisation",
                donor=f"{party.short_name}爱心企业",
                recipient_kind="student" if scholarship else "place",
                place=county,
                given_on=given,
                year=year,
                cash=cash,
                is_scholarship=scholarship,
                people_helped=rng.randint(5, 100) if scholarship else None,
                pair_id=pair_id if rng.random() < 0.3 else None,
            )
        )
    Donation.objects.bulk_create(donations, batch_size=1000)
    record_bulk_creation(donations, source=SOURCE)
    ctx.made["donations"] = len(donations) + len(seeds)
    ctx.log(f"  donations: {ctx.made['donations']} donations")
