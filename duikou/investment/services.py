"""The pipeline's workflow and the figures read from the records: the funnel, 全域协作 credit
per party, park totals and jobs by period.

How the funnel counts (the 山东 report's "共对接洽谈项目270个，已建成投产项目17个…；开工建设
项目17个…；签约落地项目50个…"): every lead has *reached* 洽谈; a lead has reached a later
stage when it has that stage's date, whatever happened after (a lead terminated after signing
has reached 签约). `reached` is the cumulative funnel (≥ stage); `at` is where the leads stand
now. The report's 270 is the total (reached 洽谈), and its 50 / 17 / 17 are the leads *now at*
签约 / 开工 / 投产 — tiers, as its "落户一批、签约一批、储备一批" says, and the two 17s carry
different totals (4.23 and 16.24 亿元), so they cannot be the same leads. Each stage's amount
is the one the stage records: 洽谈 the planned investment, 签约 the contracted amount (签约额),
开工 the funds in place (到位资金), 投产 the cumulative investment (累计投资).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy

from duikou.core.roles import Role
from duikou.core.scoping import Scope, can_edit
from duikou.core.workflow import Actor, Need, Step, Workflow
from duikou.investment.choices import PIPELINE, STAGE_AMOUNT, STAGE_DATE, Stage
from duikou.investment.models import Lead, ParkEntry

ZERO = Decimal("0")


# -- workflow --------------------------------------------------------------------------------
def _acts_for_the_broker(user: Any, lead: Lead) -> bool:
    return Scope.of(user).role in (Role.HQ, Role.WORK_GROUP, Role.ADMIN) and can_edit(user, lead)


BROKER = Actor(
    "broker",
    gettext_lazy("the brokering aiding party (headquarters or work group)"),
    _acts_for_the_broker,
)


def _terminate(source: str) -> Step:
    return Step(
        source,
        Stage.TERMINATED,
        BROKER,
        gettext_lazy("Terminate"),
        needs=frozenset({Need.OPINION}),
        confirm=True,
    )


# 洽谈 → 签约 → 开工 → 投产; each move asks for its stage's date and amount; 终止 for a reason.
PIPELINE_FLOW = Workflow(
    "investment.Lead",
    field="stage",
    moves=[
        Step(
            Stage.TALKS,
            Stage.SIGNED,
            BROKER,
            gettext_lazy("Contract signed"),
            date_field="signed_on",
            amount_field="signed_amount",
        ),
        Step(
            Stage.SIGNED,
            Stage.STARTED,
            BROKER,
            gettext_lazy("Construction started"),
            date_field="started_on",
            amount_field="funds_in_place",
        ),
        Step(
            Stage.STARTED,
            Stage.PRODUCING,
            BROKER,
            gettext_lazy("In production"),
            date_field="producing_on",
            amount_field="invested_total",
        ),
        *(_terminate(stage) for stage in PIPELINE),
    ],
)


# -- the funnel ------------------------------------------------------------------------------
@dataclass
class FunnelStage:
    stage: str
    label: Any
    reached: int = 0
    reached_amount: Decimal = ZERO
    at: int = 0
    at_amount: Decimal = ZERO


@dataclass
class Funnel:
    stages: list[FunnelStage]
    terminated: int = 0
    total: int = 0
    cross_pairing: int = 0

    def stage(self, stage: str) -> FunnelStage:
        return next(s for s in self.stages if s.stage == stage)

    def chart(self) -> list[dict[str, Any]]:
        """For the ECharts funnel: one item per stage, count and amount (万元)."""
        return [
            {
                "name": str(s.label),
                "value": s.reached,
                "amount": float(s.reached_amount / 10000),
                "at": s.at,
            }
            for s in self.stages
        ]


def _aggregates() -> dict[str, Any]:
    aggs: dict[str, Any] = {
        "total": Count("pk"),
        "terminated": Count("pk", filter=Q(stage=Stage.TERMINATED)),
        "cross": Count("pk", filter=Q(is_cross_pairing=True)),
    }
    for stage in PIPELINE:
        reached = Q(**{f"{STAGE_DATE[stage]}__isnull": False})
        amount = STAGE_AMOUNT[stage]
        aggs[f"r_{stage}"] = Count("pk", filter=reached)
        aggs[f"ra_{stage}"] = Sum(amount, filter=reached)
        aggs[f"a_{stage}"] = Count("pk", filter=Q(stage=stage))
        aggs[f"aa_{stage}"] = Sum(amount, filter=Q(stage=stage))
    return aggs


def _funnel_from(row: dict[str, Any]) -> Funnel:
    return Funnel(
        stages=[
            FunnelStage(
                stage,
                Stage(stage).label,
                reached=row.get(f"r_{stage}") or 0,
                reached_amount=row.get(f"ra_{stage}") or ZERO,
                at=row.get(f"a_{stage}") or 0,
                at_amount=row.get(f"aa_{stage}") or ZERO,
            )
            for stage in PIPELINE
        ],
        terminated=row.get("terminated") or 0,
        total=row.get("total") or 0,
        cross_pairing=row.get("cross") or 0,
    )


def funnel(leads: QuerySet) -> Funnel:
    """The funnel of these leads (one query): each lead once, whoever is credited."""
    return _funnel_from(leads.order_by().aggregate(**_aggregates()))


def funnel_by(leads: QuerySet, *keys: str) -> dict[tuple, Funnel]:
    """The funnel per value of `keys` (e.g. "place", "year"), in one GROUP BY query."""
    rows = leads.order_by().values(*keys).annotate(**_aggregates())
    return {tuple(row[k] for k in keys): _funnel_from(row) for row in rows}


def funnel_by_party_year(leads: QuerySet) -> dict[tuple[int, int], Funnel]:
    """The funnel per credited party and year: a party's own leads, plus the cross-pairing
    work of other parties in its paired places (全域协作, credited to both). Two GROUP BY
    queries; a lead credited to two parties is in both of their rows, so these rows are not
    to be summed — a national figure is `funnel(leads)`."""
    result = funnel_by(leads, "aiding_party", "year")
    credited = funnel_by(
        leads.filter(is_cross_pairing=True, paired_party__isnull=False), "paired_party", "year"
    )
    for key, extra in credited.items():
        if key not in result:
            result[key] = extra
            continue
        own = result[key]
        own.total += extra.total
        own.terminated += extra.terminated
        own.cross_pairing += extra.cross_pairing
        for mine, theirs in zip(own.stages, extra.stages, strict=True):
            mine.reached += theirs.reached
            mine.reached_amount += theirs.reached_amount
            mine.at += theirs.at
            mine.at_amount += theirs.at_amount
    return result


def credited_q(party_ids: Any) -> Q:
    """Leads credited to these parties: brokered by them, or others' cross-pairing work in
    places paired with them."""
    return Q(aiding_party__in=party_ids) | Q(is_cross_pairing=True, paired_party__in=party_ids)


# -- 全域协作 per party ------------------------------------------------------------------------
@dataclass
class CrossPairingRow:
    party: Any
    brokered: int = 0  # cross-pairing leads it brokered in others' places
    brokered_signed: Decimal = ZERO
    hosted: int = 0  # others' cross-pairing leads in its paired places
    hosted_signed: Decimal = ZERO
    partners: set[str] = field(default_factory=set)


def cross_pairing_table(leads: QuerySet) -> list[CrossPairingRow]:
    """Per party: the cross-pairing work it brokered elsewhere and the work others brought to
    its paired places, with the contracted amounts and the other parties named."""
    from duikou.organisations.models import AidingParty

    cross = leads.filter(is_cross_pairing=True).order_by()
    rows: dict[int, CrossPairingRow] = {}
    parties = {p.pk: p for p in AidingParty.objects.all()}

    def row(pid: int) -> CrossPairingRow:
        return rows.setdefault(pid, CrossPairingRow(parties[pid]))

    for broker, paired, n, signed in cross.values_list("aiding_party", "paired_party").annotate(
        n=Count("pk"), signed=Sum("signed_amount")
    ):
        if broker is not None:
            r = row(broker)
            r.brokered += n
            r.brokered_signed += signed or ZERO
            if paired is not None:
                r.partners.add(parties[paired].short_name)
        if paired is not None:
            r = row(paired)
            r.hosted += n
            r.hosted_signed += signed or ZERO
            if broker is not None:
                r.partners.add(parties[broker].short_name)
    return sorted(rows.values(), key=lambda r: (r.party.sort_order, r.party.code))


# -- parks and jobs --------------------------------------------------------------------------
def park_totals(entries: QuerySet) -> dict[str, Any]:
    """Enterprises located (present now), jobs and investment of these park entries."""
    data = entries.order_by().aggregate(
        enterprises=Count("enterprise", distinct=True, filter=Q(left_on__isnull=True)),
        jobs=Sum("jobs", filter=Q(left_on__isnull=True)),
        investment=Sum("investment"),
    )
    return {
        "enterprises": data["enterprises"] or 0,
        "jobs": data["jobs"] or 0,
        "investment": data["investment"] or ZERO,
    }


def park_timeline(entries: QuerySet) -> list[dict[str, Any]]:
    """Per year: enterprises located and jobs added that year, and the running totals."""
    rows = (
        entries.order_by()
        .annotate(y=ExtractYear("entered_on"))
        .values("y")
        .annotate(enterprises=Count("pk"), jobs=Sum("jobs"), investment=Sum("investment"))
        .order_by("y")
    )
    total_e = total_j = 0
    out = []
    for r in rows:
        total_e += r["enterprises"]
        total_j += r["jobs"] or 0
        out.append({**r, "year": r["y"], "enterprises_total": total_e, "jobs_total": total_j})
    return out


def jobs_year(lead: Lead) -> int:
    """The period a lead's jobs are counted in: the year of the latest stage it reached."""
    return getattr(lead, STAGE_DATE[lead.reached]).year


def employment(leads: QuerySet, entries: QuerySet, results: QuerySet | None = None) -> list[dict]:
    """Direct jobs by year, counted once: a lead's jobs in the year of its latest stage, a park
    entry's in the year it located — unless it came from a lead, whose jobs already count.
    Projects' "带动就业" results (driven employment) stay a column of their own."""
    by_year: dict[int, dict[str, int]] = defaultdict(
        lambda: {"leads": 0, "local": 0, "parks": 0, "driven": 0}
    )
    for lead in leads.filter(jobs_created__gt=0).only(
        *STAGE_DATE.values(), "jobs_created", "jobs_local"
    ):
        bucket = by_year[jobs_year(lead)]
        bucket["leads"] += lead.jobs_created
        bucket["local"] += lead.jobs_local
    for row in (
        entries.filter(lead__isnull=True)
        .order_by()
        .annotate(y=ExtractYear("entered_on"))
        .values("y")
        .annotate(jobs=Sum("jobs"), local=Sum("local_jobs"))
    ):
        by_year[row["y"]]["parks"] += row["jobs"] or 0
        by_year[row["y"]]["local"] += row["local"] or 0
    if results is not None:
        for row in (
            results.filter(indicator__contains="就业")
            .order_by()
            .values("project__plan_year")
            .annotate(n=Sum("achieved"))
        ):
            by_year[row["project__plan_year"]]["driven"] += int(row["n"] or 0)
    return [
        {"year": year, **v, "direct": v["leads"] + v["parks"]}
        for year, v in sorted(by_year.items())
    ]


def jobs_total(leads: QuerySet, entries: QuerySet) -> int:
    """Direct jobs of these leads and park entries, each job counted once."""
    from_leads = leads.order_by().aggregate(n=Sum("jobs_created"))["n"] or 0
    lone = entries.filter(lead__isnull=True).order_by().aggregate(n=Sum("jobs"))["n"] or 0
    return from_leads + lone


def approx_wan(count: int) -> str:
    """A head count as the reports write it: 37215 → "3.7万" (rounded down), 700 → "700"."""
    if count < 10000:
        return f"{count}"
    tenths = count // 1000
    return f"{tenths // 10}.{tenths % 10}万" if tenths % 10 else f"{tenths // 10}万"


def move_lead(lead: Lead, target: str, user: Any, **details: Any) -> Lead:
    """Move a lead along the pipeline (pages and the API alike)."""
    return PIPELINE_FLOW.move(lead, target, user, **details)


__all__ = ["PIPELINE_FLOW", "ParkEntry", "funnel", "funnel_by_party_year", "move_lead"]
