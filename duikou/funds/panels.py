"""What the funds app shows on the pages of aiding parties and projects."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duikou.core import panels
from duikou.core.scoping import can_edit, reads_related
from duikou.funds.compliance import compliance, sees_figures
from duikou.funds.forms import TransactionForm
from duikou.funds.models import Allocation, FundTransaction
from duikou.funds.services import project_money


@panels.register(
    "organisations.AidingParty", "funds/_party_compliance_block.html", order=5, slot="top"
)
def party_compliance(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    """The party's two-80 figures, for those who may see its fund figures."""
    if not sees_figures(request.user):
        return None
    results = compliance(request.user, party_id=party.pk)
    return {"results": results, "party": party} if results else None


@panels.register("projects.Project", "funds/_project_money.html", order=10)
def project_funds(request: HttpRequest, project: Any) -> dict[str, Any] | None:
    """A project's allocations and money flows. A published project is public, its money is
    not: the panel shows what the API shows, and nothing to those who may not read it."""
    user = request.user
    if not reads_related(user, FundTransaction, "project", project):
        return None
    return {
        "money": project_money(project),
        "allocations": Allocation.objects.visible_to(user)
        .filter(project=project)
        .select_related("plan__aiding_party"),
        "transactions": FundTransaction.objects.visible_to(user).filter(project=project)[:50],
        "transaction_form": TransactionForm() if can_edit(user, project) else None,
    }
