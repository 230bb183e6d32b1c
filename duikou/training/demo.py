"""Demo training sessions: the seeds' reported figures, then a deterministic spread.

Seed 002 (山东, since 2014): 4.5万余人次 teachers trained by placements in Shandong and
"互联网+"; 136 topical sessions at 英吉沙县国学书院; 7.68万人次 cadres. Seed 001 (天津): 百余人次
teachers by 送教下乡. Seed 004 (江苏, 2017 H1): 淮安 换岗学习 30多人次.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register

SOURCE = "demo_data"
SCALE_SESSIONS = {"tiny": 30, "demo": 2000}
SEED_002 = "山东援疆工作巡礼（样本报告002）"

SEED_SESSIONS: list[dict[str, Any]] = [
    {
        "code": "SD-PX-GG",
        "title": "喀什地区教师赴山东跟岗培训",
        "mode": "placement",
        "field": "education",
        "party": "370000",
        "place": "653100",
        "start": dt.date(2014, 1, 1),
        "end": dt.date(2021, 12, 31),
        "trainees": 5200,
        "trainee_group": "中小学教师",
        "source": SEED_002,
    },
    {
        "code": "SD-PX-HL",
        "title": "“互联网+”教师远程培训",
        "mode": "online",
        "field": "education",
        "party": "370000",
        "place": "653100",
        "start": dt.date(2014, 1, 1),
        "end": dt.date(2021, 12, 31),
        "trainees": 40000,
        "trainee_group": "中小学教师",
        "source": SEED_002,
    },
    {
        "code": "SD-PX-GX",
        "title": "英吉沙县国学书院专题培训",
        "mode": "class",
        "field": "government",
        "party": "370000",
        "place": "653123",
        "start": dt.date(2019, 1, 1),
        "end": dt.date(2021, 12, 31),
        "sessions": 136,
        "venue": "英吉沙县国学书院",
        "trainee_group": "扶贫业务骨干、乡镇下沉干部、村干部、大学生村官",
        "source": SEED_002,
    },
    {
        "code": "SD-PX-GB",
        "title": "党政干部三年培优计划：乡镇干部赴山东跟班学习",
        "mode": "placement",
        "field": "government",
        "party": "370000",
        "place": "653100",
        "start": dt.date(2014, 1, 1),
        "end": dt.date(2021, 12, 31),
        "trainees": 76800,
        "trainee_group": "各类干部人才",
        "source": SEED_002,
    },
    {
        "code": "TJ-PX-CL",
        "title": "策勒县送教下乡",
        "mode": "countryside",
        "field": "education",
        "party": "120000",
        "place": "653225",
        "start": dt.date(2021, 8, 1),
        "end": dt.date(2022, 6, 30),
        "trainees": 105,
        "trainee_group": "当地教师",
        "source": "山海同心谱新篇（样本报告001）",
    },
    {
        "code": "JS-2017-HG",
        "title": "淮安“团县融合”换岗学习",
        "mode": "placement",
        "field": "government",
        "party": "320000",
        "place": "654000",
        "start": dt.date(2017, 1, 1),
        "end": dt.date(2017, 6, 30),
        "trainees": 32,
        "organiser": "淮安工作组",
        "source": "江苏援伊工作简报2017年第21期（样本报告004）",
    },
]

TITLES = {
    "education": "教师培训班",
    "health": "医护人员进修",
    "government": "干部培训班",
    "ecommerce": "电商人才培训",
    "agriculture": "农业技术培训",
    "employment": "就业技能培训",
}
MODES = ["placement", "class", "online", "countryside"]


def make_seed_sessions() -> list:
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place
    from duikou.training.models import TrainingSession

    made = []
    for spec in SEED_SESSIONS:
        if TrainingSession.objects.filter(code=spec["code"]).exists():
            continue
        session = TrainingSession(
            code=spec["code"],
            title=spec["title"],
            mode=spec["mode"],
            field=spec["field"],
            aiding_party=AidingParty.objects.get(code=spec["party"]),
            place=Place.objects.get(code=spec["place"]),
            start_date=spec["start"],
            end_date=spec["end"],
            trainees=spec.get("trainees"),
            sessions=spec.get("sessions"),
            trainee_group=spec.get("trainee_group", ""),
            venue=spec.get("venue", ""),
            organiser=spec.get("organiser", ""),
            source=spec["source"],
        )
        session.full_clean()
        session.save()
        made.append(session)
    return made


@register
def make_training(ctx: DemoContext) -> None:
    if ctx.scale == "national":
        return
    from duikou.projects.demo import pairs_and_categories
    from duikou.training.models import TrainingSession

    if TrainingSession.objects.exclude(code__in=[s["code"] for s in SEED_SESSIONS]).exists():
        ctx.log("  training: already present, left as they are")
        return
    seeds = make_seed_sessions()
    rng = ctx.rng
    pairs, _categories = pairs_and_categories()
    pairs.sort(key=lambda pair: (pair[0].sort_order, pair[1].code))
    fields = sorted(TITLES)
    sessions = []
    for n in range(SCALE_SESSIONS[ctx.scale]):
        party, county = pairs[n % len(pairs)]
        field = fields[rng.randrange(len(fields))]
        year = rng.randint(2019, 2025)
        start = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        persons = rng.randint(10, 300)
        sessions.append(
            TrainingSession(
                code=f"PX-{party.code[:2]}-{year}-{n:05d}",
                title=f"{county.name}{TITLES[field]}",
                mode=MODES[rng.randrange(len(MODES))],
                field=field,
                aiding_party=party,
                place=county,
                start_date=start,
                end_date=start + dt.timedelta(days=rng.randint(0, 30)),
                year=year,
                sessions=rng.randint(1, 20),
                persons=persons,
                trainees=persons * rng.randint(1, 3),
                hours=rng.randint(8, 120),
            )
        )
    TrainingSession.objects.bulk_create(sessions, batch_size=1000)
    record_bulk_creation(sessions, source=SOURCE)
    ctx.made["training_sessions"] = len(sessions) + len(seeds)
    ctx.log(f"  training: {ctx.made['training_sessions']} sessions")
