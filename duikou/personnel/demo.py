"""Demo people: parties' cadres and professionals over three batches, flexible and retired
experts, repeat terms, early returns; and the seeds' figures, exactly:

- 山东: 累计选派3087名援疆人才 since 2017, of them 281 医疗卫生人员 and 1768 支教人员;
- 浙江: 2019年以来共选派援疆教师1181名;
- 湖北: 在岗援疆教师 240人 (on post today);
- 河北: 第十批 9名援疆干部 (arrived 2023-04);
- 江苏: 柔性引进紧缺人才 615人, 达成意向468人, 到岗252人 (one recruitment plan).

"tiny" (tests) makes a few people of two parties and no seed figures; "demo" makes hundreds
per party and the seed figures (`make_seed_figures`, which a test also runs by itself).
Deterministic from the context's random generator; inserted in bulk with creation entries.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register

SOURCE = "demo_data"
PER_BATCH = {"tiny": 4, "demo": 120}
TINY_PARTIES = ("320000", "110000")
SEED_PARTIES = ("370000", "330000", "420000", "130000")
# (number, start, end) of the three demo batches of every party.
BATCHES = [
    (9, dt.date(2019, 2, 1), dt.date(2022, 1, 31)),
    (10, dt.date(2022, 2, 1), dt.date(2025, 1, 31)),
    (11, dt.date(2025, 2, 1), dt.date(2028, 1, 31)),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志红玉文斌宇浩然晨阳思远佳怡"


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return rng.choice(SURNAMES) + given


def _paired_places() -> dict[int, list[Any]]:
    from duikou.pairings.models import Pairing

    places: dict[int, list[Any]] = {}
    for p in Pairing.objects.current().select_related("place").order_by("place__code"):
        places.setdefault(p.aiding_party_id, []).append(p.place)
    return places


class _Writer:
    """Collects persons and their terms, then writes them in bulk with creation entries."""

    def __init__(self) -> None:
        self.people: list[Any] = []
        self.terms: list[tuple[Any, Any]] = []  # (person, posting)
        self.counters: dict[int, int] = {}

    def person(self, party: Any, rng: random.Random, **fields: Any) -> Any:
        from duikou.personnel.choices import Sex
        from duikou.personnel.models import Person

        n = self.counters[party.pk] = self.counters.get(party.pk, 0) + 1
        person = Person(
            aiding_party=party,
            code=f"{party.code}-D{n:05d}",
            name=_name(rng),
            sex=rng.choice((Sex.MALE, Sex.MALE, Sex.FEMALE)),
            birth_year=rng.randint(1965, 1995),
            **fields,
        )
        self.people.append(person)
        return person

    def term(self, person: Any, **fields: Any) -> Any:
        from duikou.personnel.models import Posting

        posting = Posting(aiding_party=person.aiding_party, **fields)
        self.terms.append((person, posting))
        return posting

    def write(self) -> int:
        from duikou.personnel.models import Person, Posting

        Person.objects.bulk_create(self.people, batch_size=2000)
        record_bulk_creation(self.people, source=SOURCE)
        postings = []
        # Earlier terms first, so a repeat term's `previous` is saved before it.
        for person, posting in sorted(self.terms, key=lambda t: t[1].start):
            posting.person = person
            postings.append(posting)
        firsts = [p for p in postings if p.previous is None]
        repeats = [p for p in postings if p.previous is not None]
        Posting.objects.bulk_create(firsts, batch_size=2000)
        Posting.objects.bulk_create(repeats, batch_size=2000)
        record_bulk_creation(postings, source=SOURCE)
        Person.keep_places([p.pk for p in self.people])
        return len(postings)


def _party_terms(writer: _Writer, party: Any, places: list[Any], per_batch: int, rng) -> None:
    """Three batches of cadres and professionals, some flexible and retired experts; a few
    repeat terms (再援一届) and early returns."""
    from duikou.personnel.choices import Field, Kind, PostingStatus
    from duikou.personnel.models import Batch

    today = timezone.localdate()
    fields = [Field.TEACHER, Field.TEACHER, Field.DOCTOR, Field.AGRICULTURE, Field.ENGINEERING]
    batches = []
    for number, start, end in BATCHES:
        batch, _ = Batch.objects.get_or_create(
            aiding_party=party,
            number=number,
            defaults={"start": start, "end": end, "name": f"{party.short_name}第{number}批"},
        )
        batches.append(batch)
    previous_batch: list[Any] = []
    for batch in batches:
        this_batch = []
        for i in range(per_batch):
            place = places[i % len(places)]
            cadre = i % 4 == 0
            repeat = previous_batch[i] if i < len(previous_batch) and i % 17 == 3 else None
            if repeat and repeat[1].previous is not None:
                repeat = None  # one repeat term per person in the demo
            person = repeat[0] if repeat else writer.person(party, rng)
            status = PostingStatus.COMPLETED if batch.end < today else PostingStatus.ON_POST
            returned_on = None
            if i % 41 == 7 and batch.start < today:
                status = PostingStatus.RETURNED_EARLY
                returned_on = batch.start + dt.timedelta(days=rng.randint(90, 400))
            posting = writer.term(
                person,
                batch=batch,
                kind=Kind.CADRE if cadre else Kind.PROFESSIONAL,
                field=Field.ADMINISTRATION if cadre else fields[i % len(fields)],
                place=place,
                post="挂职副县长" if cadre and i % 20 == 0 else ("挂职干部" if cadre else ""),
                start=batch.start,
                end=batch.end,
                status=status,
                returned_on=returned_on,
                previous=repeat[1] if repeat else None,
            )
            if repeat:
                repeat[1].status = PostingStatus.COMPLETED
            if status != PostingStatus.RETURNED_EARLY:
                this_batch.append((person, posting))
        previous_batch = this_batch
    for i in range(max(1, per_batch // 10)):
        person = writer.person(party, rng)
        start = dt.date(2024, 3, 1) + dt.timedelta(days=30 * i)
        writer.term(
            person,
            kind=Kind.SILVER if i % 3 == 0 else Kind.FLEXIBLE,
            field=fields[i % len(fields)],
            place=places[i % len(places)],
            start=start,
            end=start + dt.timedelta(days=180),
            status=PostingStatus.COMPLETED
            if start + dt.timedelta(days=180) < today
            else PostingStatus.ON_POST,
        )


def make_seed_figures(today: dt.date | None = None, rng: random.Random | None = None) -> dict:
    """The seeds' people figures, entered as persons and terms (and one plan)."""
    from duikou.organisations.models import AidingParty
    from duikou.personnel.choices import Field, Kind, PlanStatus, PostingStatus
    from duikou.personnel.models import Batch, RecruitmentPlan
    from duikou.places.models import Place

    today = today or timezone.localdate()
    rng = rng or random.Random(20260101)
    parties = {p.code: p for p in AidingParty.objects.filter(code__in=[*SEED_PARTIES, "320000"])}
    places = _paired_places()
    writer = _Writer()

    def status(end: dt.date) -> str:
        return PostingStatus.COMPLETED if end < today else PostingStatus.ON_POST

    # 山东: 3087 selected since 2017 — 281 medical, 1768 teachers, the rest cadres and others.
    shandong = parties["370000"]
    sd_places = places[shandong.pk]
    plan = [(Field.DOCTOR, 281), (Field.TEACHER, 1768), (Field.ADMINISTRATION, 600)]
    plan.append((Field.AGRICULTURE, 3087 - sum(n for _f, n in plan)))
    i = 0
    for field, count in plan:
        for _ in range(count):
            start = dt.date(2017 + i % 9, 2 + i % 6, 1)
            end = start + dt.timedelta(days=365 * (1 + i % 3) - 1)
            writer.term(
                writer.person(shandong, rng),
                kind=Kind.CADRE if field == Field.ADMINISTRATION else Kind.PROFESSIONAL,
                field=field,
                place=sd_places[i % len(sd_places)],
                start=start,
                end=end,
                status=status(end),
            )
            i += 1
    # 浙江: 1181 teachers since 2019 (阿克苏).
    zhejiang = parties["330000"]
    zj_places = places[zhejiang.pk]
    for i in range(1181):
        start = dt.date(2019 + i % 7, 2 + i % 2 * 6, 1)
        end = start + dt.timedelta(days=365 + 365 * (i % 2) - 1)
        writer.term(
            writer.person(zhejiang, rng),
            kind=Kind.PROFESSIONAL,
            field=Field.TEACHER,
            place=zj_places[i % len(zj_places)],
            start=start,
            end=end,
            status=status(end),
        )
    # 湖北: 240 teachers on post today.
    hubei = parties["420000"]
    hb_places = places[hubei.pk]
    for i in range(240):
        start = today - dt.timedelta(days=1 + (i * 3) % 700)
        writer.term(
            writer.person(hubei, rng),
            kind=Kind.PROFESSIONAL,
            field=Field.TEACHER,
            place=hb_places[i % len(hb_places)],
            start=start,
            end=start + dt.timedelta(days=3 * 365),
            status=PostingStatus.ON_POST,
        )
    # 河北: 第十批, 9 cadres arrived in April 2023.
    hebei = parties["130000"]
    hb10, _ = Batch.objects.get_or_create(
        aiding_party=hebei,
        number=10,
        defaults={
            "name": "河北省第十批援疆干部人才",
            "start": dt.date(2023, 2, 1),
            "end": dt.date(2026, 1, 31),
        },
    )
    he_places = places[hebei.pk]
    for i in range(9):
        writer.term(
            writer.person(hebei, rng),
            batch=hb10,
            kind=Kind.CADRE,
            field=Field.ADMINISTRATION,
            place=he_places[i % len(he_places)],
            post="产业援疆挂职干部",
            start=dt.date(2023, 4, 1),
            end=hb10.end,
            status=status(hb10.end),
        )
    written = writer.write()
    # 江苏: one plan's three figures, 615 / 468 / 252.
    jiangsu = parties["320000"]
    ili = Place.objects.filter(code="654000").first() or places[jiangsu.pk][0]
    plan_obj = RecruitmentPlan.objects.create(
        title="柔性引进各类紧缺人才",
        aiding_party=jiangsu,
        place=ili,
        kind=Kind.FLEXIBLE,
        year=today.year,
        planned=615,
        intent=468,
        arrived=252,
        status=PlanStatus.ARRIVED,
        note="党政人才、经营管理人才和专业技术人才",
    )
    record_bulk_creation([plan_obj], source=SOURCE)
    return {"postings": written, "plan": plan_obj}


@register
def make_people(ctx: DemoContext) -> None:
    if ctx.scale == "national":
        return
    from duikou.organisations.models import AidingParty
    from duikou.personnel.models import Person

    if Person.objects.exists():
        ctx.log("  personnel: already present, left as they are")
        return
    places = _paired_places()
    parties = AidingParty.objects.order_by("sort_order")
    if ctx.scale == "tiny":
        parties = parties.filter(code__in=TINY_PARTIES)
    else:
        parties = parties.exclude(code__in=SEED_PARTIES)
    writer = _Writer()
    for party in parties:
        if places.get(party.pk):
            _party_terms(writer, party, places[party.pk], PER_BATCH[ctx.scale], ctx.rng)
    count = writer.write()
    if ctx.scale != "tiny":
        count += make_seed_figures(rng=ctx.rng)["postings"]
    ctx.made["postings"] = count
    ctx.log(f"  personnel: {len(writer.people)} persons, {count} terms")
