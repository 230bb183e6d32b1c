"""Fund pages: allocations, transactions, the two-80 table, statistics (the plan pages are
registered in pages.py)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duikou.core.columns import INTEGER, MONEY
from duikou.core.exports import PERCENT, OutColumn, table_response
from duikou.core.forms import error_summary
from duikou.core.templatetags.duikou import wan
from duikou.funds.compliance import compliance, counted_status_labels, rule_config, sees_figures
from duikou.funds.forms import AllocationForm, TransactionForm
from duikou.funds.models import FundPlan, PortfolioSummary
from duikou.funds.services import allocate, record_transaction
from duikou.organisations.models import AidingParty, party_named_q
from duikou.places.choices import Level
from duikou.projects.models import Category, Project
from duikou.projects.services import Refused


@login_required
@require_POST
def allocate_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(FundPlan.objects.visible_to(request.user), pk=pk)
    form = AllocationForm(request.POST)
    if form.is_valid():
        project = (
            Project.objects.visible_to(request.user)
            .filter(code=form.cleaned_data["project"])
            .first()
        )
        if project is None:
            messages.error(request, _("No project with this code."))
        else:
            try:
                allocate(
                    plan,
                    project,
                    form.cleaned_data["amount"],
                    request.user,
                    form.cleaned_data["note"],
                )
                messages.success(request, _("Allocated."))
            except Refused as refused:
                messages.error(request, " ".join(refused.messages))
    else:
        messages.error(request, error_summary(form))
    return HttpResponseRedirect(plan.get_absolute_url())


@login_required
@require_POST
def record(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_pk)
    form = TransactionForm(request.POST)
    if form.is_valid():
        try:
            record_transaction(project, user=request.user, **form.cleaned_data)
            messages.success(request, _("Recorded."))
        except Refused as refused:
            messages.error(request, " ".join(refused.messages))
    else:
        messages.error(request, error_summary(form))
    return HttpResponseRedirect(project.get_absolute_url())


# -- the two-80 rule ------------------------------------------------------------------------
def _names() -> dict[int, AidingParty]:
    return {p.pk: p for p in AidingParty.objects.all()}


def _year_param(request: HttpRequest) -> str:
    """The `year` filter, or "" with a message when it is not a year."""
    year = request.GET.get("year", "").strip()
    if year and not year.isdigit():
        messages.error(request, _("%(year)s is not a year; showing all years.") % {"year": year})
        return ""
    return year


def _ten_thousand(value: Any) -> Decimal | None:
    """Yuan as a number of 万元, for export cells in the unit the page shows."""
    return None if value is None else Decimal(value) / 10000


def _compliance_export(results: list[Any], parties: dict[int, AidingParty], fmt: str):
    def verdict(ok: bool | None) -> str:
        return "" if ok is None else (_("met") if ok else _("not met"))

    columns = [
        OutColumn(_("Aiding party"), None, width=16),
        OutColumn(_("Year"), None, INTEGER, width=8),
        OutColumn(_("Aid funds (10k yuan)"), None, MONEY, total=True, width=16),
        OutColumn(_("County level and below (10k yuan)"), None, MONEY, total=True, width=18),
        OutColumn(_("County-level share"), None, PERCENT, width=12),
        OutColumn(_("Livelihood (10k yuan)"), None, MONEY, total=True, width=16),
        OutColumn(_("Livelihood share"), None, PERCENT, width=12),
        OutColumn(_("Meets the rule"), None, width=12),
    ]
    ordered = sorted(
        results, key=lambda r: (parties[r.party].sort_order, parties[r.party].code, r.year)
    )
    rows = (
        [
            parties[r.party].short_name or parties[r.party].name,
            r.year,
            _ten_thousand(r.total),
            _ten_thousand(r.county_amount),
            r.county_share,
            _ten_thousand(r.livelihood_amount),
            r.livelihood_share,
            verdict(r.ok),
        ]
        for r in ordered
    )
    return table_response("two-80", columns, rows, fmt, title=str(_("The two 80 percent rule")))


@login_required
def compliance_table(request: HttpRequest) -> HttpResponse:
    """Every party × year the caller may see, with both shares and pass/fail."""
    if not sees_figures(request.user):
        raise PermissionDenied
    year = _year_param(request)
    results = compliance(request.user, year=int(year) if year else None)
    parties = _names()
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "csv"):
        return _compliance_export(results, parties, fmt)
    years = sorted({r.year for r in results})
    grid: dict[int, dict[int, Any]] = defaultdict(dict)
    for r in results:
        grid[r.party][r.year] = r
    rows = [
        (parties[pid], [grid[pid].get(y) for y in years])
        for pid in sorted(grid, key=lambda pid: (parties[pid].sort_order, parties[pid].code))
    ]
    context = {
        "years": years,
        "rows": rows,
        "levels": [
            str(label) for value, label in Level.choices if value in rule_config().county_levels
        ],
        "failing": sum(1 for r in results if r.ok is False),
        "counted_statuses": counted_status_labels(),
        "year": year,
        "export_query": urlencode({"year": year} if year else {}),
    }
    return render(request, "funds/compliance.html", context)


# -- statistics ------------------------------------------------------------------------------
STAT_FIELDS = ["projects", "budget_aid", "budget_total", "allocated", "disbursed", "spent"]


def statistics_rows(user: Any, params: dict[str, str]) -> list[dict[str, Any]]:
    """Party × category × year: project counts and amounts, from the summary table."""
    qs = PortfolioSummary.objects.visible_to(user)
    if params.get("year"):
        qs = qs.filter(year=params["year"])
    if params.get("party"):
        qs = qs.filter(party_named_q("aiding_party", params["party"]))
    grouped = (
        qs.values("aiding_party_id", "category_id", "year")
        .annotate(**{f: Sum(f) for f in STAT_FIELDS})
        .order_by()
    )
    parties = _names()
    categories = {c.pk: c for c in Category.objects.all()}
    rows = [
        {**g, "party": parties[g["aiding_party_id"]], "category": categories[g["category_id"]]}
        for g in grouped
    ]
    rows.sort(
        key=lambda r: (r["party"].sort_order, r["party"].code, r["year"], r["category"].sort_order)
    )
    return rows


def _statistics_html(rows: list[dict[str, Any]]) -> str:
    """The table body built in Python: thousands of cells render far faster than in a
    template loop, and every value is still escaped."""
    link = reverse("projects:list")
    return format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>"
        '<a href="{}?party={}&amp;year={}&amp;category={}&amp;counted=true">{}</a></td>'
        '<td class="text-end">{}</td><td class="text-end">{}</td>'
        '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td></tr>',
        (
            (
                r["party"].short_name or r["party"].name,
                r["year"],
                link,
                r["party"].code,
                r["year"],
                r["category"].code,
                r["category"].name,
                r["projects"],
                wan(r["budget_aid"]),
                wan(r["budget_total"]),
                wan(r["disbursed"]),
                wan(r["spent"]),
            )
            for r in rows
        ),
    )


def _statistics_export(rows: list[dict[str, Any]], fmt: str):
    """The page's table as a file: the same columns in the same order, amounts in 万元 as
    number cells, a totals row, widths and a Chinese sheet name (core/exports.py)."""
    columns = [
        OutColumn(_("Aiding party"), None, width=16),
        OutColumn(_("Year"), None, INTEGER, width=8),
        OutColumn(_("Category"), None, width=14),
        OutColumn(_("Projects"), None, INTEGER, total=True, width=10),
        OutColumn(_("Aid funds (10k yuan)"), None, MONEY, total=True, width=16),
        OutColumn(_("Total budget (10k yuan)"), None, MONEY, total=True, width=16),
        OutColumn(_("Allocated (10k yuan)"), None, MONEY, total=True, width=16),
        OutColumn(_("Disbursed (10k yuan)"), None, MONEY, total=True, width=16),
        OutColumn(_("Spent (10k yuan)"), None, MONEY, total=True, width=16),
    ]
    body = (
        [r["party"].short_name or r["party"].name, r["year"], r["category"].name, r["projects"]]
        + [_ten_thousand(r[f]) for f in STAT_FIELDS[1:]]
        for r in rows
    )
    return table_response("statistics", columns, body, fmt, title=str(_("Statistics")))


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    if not sees_figures(request.user):
        raise PermissionDenied
    params = {k: request.GET.get(k, "").strip() for k in ("year", "party")}
    params["year"] = _year_param(request)
    rows = statistics_rows(request.user, params)
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "csv"):
        return _statistics_export(rows, fmt)
    totals = {f: sum((r[f] for r in rows), Decimal(0)) for f in STAT_FIELDS}
    context = {
        "rows": rows,
        "table_rows": _statistics_html(rows),
        "totals": totals,
        "params": params,
        "parties": AidingParty.objects.all(),
        "export_query": urlencode({k: v for k, v in params.items() if v}),
        "counted_statuses": counted_status_labels(),
    }
    return render(request, "funds/statistics.html", context)
