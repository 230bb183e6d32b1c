"""Demo portfolio: projects for every party (their funds come from funds/demo.py).

Scales: "tiny" (~50 projects, for tests), "demo" (a few thousand across 2019–2025, figures in
the range the programme reports: 3000-odd projects, 300-odd 亿元, over 80 percent at the
grassroots and for livelihood), "national" (1M projects, 10M transactions, PostgreSQL COPY, see
`duikou.funds.national`). Records are inserted in bulk, and so are their creation entries
(`record_bulk_creation`, attributed to "loader:demo_data" or the acting user); the summary table
is rebuilt at the end.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register

SOURCE = "demo_data"  # history shows these records as created by "loader:demo_data"

SCALE_PROJECTS = {"tiny": 50, "demo": 3000}
DEMO_YEARS = list(range(2019, 2026))
NAMES = {
    "minsheng": ["安居富民工程", "农村饮水安全工程", "老旧小区改造", "便民服务中心"],
    "chanye": ["现代农业产业园", "纺织服装产业园配套", "特色林果加工厂房", "物流园区"],
    "jiaoyu": ["第一中学教学楼", "幼儿园新建", "职业技术学校实训楼", "国家通用语言教学能力提升"],
    "yiliao": ["人民医院住院楼", "乡镇卫生院改造", "远程医疗会诊系统", "妇幼保健院"],
    "jiuye": ["劳动力转移就业培训", "扶贫车间建设", "创业孵化基地", "就业技能培训中心"],
    "rencai": ["干部人才培训", "专业技术人才培养", "人才公寓"],
    "jiaoliu": ["青少年夏令营", "文化润疆交流活动", "两地结对交流"],
    "jiceng": ["村级阵地建设", "社区服务中心", "乡镇干部周转房"],
    "guihua": ["县城总体规划编制", "国土空间规划"],
    "qita": ["对口支援前期工作经费"],
}


def demo_place(county, rng):
    """Where a demo project is: its paired county, now and then the prefecture above it (never
    the region above a Corps division). The project's name then starts with that place's name,
    so 洛浦县实训楼 is in 洛浦县 and 和田地区… in 和田地区."""
    from duikou.places.choices import Level

    parent = county.parent if county.parent_id else None
    if rng.random() < 0.12 and parent is not None and parent.level == Level.PREFECTURE:
        return parent
    return county


def pairs_and_categories():
    from duikou.pairings.models import Pairing
    from duikou.projects.models import Category

    pairs = [
        (p.aiding_party, p.place)
        for p in Pairing.objects.current().select_related("aiding_party", "place__parent")
    ]
    return pairs, list(Category.objects.order_by("sort_order"))


@register
def make_portfolio(ctx: DemoContext) -> None:
    """Projects for every party, older ones further along their lifecycle; the funds app's
    generator then gives them plans, allocations and money flows (funds/demo.py)."""
    if ctx.scale == "national":
        return  # the national loader writes projects and funds together (funds/national.py)
    from duikou.projects.choices import Status
    from duikou.projects.models import Project

    if Project.objects.exists():
        ctx.log("  projects: already present, left as they are")
        return
    rng = ctx.rng
    pairs, categories = pairs_and_categories()
    count = SCALE_PROJECTS[ctx.scale]
    by_party: dict[int, list] = {}
    for party, county in pairs:
        by_party.setdefault(party.pk, []).append(county)
    parties = sorted({party for party, _county in pairs}, key=lambda p: p.sort_order)
    weights = [36, 8, 20, 14, 9, 3, 3, 5, 1, 1]  # about 84 percent livelihood
    statuses = [
        Status.RESERVE,
        Status.PLANNED,
        Status.APPROVED,
        Status.BUILDING,
        Status.COMPLETED,
        Status.ACCEPTED,
        Status.HANDED_OVER,
    ]
    projects = []
    for n in range(count):
        party = parties[n % len(parties)]  # every party, round robin
        county = rng.choice(by_party[party.pk])
        year = DEMO_YEARS[n % len(DEMO_YEARS)]
        cat = rng.choices(categories, weights)[0]
        place = demo_place(county, rng)
        # Older projects are further along their lifecycle.
        age = 2025 - year
        status = (
            statuses[min(6, max(0, age + rng.randint(-1, 2)))] if age else rng.choice(statuses[:4])
        )
        aid = Decimal(rng.randint(50, 1950) * 10000)  # 50万 – 1950万, about 1000万 on average
        start = dt.date(year, rng.randint(3, 6), 1)
        projects.append(
            Project(
                code=f"{party.code[:2]}-{year}-{n:05d}",
                name=f"{place.name}{rng.choice(NAMES[cat.code])}",
                aiding_party=party,
                place=place,
                category=cat,
                is_livelihood=cat.counts_as_livelihood,
                plan_year=year,
                budget_aid=aid,
                budget_local=(aid * Decimal(rng.randint(0, 30)) / 100).quantize(Decimal("1")),
                status=status,
                start_date=start if status not in statuses[:3] else None,
                finish_date=dt.date(year + 1, rng.randint(6, 11), 28)
                if status in statuses[4:]
                else None,
                is_published=status in statuses[3:] and rng.random() < 0.7,
            )
        )
    Project.objects.bulk_create(projects, batch_size=1000)
    record_bulk_creation(projects, source=SOURCE)
    ctx.made["projects"] = len(projects)
    ctx.made["project_list"] = projects
