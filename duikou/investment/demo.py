"""Demo investment data: the seeds' figures reproduced through records, never typed as totals.

- 山东 2020 (shared/seeds/002): "4场现场推介会" in 乌鲁木齐 and 喀什 and "3次喀什地区重点项目推介会"
  in 济南 and 青岛 (7 event records); "共对接洽谈项目270个，已建成投产项目17个，投资总额4.23亿元；
  开工建设项目17个，投资总额16.24亿元；签约落地项目50个，投资总额126.82亿元" as 270 leads of which
  17 now in production (累计投资 adding up to 4.23亿), 17 under construction (到位资金 16.24亿)
  and 50 signed (签约额 126.82亿) — see services.py for why these are the leads *now at* each
  stage; "9个特色园区…入驻企业593家，吸纳就业3.7万余人" as 9 co-built parks with 593 park
  enterprises whose jobs add up to 37,186.
- 北京 (seeds/001): the textile enterprise in 和田市, 一期 in production with 700 jobs, 3000
  planned, 30亿元 expected annual output.
- 全域协作 (seeds/001): 山东 brokered the 年产30万吨钛白粉 project in 巴楚县 (paired with 上海),
  signed; 江苏 brought 联发纺织 to 21 enterprises in 南疆, most outside its own pairings.
- Every other party: a few leads in its own counties (more at --scale demo), some terminated.

Amounts the seeds do not give (the 钛白粉 and 和田 contracted amounts, single leads' shares of
a total) are demo values, marked so in the record's note. Deterministic from `ctx.rng`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register

SOURCE = "demo_data"
WAN = Decimal(10000)
SHANDONG, SHANGHAI, BEIJING, JIANGSU = "370000", "310000", "110000", "320000"
SHANDONG_COUNTIES = ["653122", "653123", "653127", "653128"]  # 疏勒 英吉沙 麦盖提 岳普湖
BACHU, HOTAN_CITY, KASHGAR = "653130", "653201", "653100"
# 山东's 2020 funnel, as the report gives it (counts now at each stage; amounts in 万元).
SD_PRODUCING = (17, 42_300)
SD_STARTED = (17, 162_400)
SD_SIGNED = (50, 1_268_200)
SD_TOTAL = 270
SD_ENTERPRISES, SD_JOBS = 593, 37_186
SD_PARKS = [
    ("653122", "疏勒齐鲁工业园", "纺织服装、装备制造"),
    ("653123", "英吉沙服装产业园", "纺织服装"),
    ("653128", "岳普湖特色农产品加工物流园", "农副产品加工、物流"),
    ("653127", "麦盖提纺织工业园", "纺织服装"),
    ("653127", "刀郎文化旅游产业园", "文化旅游"),
    ("653122", "疏勒县电商产业园", "电商"),
    ("653123", "英吉沙县农副产品加工园", "农副产品加工"),
    ("653128", "岳普湖县纺织服装产业园", "纺织服装"),
    ("653127", "麦盖提县电商物流园", "电商、物流"),
]
SD_EVENTS = [
    ("乌鲁木齐", "山东援疆现场推介会（乌鲁木齐）", dt.date(2020, 3, 18)),
    ("喀什", "山东援疆现场推介会（喀什）", dt.date(2020, 4, 22)),
    ("乌鲁木齐", "山东援疆产业合作现场推介会（乌鲁木齐）", dt.date(2020, 6, 10)),
    ("喀什", "山东援疆招商引资现场推介会（喀什）", dt.date(2020, 7, 15)),
    ("济南", "喀什地区重点项目推介会（济南）", dt.date(2020, 5, 20)),
    ("青岛", "喀什地区重点项目推介会（青岛）", dt.date(2020, 8, 26)),
    ("济南", "喀什地区重点项目推介会（济南·第二场）", dt.date(2020, 10, 14)),
]
FIRMS = ["鲁喀", "齐鲁", "泰山", "青岛", "潍坊", "烟台", "日照", "济宁", "东营", "临沂"]
TRADES = [
    ("纺织", "textiles"),
    ("服装", "textiles"),
    ("食品", "agri_food"),
    ("农业科技", "agri_food"),
    ("电子商务", "ecommerce"),
    ("物流", "ecommerce"),
    ("新材料", "chemicals"),
    ("光伏", "energy"),
    ("机械", "manufacturing"),
    ("文旅", "tourism"),
]
DEMO_NOTE = "演示数据：单个项目金额为演示值，合计与报道一致。"
SCALE_OTHER = {"tiny": 3, "demo": 30, "national": 30}


def split(total: int, parts: int, rng: Any, low: int = 1, high: int = 10) -> list[int]:
    """`total` in `parts` random whole shares (each ≥ 1) that add up exactly."""
    weights = [rng.randint(low, high) for _ in range(parts)]
    scale = sum(weights)
    shares = [max(1, total * w // scale) for w in weights]
    shares[-1] += total - sum(shares)
    if shares[-1] < 1:  # rounding took too much from the last share: take it from the largest
        biggest = max(range(parts - 1), key=lambda i: shares[i])
        shares[biggest] += shares[-1] - 1
        shares[-1] = 1
    return shares


def later(day: dt.date, rng: Any, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=rng.randint(low, high))


class Maker:
    """Collects the records to write in bulk, with the codes and lookups they need."""

    def __init__(self, ctx: DemoContext) -> None:
        from duikou.organisations.models import AidingParty
        from duikou.pairings.models import Pairing
        from duikou.places.models import Place

        self.ctx, self.rng = ctx, ctx.rng
        self.parties = {p.code: p for p in AidingParty.objects.all()}
        self.places = {p.code: p for p in Place.objects.all()}
        self.paired: dict[int, int] = {}
        for pairing in Pairing.objects.current(dt.date(2020, 6, 30)).order_by("valid_from"):
            self.paired[pairing.place_id] = pairing.aiding_party_id
        self.enterprises: list[Any] = []
        self.leads: list[Any] = []
        self.n = 0

    def enterprise(self, name: str, party: Any, place: Any, origin: str) -> Any:
        from duikou.organisations.choices import OrganisationKind
        from duikou.organisations.models import Organisation

        self.n += 1
        org = Organisation(
            code=f"ENT-{self.n:05d}",
            name=name,
            kind=OrganisationKind.ENTERPRISE,
            aiding_party=party if origin == "aiding_side" else None,
            place=place,
        )
        self.enterprises.append(org)
        return org

    def lead(self, **fields: Any) -> Any:
        from duikou.investment.models import Lead

        place = fields["place"]
        paired_id = self.paired.get(place.pk)
        if paired_id is None and place.parent_id:
            paired_id = self.paired.get(place.parent_id)
        lead = Lead(paired_party_id=paired_id, year=fields["talks_on"].year, **fields)
        if lead.aiding_party_id is None:
            lead.aiding_party_id = paired_id
        lead.is_cross_pairing = lead.aiding_party_id != paired_id and paired_id is not None
        self.leads.append(lead)
        return lead


def _staged(lead: Any, stage: str, rng: Any, amounts: dict[str, int]) -> None:
    """Dates and amounts of every stage up to `stage` (amounts in 万元 where given)."""
    order = ["talks", "signed", "started", "producing"]
    reach = order.index(stage)
    day = lead.talks_on
    if reach >= 1:
        day = later(day, rng, 20, 60)
        lead.signed_on = day
        lead.signed_amount = Decimal(amounts.get("signed", rng.randint(2_000, 60_000))) * WAN
    if reach >= 2:
        day = later(day, rng, 15, 40)
        lead.started_on = day
        lead.funds_in_place = Decimal(amounts.get("started", rng.randint(1_000, 20_000))) * WAN
    if reach >= 3:
        day = later(day, rng, 20, 50)
        lead.producing_on = day
        lead.invested_total = Decimal(amounts.get("producing", rng.randint(1_000, 20_000))) * WAN
    lead.stage = stage


@register
def make_investment(ctx: DemoContext) -> None:
    """Events, parks, leads and park enterprises (see the module docstring)."""
    from duikou.investment.models import Lead, Park, ParkEntry, PromotionEvent
    from duikou.organisations.models import Organisation

    if Lead.objects.exists():
        ctx.log("  investment: already present, left as it is")
        return
    m = Maker(ctx)
    rng = m.rng
    sd = m.parties[SHANDONG]

    # 山东's 7 promotion events of 2020.
    events = [
        PromotionEvent(
            code=f"SD-TJH-2020-{i + 1:02d}",
            name=name,
            kind="promotion",
            aiding_party=sd,
            held_on=held,
            city=city,
            place=m.places[KASHGAR],
        )
        for i, (city, name, held) in enumerate(SD_EVENTS)
    ]
    PromotionEvent.objects.bulk_create(events)

    # 山东's 9 co-built parks.
    parks = [
        Park(
            code=f"PK-{code}-{i + 1:02d}",
            name=name,
            kind="cobuilt",
            place=m.places[code],
            aiding_party=sd,
            focus=focus,
            established_on=dt.date(2011 + i, 5, 1),
        )
        for i, (code, name, focus) in enumerate(SD_PARKS)
    ]
    Park.objects.bulk_create(parks)
    parks_by_county: dict[str, list[Park]] = {}
    for park in parks:
        parks_by_county.setdefault(park.place.code, []).append(park)

    # 山东's 270 leads of 2020: 17 in production, 17 under construction, 50 signed, the rest
    # still negotiating.
    producing = split(SD_PRODUCING[1], SD_PRODUCING[0], rng)
    started = split(SD_STARTED[1], SD_STARTED[0], rng)
    signed = split(SD_SIGNED[1], SD_SIGNED[0], rng)
    plan: list[tuple[str, dict[str, int]]] = (
        [("producing", {"producing": a}) for a in producing]
        + [("started", {"started": a}) for a in started]
        + [("signed", {"signed": a}) for a in signed]
    )
    plan += [("talks", {})] * (SD_TOTAL - len(plan))
    sd_leads = []
    for i, (stage, amounts) in enumerate(plan):
        county = m.places[SHANDONG_COUNTIES[i % len(SHANDONG_COUNTIES)]]
        trade, sector = TRADES[i % len(TRADES)]
        event = events[i % len(events)] if i % 9 else None
        talks_on = (
            later(event.held_on, rng, 0, 20) if event else dt.date(2020, rng.randint(1, 11), 5)
        )
        origin = "aiding_side" if i % 5 else "elsewhere"
        firm = m.enterprise(
            f"{FIRMS[i % len(FIRMS)]}{trade}有限公司（{county.name}{i + 1:03d}）",
            sd,
            county,
            origin,
        )
        lead = m.lead(
            code=f"SD-2020-{i + 1:03d}",
            name=f"{county.name}{trade}项目（{i + 1:03d}）",
            enterprise=firm,
            origin=origin,
            sector=sector,
            place=county,
            aiding_party=sd,
            event=event,
            responsible_name="山东援疆指挥部产业组",
            planned_investment=Decimal(rng.randint(1_000, 80_000)) * WAN,
            talks_on=talks_on,
            note=DEMO_NOTE,
        )
        _staged(lead, stage, rng, amounts)
        if stage == "producing":
            lead.park = parks_by_county[county.code][i % len(parks_by_county[county.code])]
            lead.jobs_planned = rng.randint(100, 600)
            lead.jobs_created = rng.randint(50, lead.jobs_planned)
            lead.jobs_local = rng.randint(lead.jobs_created // 2, lead.jobs_created)
        elif stage in ("started", "signed"):
            lead.jobs_planned = rng.randint(50, 800)
        sd_leads.append(lead)

    # 北京: the textile enterprise in 和田市 (seeds/001).
    bj, hotan = m.parties[BEIJING], m.places[HOTAN_CITY]
    hotan_park = Park(
        code="PK-653201-01",
        name="和田市纺织服装产业园",
        kind="cobuilt",
        place=hotan,
        aiding_party=bj,
        focus="纺织服装全产业链",
        established_on=dt.date(2019, 6, 1),
    )
    Park.objects.bulk_create([hotan_park])
    hotan_firm = m.enterprise("和田纺织服装产业链企业（北京援疆引进）", bj, hotan, "elsewhere")
    hotan_lead = m.lead(
        code="BJ-2023-001",
        name="和田纺织服装全产业链项目（一期）",
        enterprise=hotan_firm,
        origin="elsewhere",
        sector="textiles",
        place=hotan,
        park=hotan_park,
        aiding_party=bj,
        responsible_name="北京市援疆和田指挥部",
        planned_investment=Decimal(200_000) * WAN,
        expected_output=Decimal(300_000) * WAN,
        talks_on=dt.date(2023, 5, 10),
        signed_on=dt.date(2023, 8, 18),
        signed_amount=Decimal(200_000) * WAN,
        started_on=dt.date(2023, 9, 20),
        funds_in_place=Decimal(60_000) * WAN,
        producing_on=dt.date(2024, 2, 1),
        invested_total=Decimal(80_000) * WAN,
        stage="producing",
        jobs_planned=3000,
        jobs_created=700,
        jobs_local=700,
        note="一期工程已建成投产，吸纳就业700多人；全部建成后可提供3000多个就业岗位，预计每年带动"
        "地区工业产值30多亿元。签约额、到位资金、累计投资为演示值。",
    )

    # 全域协作: 山东 → 巴楚 (paired with 上海), signed.
    bachu = m.places[BACHU]
    titanium_firm = m.enterprise("钛白粉项目企业（山东援疆引进）", sd, bachu, "aiding_side")
    m.lead(
        code="SD-2023-TB01",
        name="年产30万吨钛白粉项目",
        enterprise=titanium_firm,
        origin="aiding_side",
        sector="chemicals",
        place=bachu,
        aiding_party=sd,
        responsible_name="山东援疆指挥部",
        planned_investment=Decimal(300_000) * WAN,
        talks_on=dt.date(2023, 3, 15),
        signed_on=dt.date(2023, 6, 28),
        signed_amount=Decimal(300_000) * WAN,
        stage="signed",
        jobs_planned=800,
        note="山东援疆指挥部推动年产30万吨钛白粉项目在上海对口支援的巴楚县签约落地（打破结对、"
        "全域协作）。签约额为演示值。",
    )

    # 江苏: 联发纺织 in 21 enterprises across 南疆, most outside its pairings.
    js = m.parties[JIANGSU]
    south = [
        p
        for p in m.places.values()
        if p.level == "county"
        and p.parent_id
        and p.parent.name in ("克孜勒苏柯尔克孜自治州", "和田地区", "阿克苏地区", "喀什地区")
        and p.code not in SHANDONG_COUNTIES
        and p.code != BACHU
    ]
    south.sort(key=lambda p: p.code)
    for i in range(21):
        county = south[i % len(south)]
        firm = m.enterprise(f"联发纺织（{county.name}）有限公司", js, county, "aiding_side")
        lead = m.lead(
            code=f"JS-2023-LF{i + 1:02d}",
            name=f"联发纺织{county.name}项目",
            enterprise=firm,
            origin="aiding_side",
            sector="textiles",
            place=county,
            aiding_party=js,
            responsible_name="江苏援疆前方指挥部",
            planned_investment=Decimal(rng.randint(5_000, 30_000)) * WAN,
            talks_on=dt.date(2023, rng.randint(1, 4), rng.randint(1, 28)),
            note="江苏援疆指挥部推动联发纺织在南疆落户21家企业。金额为演示值。",
        )
        _staged(lead, "producing" if i % 3 else "started", rng, {})
        lead.jobs_planned = rng.randint(200, 600)
        if lead.stage == "producing":
            lead.jobs_created = rng.randint(100, lead.jobs_planned)
            lead.jobs_local = lead.jobs_created

    # Every other party: a few leads in its own counties, some terminated.
    from duikou.pairings.models import Pairing

    own: dict[int, list[Any]] = {}
    for pairing in Pairing.objects.current().select_related("place").order_by("place__code"):
        if pairing.place.level == "county":
            own.setdefault(pairing.aiding_party_id, []).append(pairing.place)
    others = [p for p in m.parties.values() if p.code != SHANDONG and p.pk in own]
    others.sort(key=lambda p: (p.sort_order, p.code))
    count = SCALE_OTHER[ctx.scale]
    for party in others:
        for j in range(count):
            county = own[party.pk][j % len(own[party.pk])]
            trade, sector = TRADES[(j + party.sort_order) % len(TRADES)]
            firm = m.enterprise(
                f"{party.short_name}{trade}企业{j + 1:02d}", party, county, "aiding_side"
            )
            year = 2021 + j % 5
            lead = m.lead(
                code=f"{party.code}-{year}-{j + 1:03d}",
                name=f"{county.name}{trade}招商项目{j + 1:02d}",
                enterprise=firm,
                origin="aiding_side",
                sector=sector,
                place=county,
                aiding_party=party,
                planned_investment=Decimal(rng.randint(1_000, 50_000)) * WAN,
                talks_on=dt.date(year, rng.randint(1, 9), rng.randint(1, 28)),
            )
            stage = ["talks", "signed", "started", "producing"][rng.randint(0, 3)]
            _staged(lead, stage, rng, {})
            lead.jobs_planned = rng.randint(20, 300)
            if stage == "producing":
                lead.jobs_created = rng.randint(10, lead.jobs_planned)
                lead.jobs_local = lead.jobs_created // 2
            if j % 7 == 6:  # dropped leads keep their dates
                lead.stage = "terminated"
                lead.terminated_on = later(
                    lead.producing_on or lead.started_on or lead.signed_on or lead.talks_on,
                    rng,
                    10,
                    90,
                )
                lead.termination_reason = "企业投资计划调整，项目终止"

    Organisation.objects.bulk_create(m.enterprises, batch_size=1000)
    for lead in m.leads:
        lead.enterprise_id = lead.enterprise.pk
    Lead.objects.bulk_create(m.leads, batch_size=1000)

    # 山东's 593 park enterprises: the 17 producing leads' own, and 576 more, 37,186 jobs.
    entries: list[ParkEntry] = []
    for lead in sd_leads:
        if lead.stage == "producing":
            entries.append(
                ParkEntry(
                    park=lead.park,
                    enterprise_id=lead.enterprise_id,
                    lead=lead,
                    entered_on=lead.producing_on,
                    jobs=lead.jobs_created,
                    local_jobs=lead.jobs_local,
                    investment=lead.invested_total,
                )
            )
    rest = SD_ENTERPRISES - len(entries)
    jobs = split(SD_JOBS - sum(e.jobs for e in entries), rest, rng)
    per_park = split(rest, len(parks), rng, 5, 10)
    firms = []
    k = 0
    for park, n in zip(parks, per_park, strict=True):
        for _ in range(n):
            trade, _sector = TRADES[k % len(TRADES)]
            firm = m.enterprise(
                f"{FIRMS[k % len(FIRMS)]}{trade}企业（{park.name}{k + 1:03d}）",
                sd if k % 3 else None,
                park.place,
                "aiding_side" if k % 3 else "local",
            )
            firms.append(firm)
            entered = dt.date(max(park.established_on.year, 2011 + k % 10), 1 + k % 12, 1 + k % 27)
            entries.append(
                ParkEntry(
                    park=park,
                    enterprise=firm,
                    entered_on=entered,
                    jobs=jobs[k],
                    local_jobs=jobs[k] * 4 // 5,
                    investment=Decimal(rng.randint(100, 5_000)) * WAN,
                )
            )
            k += 1
    Organisation.objects.bulk_create(firms, batch_size=1000)
    entries.append(
        ParkEntry(
            park=hotan_park,
            enterprise_id=hotan_lead.enterprise_id,
            lead=hotan_lead,
            entered_on=hotan_lead.producing_on,
            jobs=700,
            local_jobs=700,
            investment=hotan_lead.invested_total,
        )
    )
    for entry in entries:
        entry.enterprise_id = entry.enterprise.pk
    ParkEntry.objects.bulk_create(entries, batch_size=1000)

    record_bulk_creation(events + parks + [hotan_park], source=SOURCE)
    record_bulk_creation(m.enterprises, source=SOURCE)
    record_bulk_creation(m.leads, source=SOURCE)
    record_bulk_creation(entries, source=SOURCE)
    ctx.made["investment_leads"] = len(m.leads)
    ctx.made["park_entries"] = len(entries)
    ctx.log(f"  investment: {len(m.leads)} leads, {len(parks) + 1} parks, {len(entries)} entries")
