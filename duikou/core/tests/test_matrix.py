"""The persona × action matrix and the query-count guards of every registered model.

Generated from the registry by core/testkit.py: a model that registers is tested here without
writing a test. Ids read `<model>-<action>-<persona>-<expected outcome>`.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from duikou.core.deletion import delete_refusal
from duikou.core.registry import registry
from duikou.core.scoping import Scope, rule_for
from duikou.core.testkit import (
    LOGIN,
    OK,
    PAGE_STATUS,
    PARTY_A,
    PERSONAS,
    SAMPLE_PLACE,
    api_cases,
    case_id,
    listed,
    page_cases,
)
from duikou.organisations.models import AidingParty
from duikou.places.models import Place

pytestmark = pytest.mark.django_db

API_STATUS = {"ok": 200, "hidden": 404, "forbidden": 403}
API_OK = {"list": 200, "detail": 200, "create": 201, "edit": 200, "delete": 204}


def _follow(obj, lookup: str):
    """The record a scope rule's lookup ("project__aiding_party") leads to from `obj`."""
    for part in lookup.split("__"):
        obj = getattr(obj, part) if obj is not None else None
    return obj


def make_sample(reg):
    return reg.sample(AidingParty.objects.get(code=PARTY_A), Place.objects.get(code=SAMPLE_PLACE))


def _user(request, persona):
    return None if persona.role is None else request.getfixturevalue(persona.name)


@pytest.mark.parametrize("case", page_cases(), ids=case_id)
def test_every_registered_page_answers_each_persona_as_the_scope_rule_says(case, request, client):
    reg, action, persona, outcome = case
    obj = make_sample(reg)
    user = _user(request, persona)
    if user is not None:
        client.force_login(user)
    links = reg.links(obj)
    if action == "export":
        response = client.get(links["list"] + "?export=csv")
    elif action == "delete":
        response = client.get(links["delete"])
        assert response.status_code == PAGE_STATUS[outcome]
        refusal = delete_refusal(obj)
        response = client.post(links["delete"])
        still_there = type(obj)._default_manager.filter(pk=obj.pk).exists()
        assert still_there == (outcome != OK or bool(refusal))
        if outcome == OK:
            assert response.status_code == (200 if refusal else 302)
            return
    else:
        response = client.get(links[action])
    assert response.status_code == PAGE_STATUS[outcome]
    if outcome == LOGIN:
        assert response["Location"].startswith("/accounts/login/")
    if action == "export" and outcome == OK:
        assert response["Content-Type"].startswith("text/csv")


def _api(request, persona) -> APIClient:
    api = APIClient()
    user = _user(request, persona)
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.mark.parametrize("case", api_cases(), ids=case_id)
def test_every_registered_endpoint_answers_each_persona_as_the_scope_rule_says(case, request):
    reg, action, persona, outcome = case
    obj = make_sample(reg)
    api = _api(request, persona)
    if action == "list":
        response = api.get(reg.api_url("list"))
    elif action == "detail":
        response = api.get(reg.api_url("detail", obj))
    elif action == "create":
        payload = dict(reg.viewset.serializer_class(obj).data)
        obj.delete()  # make room for the same record (unique keys)
        response = api.post(reg.api_url("list"), payload, format="json")
        created = type(obj)._default_manager.filter(**_natural(reg, payload)).exists()
        assert created == (outcome == OK), response.content
    elif action == "edit":
        response = api.patch(reg.api_url("detail", obj), {"version": obj.version}, format="json")
    else:
        response = api.delete(reg.api_url("detail", obj))
        still_there = type(obj)._default_manager.filter(pk=obj.pk).exists()
        assert still_there == (outcome != OK or bool(delete_refusal(obj)))
    if outcome == LOGIN:
        assert response.status_code in (401, 403)
    else:
        expected = API_OK[action] if outcome == OK else API_STATUS[outcome]
        assert response.status_code == expected, response.content


def _natural(reg, payload) -> dict:
    """Fields that find the record the API created again (its plain, non-relation fields)."""
    model = reg.model
    names = {f.name for f in model._meta.concrete_fields if not f.is_relation}
    skip = {"id", "version", "created_at", "updated_at"}
    return {
        k: v for k, v in payload.items() if k in names and k not in skip and v not in (None, "")
    }


@pytest.mark.parametrize("reg", [r for r in registry.all() if r.sample], ids=lambda r: r.key)
def test_each_sample_is_what_its_registration_says_it_is(reg, hq_a, wg_a, recipient):
    """The matrix's expectations rest on the sample being party A's, in 伊宁县, and on the
    declared public / recipient-editable traits."""
    obj = make_sample(reg)
    rule = rule_for(reg.model)
    manager = type(obj)._default_manager
    if rule.party:
        assert _follow(obj, rule.party).pk == Scope.of(hq_a).party_id
    if rule.place:
        assert Scope.of(wg_a).covers(_follow(obj, rule.place))
        assert Scope.of(recipient).covers(_follow(obj, rule.place))
    if isinstance(rule.public, Q) and reg.sample_public is not None:
        assert manager.filter(rule.public, pk=obj.pk).exists() == reg.sample_public
    if isinstance(rule.recipient_edit, Q) and reg.sample_recipient_editable is not None:
        assert (
            manager.filter(rule.recipient_edit, pk=obj.pk).exists() == reg.sample_recipient_editable
        )


def test_the_personas_are_who_the_matrix_takes_them_for(request):
    a = Scope.of(request.getfixturevalue("hq_a")).party_id
    for persona in PERSONAS:
        if persona.role is None:
            continue
        scope = Scope.of(request.getfixturevalue(persona.name))
        assert scope.role == persona.role
        if persona.role != "coordinator":
            assert (scope.party_id == a) == persona.same_party, persona.name
            assert (scope.place_path or "").startswith(
                Place.objects.get(code=SAMPLE_PLACE).path
            ) == persona.same_place, persona.name


# -- query counts ----------------------------------------------------------------------------
def _only(monkeypatch, reg, objs) -> None:
    """Narrow the registration's lists to the given samples (the demo data fills a page)."""
    pks = [o.pk for o in objs]
    hook = reg.queryset_hook
    monkeypatch.setattr(
        reg, "queryset_hook", lambda qs: (hook(qs) if hook else qs).filter(pk__in=pks)
    )
    if reg.viewset is not None:
        original = reg.viewset.get_queryset
        monkeypatch.setattr(
            reg.viewset, "get_queryset", lambda self: original(self).filter(pk__in=pks)
        )


def _queries(fetch) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("reg", listed(registry.all()), ids=lambda r: r.key)
def test_a_registered_list_page_costs_as_many_queries_for_10_rows_as_for_2(
    reg, client_for, coordinator, monkeypatch
):
    client = client_for(coordinator)
    samples = [make_sample(reg) for _ in range(10)]
    url = reg.links()["list"]
    counts = []
    for rows in (2, 10):
        with monkeypatch.context() as patch:
            _only(patch, reg, samples[:rows])
            client.get(url)  # warm caches (content types, session)
            counts.append(_queries(lambda: client.get(url)))
            counts.append(_queries(lambda: client.get(url + "?export=csv")))
    assert counts[:2] == counts[2:]


@pytest.mark.parametrize(
    "reg", [r for r in registry.all() if r.sample and r.viewset], ids=lambda r: r.key
)
def test_a_registered_api_list_costs_as_many_queries_for_10_rows_as_for_2(
    reg, coordinator, monkeypatch
):
    api = APIClient()
    api.force_authenticate(coordinator)
    samples = [make_sample(reg) for _ in range(10)]
    counts = []
    for rows in (2, 10):
        with monkeypatch.context() as patch:
            _only(patch, reg, samples[:rows])
            api.get(reg.api_url("list"))
            counts.append(_queries(lambda: api.get(reg.api_url("list"))))
    assert counts[0] == counts[1]
