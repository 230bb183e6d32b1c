"""Demo exchange events: the seeds' reported figures, then a spread of ordinary events.

The seed records reproduce figures the reports quote (seed 004: 江苏援伊工作简报 2017 H1;
seed 000: 江苏's 书信交友), so pages and the briefing module can compute them back. The
spread is deterministic from `ctx.rng`: "tiny" about 30 events, "demo" about 3,000, some
co-organised by a second party (credited to both, counted once).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register

SOURCE = "demo_data"
SCALE_EVENTS = {"tiny": 30, "demo": 3000}
BRIEFING_004 = "江苏援伊工作简报2017年第21期（样本报告004）"

# (code, title, kind, party, place, start, end, figures, groups, measures, source)
SEED_EVENTS: list[dict[str, Any]] = [
    {
        "code": "JS-2017-YZ-01",
        "title": "江苏医疗专家来伊巡回义诊",
        "kind": "free_clinic",
        "party": "320000",
        "place": "654000",
        "start": dt.date(2017, 1, 10),
        "end": dt.date(2017, 6, 30),
        "organiser": "江苏援伊前方指挥部",
        "venue": "牧区、农村",
        "figures": {"person_times": 92, "beneficiaries": 9800},
        "groups": [("江苏医疗专家", "aiding", None, 92)],
        "measures": [("免费发放药品", Decimal("13"), "万元")],
        "description": "上半年共组织江苏医疗专家90余人次来伊巡回义诊，义诊群众近万人。",
    },
    {
        "code": "JS-2017-SJ-01",
        "title": "教育专家、骨干教师来伊犁送学送教",
        "kind": "teaching",
        "party": "320000",
        "place": "654000",
        "start": dt.date(2017, 2, 20),
        "end": dt.date(2017, 6, 30),
        "organiser": "江苏援伊前方指挥部",
        "figures": {
            "batches": 22,
            "persons": 210,
            "lessons": 320,
            "sessions": 105,
            "beneficiaries": 9900,
        },
        "groups": [("教育专家、高校教授和中小学骨干教师", "aiding", 210, None)],
        "measures": [],
        "description": "20余批次200余人来伊犁送学送教，开设观摩课300多节，举办主题讲座100余场，"
        "近10000名师生受益。",
    },
    {
        "code": "JS-2017-ZJ-01",
        "title": "大学生、研究生来伊犁支教",
        "kind": "teaching",
        "party": "320000",
        "place": "654000",
        "start": dt.date(2017, 2, 20),
        "end": dt.date(2017, 6, 30),
        "organiser": "南京师范大学",
        "figures": {"persons": 108},
        "groups": [("大学生", "aiding", 98, None), ("南京师范大学研究生", "aiding", 10, None)],
        "measures": [],
        "description": "组织98名大学生和南京师范大学10名研究生来伊犁支教。",
    },
    {
        "code": "JS-2017-XS-01",
        "title": "“丝路信使”自行车赛",
        "kind": "sports",
        "party": "320000",
        "place": "654026",
        "start": dt.date(2017, 5, 1),
        "end": dt.date(2017, 6, 10),
        "organiser": "泰州工作组",
        "figures": {"persons": 7, "person_times": 7},
        "groups": [("泰州信使", "aiding", 7, 7)],
        "measures": [("骑行", Decimal("5171"), "公里"), ("书信", Decimal("42"), "份")],
        "description": "7位泰州信使骑行5171公里，把42份来自泰州的书信送到昭苏亲人的手中。",
    },
    {
        "code": "JS-SX-2014",
        "title": "“万里鸿雁传真情”手拉手书信交友",
        "kind": "letters",
        "party": "320000",
        "place": "654000",
        "start": dt.date(2014, 1, 1),
        "end": dt.date(2020, 12, 31),
        "organiser": "江苏省对口支援新疆伊犁州前方指挥部",
        "figures": {"person_times": 50000},
        "groups": [("援受两地青少年学生", "recipient", None, 50000)],
        "measures": [("学校", Decimal("268"), "所"), ("班级", Decimal("3806"), "个")],
        "description": "268所学校、3806个班级、5万人次学生参与（累计）。",
        "source": "民生援疆 天山南北增福祉（样本报告000）",
    },
]

KINDS = [
    "study_tour",
    "summer_camp",
    "performance",
    "free_clinic",
    "teaching",
    "letters",
    "sports",
    "visit",
    "kinship",
    "exhibition",
]
TITLES = {
    "study_tour": "青少年研学",
    "summer_camp": "“携手假日、爱心暖阳”夏令营",
    "performance": "文艺演出",
    "free_clinic": "专家义诊",
    "teaching": "送教",
    "letters": "手拉手书信交友",
    "sports": "体育友谊赛",
    "visit": "互访交流",
    "kinship": "结对认亲",
    "exhibition": "成果展览",
}


def pairs_by_party_county() -> dict[tuple[int, int], list[int]]:
    """Twinning pairs (ids) per party and recipient county, for linking demo records."""
    from duikou.twinning.models import Pair

    found: dict[tuple[int, int], list[int]] = {}
    rows = Pair.objects.order_by("pk").values_list("pk", "aiding_party_id", "recipient_county_id")
    for pk, party_id, county_id in rows:
        found.setdefault((party_id, county_id), []).append(pk)
    return found


def make_seed_events() -> list:
    """The seeds' events, made through the ORM (history by signals), summary kept."""
    from duikou.exchanges import summary
    from duikou.exchanges.models import Event, Measure, ParticipantGroup
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    made = []
    with summary.deferred():
        for spec in SEED_EVENTS:
            if Event.objects.filter(code=spec["code"]).exists():
                continue
            event = Event(
                code=spec["code"],
                title=spec["title"],
                kind=spec["kind"],
                aiding_party=AidingParty.objects.get(code=spec["party"]),
                place=Place.objects.get(code=spec["place"]),
                start_date=spec["start"],
                end_date=spec["end"],
                organiser=spec.get("organiser", ""),
                venue=spec.get("venue", ""),
                description=spec.get("description", ""),
                source=spec.get("source", BRIEFING_004),
                **spec["figures"],
            )
            event.full_clean()
            event.save()
            for group, side, persons, person_times in spec["groups"]:
                ParticipantGroup.objects.create(
                    event=event,
                    group=group,
                    side=side,
                    persons=persons,
                    person_times=person_times,
                )
            for label, quantity, unit in spec["measures"]:
                Measure.objects.create(event=event, label=label, quantity=quantity, unit=unit)
            made.append(event)
    return made


@register
def make_events(ctx: DemoContext) -> None:
    """The seeds' events, and a deterministic spread of events for every paired party."""
    if ctx.scale == "national":
        return
    from duikou.exchanges import summary
    from duikou.exchanges.models import Event
    from duikou.projects.demo import pairs_and_categories

    if Event.objects.exclude(code__in=[s["code"] for s in SEED_EVENTS]).exists():
        ctx.log("  exchanges: already present, left as they are")
        return
    seeds = make_seed_events()
    rng = ctx.rng
    pairs, _categories = pairs_and_categories()
    pairs.sort(key=lambda pair: (pair[0].sort_order, pair[1].code))
    events, partners = [], []
    for n in range(SCALE_EVENTS[ctx.scale]):
        party, county = pairs[n % len(pairs)]
        kind = KINDS[rng.randrange(len(KINDS))]
        year = rng.randint(2019, 2025)
        start = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        persons = rng.randint(5, 200)
        events.append(
            Event(
                code=f"EX-{party.code[:2]}-{year}-{n:05d}",
                title=f"{county.name}{TITLES[kind]}",
                kind=kind,
                aiding_party=party,
                place=county,
                start_date=start,
                end_date=start + dt.timedelta(days=rng.randint(0, 10)),
                year=year,
                persons=persons,
                person_times=persons * rng.randint(1, 4),
                sessions=rng.randint(1, 10),
                beneficiaries=rng.randint(0, 3000),
            )
        )
    Event.objects.bulk_create(events, batch_size=1000)
    parties = sorted({party for party, _county in pairs}, key=lambda p: p.sort_order)
    for event in events:
        if rng.random() < 0.1:
            other = parties[rng.randrange(len(parties))]
            if other.pk != event.aiding_party_id:
                partners.append(Event.partners.through(event_id=event.pk, aidingparty_id=other.pk))
    Event.partners.through.objects.bulk_create(partners, batch_size=1000)
    twinned, links = pairs_by_party_county(), []
    for event in events:
        pairs_here = twinned.get((event.aiding_party_id, event.place_id), [])
        if pairs_here and rng.random() < 0.3:
            pair_id = pairs_here[rng.randrange(len(pairs_here))]
            links.append(Event.pairs.through(event_id=event.pk, pair_id=pair_id))
    Event.pairs.through.objects.bulk_create(links, batch_size=1000)
    record_bulk_creation(events, source=SOURCE)
    summary.rebuild()
    ctx.made["exchange_events"] = len(events) + len(seeds)
    ctx.log(f"  exchanges: {ctx.made['exchange_events']} events")
