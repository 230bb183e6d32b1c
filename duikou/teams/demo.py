"""Demo teams, alliances and mentorships: the seeds' passages, entered as records.

- 天津: the 组团式 medical team that founded 和田地区人民医院's eye department, and the
  津和眼科专科联盟 with 天津市眼科医院;
- 上海: 上海交通大学医学院附属第九人民医院 "以院包科" for 喀什第二人民医院's 口腔颌面外科;
- 江苏: "以校包系", 16 schools helping 伊犁丝路职业学院 and 伊犁职业技术学院 (8 each); and the
  江苏 medical expert with whom 克州人民医院's 许天宝 went from 3 heart operations to 20多种;
- 浙江: the "全链式" education 大组团 for 阿克苏 (幼儿园 to 大学);
- 天津 teacher 倪媛 at 策勒县第一小学: 14 结对 local teachers, 百余人次 trained, 10 public
  lessons;
- 山东: 4 county hospital teams (大/小/微组团), 512 (500余名) mentorships of 业务骨干 with a
  yearly assessment (考核激励), and 接诊近10万人次 (98,760), 手术1.2万台次 (12,000).

Mentors and members are persons of the personnel app: those its demo made (on post at the
time) when there are enough, otherwise persons and terms made here. The supporting schools'
and hospitals' names stand in for the real lists, which the seeds do not give.
Deterministic from the context's random generator; bulk records get creation entries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register

SOURCE = "demo_data"
SHANDONG_MENTEES = 512  # 500余名
SHANDONG_PATIENTS = 98760  # 近10万人次
SHANDONG_OPERATIONS = 12000  # 1.2万台次
NI_YUAN_MENTEES = 14

JIANGSU_SCHOOLS = [
    "南京工业职业技术大学",
    "常州信息职业技术学院",
    "无锡职业技术学院",
    "苏州工业职业技术学院",
    "江苏农林职业技术学院",
    "南京信息职业技术学院",
    "江苏经贸职业技术学院",
    "扬州工业职业技术学院",
    "南通职业大学",
    "江苏食品药品职业技术学院",
    "徐州工业职业技术学院",
    "常州机电职业技术学院",
    "江苏海事职业技术学院",
    "南京交通职业技术学院",
    "无锡商业职业技术学院",
    "江苏建筑职业技术学院",
]
ZHEJIANG_SCHOOLS = ["浙江师范大学", "杭州第二中学", "宁波市实验小学", "杭州市西湖幼儿园"]
SHANDONG_COUNTIES = [  # (county code, name, team model, supporting hospital)
    ("653122", "疏勒县", "large", "山东大学齐鲁医院"),
    ("653123", "英吉沙县", "small", "山东省立医院"),
    ("653127", "麦盖提县", "small", "青岛大学附属医院"),
    ("653128", "岳普湖县", "micro", "山东第一医科大学第一附属医院"),
]
SURNAMES = "阿买吐艾热古努帕迪再依米"
GIVEN = ["古丽", "江", "尔", "提", "沙", "木", "拉", "克", "孜", "尼", "热", "汗", "娜", "依"]


def _local_name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((2, 3))))


def _org(code: str, name: str, kind: str, *, party=None, place_code: str | None = None):
    from duikou.organisations.models import Organisation
    from duikou.places.models import Place

    org, _ = Organisation.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": kind,
            "aiding_party": party,
            "place": Place.objects.get(code=place_code) if place_code else None,
        },
    )
    return org


class _People:
    """Persons sent, found among those the personnel demo made, or made here."""

    def __init__(self, rng) -> None:
        self.rng = rng
        self.used: set[int] = set()

    def on_post(self, party, field: str, n: int, on: dt.date, place_prefix: str = "") -> list:
        """Up to `n` postings of the party's `field` people on post from `on` for at least
        150 days (so a mentorship may start within the next months), one per person."""
        from duikou.personnel.models import Posting

        qs = (
            Posting.objects.on_post(on)
            .filter(pk__in=Posting.objects.on_post(on + dt.timedelta(days=150)).values("pk"))
            .filter(aiding_party=party, field=field)
            .exclude(person_id__in=self.used)
            .select_related("person", "place")
            .order_by("person__code", "start")
        )
        if place_prefix:
            qs = qs.filter(place__path__startswith=place_prefix)
        found, seen = [], set()
        for posting in qs[: n * 3]:
            if posting.person_id not in seen:
                seen.add(posting.person_id)
                found.append(posting)
            if len(found) == n:
                break
        self.used |= seen
        return found

    def make(
        self,
        party,
        name: str,
        field: str,
        place,
        start: dt.date,
        end: dt.date,
        *,
        unit=None,
        post: str = "",
    ) -> Any:
        """A named person and their term (found again by party and name when present)."""
        from duikou.personnel.choices import Kind, PostingStatus
        from duikou.personnel.models import Batch, Person, Posting

        person = Person.objects.filter(aiding_party=party, name=name).order_by("code").first()
        if person is None:
            person = Person.objects.create(aiding_party=party, name=name, sex="")
        posting = (
            Posting.objects.on_post(start).filter(person=person).select_related("place").first()
        )
        if posting is None:
            batch = Batch.objects.filter(
                aiding_party=party, start__lte=start, end__gte=start
            ).first()
            posting = Posting.objects.create(
                person=person,
                batch=batch,
                kind=Kind.PROFESSIONAL,
                field=field,
                place=place,
                unit=unit,
                post=post,
                start=start,
                end=end,
                status=PostingStatus.COMPLETED if end < dt.date.today() else PostingStatus.ON_POST,
            )
        self.used.add(person.pk)
        return posting

    def some(self, party, field: str, n: int, place, start: dt.date, end: dt.date, label: str):
        """Up to `n` persons on post on `start`: the personnel demo's when it made any (so its
        figures — 山东's 3087 sent — stay as they are), otherwise `n` made here."""
        found = self.on_post(party, field, n, start + dt.timedelta(days=1))
        if found:
            return found
        for i in range(n):
            found.append(self.make(party, f"{label}{i + 1:02d}", field, place, start, end))
        return found


def _team(
    code: str,
    name: str,
    party,
    institution,
    model: str,
    sector: str,
    departments: str,
    start: dt.date,
    supporting: list,
) -> Any:
    from duikou.teams.models import Team

    team = Team.objects.create(
        code=code,
        name=name,
        aiding_party=party,
        institution=institution,
        model=model,
        sector=sector,
        departments=departments,
        start=start,
    )
    team.supporting_institutions.set(supporting)
    return team


def _member(team, posting, role: str) -> None:
    from duikou.teams.models import TeamMember

    member = TeamMember(
        team=team,
        person=posting.person,
        role=role,
        start=max(team.start, posting.start),
        end=posting.end,
    )
    member.full_clean()
    member.save()


@register
def make_teams(ctx: DemoContext) -> None:
    if ctx.scale == "national":
        return
    from duikou.organisations.choices import OrganisationKind as K
    from duikou.organisations.models import AidingParty
    from duikou.personnel.choices import Field
    from duikou.places.models import Place
    from duikou.teams.models import Alliance, Assessment, Outcome, ServiceFigure, Team

    if Team.objects.exists():
        ctx.log("  teams: already present, left as they are")
        return
    rng = ctx.rng
    party = {p.code: p for p in AidingParty.objects.all()}
    tj, sh, js, zj, sd = (party[c] for c in ("120000", "310000", "320000", "330000", "370000"))
    place = {
        p.code: p
        for p in Place.objects.filter(
            code__in=[
                "653200",
                "653225",
                "653100",
                "653000",
                "654002",
                "652900",
                "653122",
                "653123",
                "653127",
                "653128",
            ]
        )
    }
    people = _People(rng)

    # 天津: the eye department of 和田地区人民医院 and the 津和眼科专科联盟.
    hetian = _org("HOSP-653200-RMYY", "和田地区人民医院", K.HOSPITAL, place_code="653200")
    tj_eye = _org("HOSP-120000-YKYY", "天津市眼科医院", K.HOSPITAL, party=tj)
    tj_team = _team(
        "TJ-HTDQ-YK",
        "天津医疗人才“组团式”援疆团队（和田地区人民医院眼科）",
        tj,
        hetian,
        "hospital_department",
        "medical",
        "眼科",
        dt.date(2017, 8, 1),
        [tj_eye],
    )
    start = dt.date(2022, 2, 1)
    for i, posting in enumerate(
        people.some(
            tj, Field.DOCTOR, 4, place["653200"], start, dt.date(2025, 1, 31), "天津援疆眼科医生"
        )
    ):
        _member(tj_team, posting, "领队" if i == 0 else "队员")
    Alliance.objects.create(
        name="津和眼科专科联盟",
        aiding_party=tj,
        aiding_institution=tj_eye,
        recipient_institution=hetian,
        specialty="眼科",
        team=tj_team,
        founded=dt.date(2018, 5, 1),
        note="天津市眼科医院与和田地区人民医院结成，为当地白内障患者带来光明。",
    )

    # 上海九院 以院包科 for 喀什二院 口腔颌面外科.
    kashi2 = _org("HOSP-653100-EY", "喀什地区第二人民医院", K.HOSPITAL, place_code="653100")
    jiuyuan = _org("HOSP-310000-JY", "上海交通大学医学院附属第九人民医院", K.HOSPITAL, party=sh)
    sh_team = _team(
        "SH-KSEY-KQ",
        "上海九院“以院包科”喀什二院口腔颌面外科团队",
        sh,
        kashi2,
        "hospital_department",
        "medical",
        "口腔颌面外科",
        dt.date(2019, 1, 1),
        [jiuyuan],
    )
    liu = people.make(
        sh,
        "刘凯",
        Field.DOCTOR,
        place["653100"],
        dt.date(2023, 2, 1),
        dt.date(2026, 1, 31),
        unit=kashi2,
        post="口腔颅颌面科医生",
    )
    _member(sh_team, liu, "队员")

    # 江苏 以校包系: 16 schools for two colleges.
    schools = [
        _org(f"SCH-320000-{i + 1:02d}", name, K.SCHOOL, party=js)
        for i, name in enumerate(JIANGSU_SCHOOLS)
    ]
    for code, name, helpers in (
        ("SCH-654002-SL", "伊犁丝路职业学院", schools[:8]),
        ("SCH-654002-ZY", "伊犁职业技术学院", schools[8:]),
    ):
        college = _org(code, name, K.SCHOOL, place_code="654002")
        _team(
            f"JS-{code[-2:]}-XB",
            f"江苏“以校包系”教育组团（{name}）",
            js,
            college,
            "school_department",
            "education",
            "专业系部",
            dt.date(2020, 9, 1),
            helpers,
        )

    # 江苏 medical expert and 许天宝 of 克州人民医院: 3 → 20多种 heart operations.
    kezhou = _org(
        "HOSP-653000-RMYY", "克孜勒苏柯尔克孜自治州人民医院", K.HOSPITAL, place_code="653000"
    )
    js_team = _team(
        "JS-KZ-XXG",
        "江苏医疗援疆专家团队（克州人民医院）",
        js,
        kezhou,
        "small",
        "medical",
        "心血管内科",
        dt.date(2019, 2, 1),
        [],
    )
    start = dt.date(2019, 3, 1)
    mentor = people.some(
        js,
        Field.DOCTOR,
        1,
        place["653000"],
        start - dt.timedelta(days=28),
        dt.date(2022, 1, 31),
        "江苏医疗援疆专家",
    )[0]
    _member(js_team, mentor, "心血管专家")
    xu = _mentee("MT-320000-00001", "许天宝", js, kezhou, "心血管二科主任")
    xu_ship = _mentorship(
        mentor.person, xu, js_team, max(start, mentor.start), "独立开展心脏介入手术"
    )
    for year, result in ((2019, "good"), (2020, "excellent")):
        Assessment.objects.create(
            mentorship=xu_ship, date=dt.date(year, 12, 20), result=result, note="年度考核"
        )
    Outcome.objects.create(
        mentorship=xu_ship,
        kind="surgeries",
        description="心脏手术",
        before=3,
        after=20,
        after_is_minimum=True,
        unit="种",
        as_of=dt.date(2021, 6, 30),
        note="原来只能做3种心脏手术，现在可以独立做20多种手术。",
    )

    # 浙江 全链式 education 大组团.
    aksu = _org("GOV-652900-JYJ", "阿克苏地区教育局", K.OTHER, place_code="652900")
    _team(
        "ZJ-AKS-QLS",
        "浙江“全链式”教育援疆大组团",
        zj,
        aksu,
        "large",
        "education",
        "幼儿园、小学、初中、高中、大学；基础、职业、特殊、高等教育",
        dt.date(2019, 1, 1),
        [
            _org(f"SCH-330000-{i + 1:02d}", n, K.SCHOOL, party=zj)
            for i, n in enumerate(ZHEJIANG_SCHOOLS)
        ],
    )

    # 天津 teacher 倪媛 at 策勒县第一小学: 14 结对 teachers, 百余人次 trained, 10 public lessons.
    cele = _org("SCH-653225-YX", "策勒县第一小学", K.SCHOOL, place_code="653225")
    ni = people.make(
        tj,
        "倪媛",
        Field.TEACHER,
        place["653225"],
        dt.date(2024, 8, 1),
        dt.date(2027, 7, 31),
        unit=cele,
        post="副校长",
    )
    for i in range(NI_YUAN_MENTEES):
        mentee = _mentee(f"MT-120000-{i + 1:05d}", _local_name(rng), tj, cele, "教师")
        _mentorship(ni.person, mentee, None, dt.date(2024, 9, 1), "提升教学水平")
    Outcome.objects.create(
        person=ni.person,
        kind="mentees",
        description="帮助结对的当地教师提升教学水平",
        after=NI_YUAN_MENTEES,
        unit="名",
        as_of=dt.date(2025, 6, 30),
    )
    ServiceFigure.objects.create(
        person=ni.person,
        period_start=dt.date(2024, 8, 1),
        period_end=dt.date(2025, 6, 30),
        trained=100,
        public_lessons=10,
        note="累计培训教师百余人次，执教公开课10节",
    )

    _shandong(ctx, sd, place, people)
    ctx.log(f"  teams: {Team.objects.count()} teams, {Alliance.objects.count()} alliance(s)")


def _mentee(code, name, party, institution, post):
    from duikou.teams.models import Mentee

    return Mentee.objects.create(
        code=code, name=name, aiding_party=party, institution=institution, post=post
    )


def _mentorship(mentor, mentee, team, start, goals):
    from duikou.teams.models import Mentorship

    m = Mentorship(mentor=mentor, mentee=mentee, team=team, start=start, goals=goals)
    m.full_clean()
    m.save()
    return m


def _shandong(ctx: DemoContext, sd, place, people: _People) -> None:
    """山东's four county hospital teams, 512 mentorships with yearly assessments, and the
    teams' yearly service figures summing to 98,760 patients and 12,000 operations."""
    from duikou.organisations.choices import OrganisationKind as K
    from duikou.personnel.choices import Field
    from duikou.teams.models import Assessment, Mentee, Mentorship, ServiceFigure

    rng = ctx.rng
    start = dt.date(2022, 2, 1)
    mentors = people.some(
        sd, Field.DOCTOR, 32, place["653122"], start, dt.date(2025, 1, 31), "山东援疆医生"
    )
    teams, hospitals = [], []
    for code, county, model, helper in SHANDONG_COUNTIES:
        hospital = _org(f"HOSP-{code}-RMYY", f"{county}人民医院", K.HOSPITAL, place_code=code)
        own = _org(f"HOSP-370000-{code[-3:]}", helper, K.HOSPITAL, party=sd)
        team = _team(
            f"SD-{code}-YL",
            f"山东医疗“组团式”援疆（{county}人民医院）",
            sd,
            hospital,
            model,
            "medical",
            "内科、外科、妇产科、儿科",
            dt.date(2017, 2, 1),
            [own],
        )
        teams.append(team)
        hospitals.append(hospital)
    for i, posting in enumerate(mentors):
        _member(teams[i % 4], posting, "专家")
    mentees, ships = [], []
    for n in range(SHANDONG_MENTEES):
        k = n % 4
        mentees.append(
            Mentee(
                code=f"MT-370000-{n + 1:05d}",
                name=_local_name(rng),
                aiding_party=sd,
                institution=hospitals[k],
                post=rng.choice(["住院医师", "主治医师", "护士长", "科室骨干"]),
            )
        )
    Mentee.objects.bulk_create(mentees)
    for n, mentee in enumerate(mentees):
        posting = mentors[n % len(mentors)]
        begin = max(posting.start, start) + dt.timedelta(days=30 + n % 60)
        ships.append(
            Mentorship(
                code=f"{posting.person.code}/{mentee.code}/{begin:%Y%m}",
                mentor=posting.person,
                mentee=mentee,
                team=teams[n % 4],
                start=begin,
                end=posting.end,
                goals="青蓝工程：手把手传帮带",
            )
        )
    Mentorship.objects.bulk_create(ships)
    results = ["excellent", "good", "good", "pass", "pass", "fail"]
    assessments = [
        Assessment(
            mentorship=m,
            date=m.start + dt.timedelta(days=330),
            result=rng.choice(results),
            note="年度考核",
        )
        for m in ships
    ]
    Assessment.objects.bulk_create(assessments)
    record_bulk_creation([*mentees, *ships, *assessments], source=SOURCE)
    # Yearly figures per team, 2019–2023, summing exactly to the seed's totals.
    cells = [(t, y) for t in teams for y in range(2019, 2024)]
    patients = _split(SHANDONG_PATIENTS, len(cells), rng)
    operations = _split(SHANDONG_OPERATIONS, len(cells), rng)
    for (team, year), p, o in zip(cells, patients, operations, strict=True):
        ServiceFigure.objects.create(
            team=team,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            patients_seen=p,
            operations=o,
            new_techniques=rng.randint(1, 6),
            trained=rng.randint(80, 300),
        )


def _split(total: int, parts: int, rng) -> list[int]:
    """`total` in `parts` whole shares of roughly equal size."""
    weights = [rng.randint(80, 120) for _ in range(parts)]
    shares = [total * w // sum(weights) for w in weights]
    shares[-1] += total - sum(shares)
    return shares
