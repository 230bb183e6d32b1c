"""The whole REST API fuzzed with schemathesis: no server error and every answer as documented.

Each operation of the OpenAPI schema (/api/schema/) gets a bounded, derandomized run of
generated requests (valid ones and ones that break the schema), sent in-process to the Django
WSGI application with a coordinator's and a work group's API token. Every response must not
be a 5xx and must conform to the schema: a documented status code, the documented content
type, and a body matching the documented schema.

A share of the valid requests name records that exist (the ids in the path; the projects,
plans, parties, places and categories a body refers to), so that requests get past "not
found" and exercise the rules behind it.

Each request runs in an atomic block (a savepoint) that is always rolled back, inside the
test's own transaction (pytest-django), so examples do not depend on each other and the
database is left as it was.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, connection, models, transaction
from django.db.models import ProtectedError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from duikou.funds.models import Allocation, FundPlan, FundTransaction
from duikou.organisations.models import Organisation
from duikou.pairings.models import Pairing
from duikou.projects.models import Category, Project
from duikou.projects.tests.factories import START, make_allocation, make_plan, make_project

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db]

EXAMPLES_PER_OPERATION = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Reproducible and bounded: a fixed seed (derandomize), no example database, no shrinking (a
# failure is reported as generated, with its curl command), no deadline (the first request of
# an operation warms caches).
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)


@pytest.fixture
def in_process_requests(db) -> Iterator[None]:
    """Keep Django from closing the connection at the end of each in-process request.

    The WSGI handler closes "old" connections when a request starts and finishes; inside the
    test's transaction that would close the connection in the middle of it. Django's own test
    client disconnects the same receiver for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def quiet_client_errors() -> Iterator[None]:
    """Thousands of expected 4xx answers would each log a warning; server errors still log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def api_schema(settings, in_process_requests, quiet_client_errors):
    """The schema as the API serves it, bound to the WSGI application."""
    from duikou.wsgi import application

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, schemathesis.python.wsgi.HOST]
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


def _some(queryset, field: str = "pk") -> list[Any]:
    return list(queryset.order_by("pk").values_list(field, flat=True)[:5])


@pytest.fixture
def records(db) -> dict[str, list[Any]]:
    """A few records of every kind in the work group's own county, and what exists already."""
    project = make_project()
    plan = make_plan()
    make_allocation(plan, project, "100000")
    FundTransaction.objects.create(project=project, kind="disbursement", date=START, amount="50000")
    return {
        "project_ids": _some(Project.objects),
        "project_codes": _some(Project.objects, "code"),
        "plan_ids": _some(FundPlan.objects),
        "allocation_ids": _some(Allocation.objects),
        "transaction_ids": _some(FundTransaction.objects),
        "organisation_ids": _some(Organisation.objects.filter(code__startswith="WG-320000")),
        "pairing_ids": _some(Pairing.objects.filter(aiding_party__code="320000")),
        "party_codes": ["320000", "110000"],
        "place_codes": ["654021", "653221", "654000", "650000"],
        "category_codes": _some(Category.objects, "code"),
    }


# Which existing records a path parameter names, by operation path prefix (and their model,
# whose stored `version` an update then sends, so that it gets past the stale-edit check).
PATH_RECORDS: dict[str, tuple[str, type[models.Model] | None]] = {
    "/api/v1/projects/": ("project_ids", Project),
    "/api/v1/fund-plans/": ("plan_ids", FundPlan),
    "/api/v1/allocations/": ("allocation_ids", Allocation),
    "/api/v1/transactions/": ("transaction_ids", FundTransaction),
    "/api/v1/organisations/": ("organisation_ids", Organisation),
    "/api/v1/pairings/": ("pairing_ids", Pairing),
    "/api/v1/parties/": ("party_codes", None),
    "/api/v1/places/": ("place_codes", None),
}
# Which existing records a body field names.
BODY_REFERENCES = {
    "project": "project_codes",
    "plan": "plan_ids",
    "aiding_party": "party_codes",
    "place": "place_codes",
    "category": "category_codes",
    "parent": "organisation_ids",
}


def with_existing_records(operation, records: dict[str, list[Any]]) -> st.SearchStrategy:
    """Valid requests whose path and body name existing records (where the schema has them)."""
    path_values: dict[str, st.SearchStrategy] = {}
    model = None
    prefix = next((p for p in PATH_RECORDS if operation.path.startswith(p)), None)
    if "{" in operation.path and prefix is not None:
        name = operation.path.split("{")[1].split("}")[0]
        key, model = PATH_RECORDS[prefix]
        path_values[name] = st.sampled_from(records[key])
    body_values = {name: st.sampled_from(records[key]) for name, key in BODY_REFERENCES.items()}
    updates = operation.method.upper() in ("PUT", "PATCH")

    def build(case, path: dict[str, Any], body: dict[str, Any]):
        case.path_parameters = {**(case.path_parameters or {}), **path}
        if isinstance(case.body, dict):
            case.body.update({name: v for name, v in body.items() if name in case.body})
            if updates and model is not None and path:
                (pk,) = path.values()
                case.body["version"] = model.objects.values_list("version", flat=True).get(pk=pk)
        return case

    return st.builds(
        build,
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        st.fixed_dictionaries(path_values),
        st.fixed_dictionaries(body_values),
    )


def is_known_server_error(exc: BaseException | None) -> bool:
    """The one 500 this test tolerates, and only until its fix lands.

    A delete blocked by a protecting reference (ProtectedError) is turned into a 409 by the
    API's exception handler, a separate change of the same issue (REST_FRAMEWORK
    EXCEPTION_HANDLER). While no handler is configured that answer is a known 500; once the
    handler is configured, it is checked like every other answer.
    """
    return isinstance(exc, ProtectedError) and not django_settings.REST_FRAMEWORK.get(
        "EXCEPTION_HANDLER"
    )


@pytest.fixture
def server_errors() -> Iterator[list[BaseException]]:
    """The exceptions behind the server errors of in-process requests, most recent last."""
    caught: list[BaseException] = []

    def record(sender, **kwargs) -> None:
        caught.append(sys.exc_info()[1])  # sent from inside Django's `except` block

    got_request_exception.connect(record)
    yield caught
    got_request_exception.disconnect(record)


def fuzz(
    operation,
    records: dict[str, list[Any]],
    token: str,
    statuses: Counter,
    server_errors: list[BaseException],
) -> None:
    """Run the bounded, seeded examples of one operation; raise on the first failure."""
    strategy = st.one_of(
        with_existing_records(operation, records),
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @FUZZ_SETTINGS
    @given(case=strategy)
    def run(case) -> None:
        with transaction.atomic():  # a savepoint in the test's transaction, always rolled back
            try:
                response = case.call(headers={"Authorization": f"Token {token}"})
                statuses[(operation.label, response.status_code)] += 1
                last_error = server_errors[-1] if server_errors else None
                if response.status_code == 500 and is_known_server_error(last_error):
                    return
                case.validate_response(response, checks=CHECKS)
            finally:
                transaction.set_rollback(True)

    run()


@pytest.mark.parametrize("persona", ["coordinator", "wg_a"])
def test_every_api_operation_answers_as_documented_without_server_errors(
    persona, request, api_schema, records, server_errors
):
    user = request.getfixturevalue(persona)
    token = Token.objects.get_or_create(user=user)[0].key
    assert connection.in_atomic_block, "the test must run inside pytest-django's transaction"
    failures: list[str] = []
    statuses: Counter = Counter()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 38
    for operation in operations:
        try:
            fuzz(operation, records, token, statuses, server_errors)
        except (Exception, BaseExceptionGroup) as exc:  # report every operation's failure
            failures.append(f"{operation.label}:\n{exc}")
    assert not failures, f"{len(failures)} operation(s) failed:\n\n" + "\n\n".join(failures)
    # The run reached the records, not only "not found": every read of a list, or of a kind of
    # record the fixture names, succeeded at least once.
    reads = {
        op.label
        for op in operations
        if op.method.upper() == "GET"
        and ("{" not in op.path or any(op.path.startswith(p) for p in PATH_RECORDS))
    }
    read_ok = {label for (label, status) in statuses if label in reads and status == 200}
    assert read_ok == reads, f"reads that never succeeded: {sorted(reads - read_ok)}"


def test_fuzzed_writes_are_rolled_back(api_schema, wg_a):
    """A write made through the WSGI application shares the test's connection and its
    transaction, so the fuzz run leaves nothing behind."""
    token = Token.objects.get_or_create(user=wg_a)[0].key
    operation = api_schema["/api/v1/projects/{id}/"]["PATCH"]
    project = make_project()  # in the work group's own county
    case = operation.Case(
        path_parameters={"id": project.pk},
        body={"name": "fuzzed", "version": project.version},
        media_type="application/json",
    )
    with transaction.atomic():
        response = case.call(headers={"Authorization": f"Token {token}"})
        assert response.status_code == 200, response.text
        assert Project.objects.get(pk=project.pk).name == "fuzzed"  # the same connection
        transaction.set_rollback(True)
    assert Project.objects.get(pk=project.pk).name != "fuzzed"
