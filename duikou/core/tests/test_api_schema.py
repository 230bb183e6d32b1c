"""The OpenAPI schema says what the API really answers, errors included; codes that can name no
record are refused as unknown, never a server error."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duikou.core.api_fields import CodeRelatedField
from duikou.places.models import Place

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient(raise_request_exception=False)
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def schema() -> dict:
    return api().get("/api/schema/?format=json").json()


def test_the_schema_says_a_top_level_place_has_no_parent(schema):
    assert schema["components"]["schemas"]["Place"]["properties"]["parent"]["nullable"] is True
    assert api().get("/api/v1/places/650000/").json()["parent"] is None


def test_the_schema_documents_moves_as_the_statuses_the_project_may_go_to(schema):
    answer = schema["paths"]["/api/v1/projects/{id}/moves/"]["get"]["responses"]["200"]
    ref = answer["content"]["application/json"]["schema"]["$ref"]
    moves = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert moves["required"] == ["moves"]
    assert moves["properties"]["moves"]["type"] == "array"


def test_the_schema_documents_the_error_responses_of_every_operation(schema):
    operations = {
        (method, path): operation["responses"]
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }
    assert {"400", "401", "403", "404", "409"} <= set(
        operations[("patch", "/api/v1/projects/{id}/")]
    )
    assert {"401", "403", "404", "409"} <= set(operations[("delete", "/api/v1/fund-plans/{id}/")])
    assert {"400", "404"} <= set(operations[("get", "/api/v1/transactions/")])  # filter, page
    assert "409" not in operations[("get", "/api/v1/places/{code}/")]
    for responses in operations.values():
        assert responses["403"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }


def test_an_unknown_api_url_is_a_json_404():
    response = api().get("/api/v1/projects/1.5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_an_unknown_page_url_is_still_the_html_404(client):
    response = client.get("/projects/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_code_with_a_nul_character_is_refused_without_asking_the_database(
    django_assert_num_queries,
):
    field = CodeRelatedField(slug_field="code", queryset=Place.objects.all())
    with django_assert_num_queries(0), pytest.raises(Exception, match="code"):
        field.to_internal_value("654\x00021")


def test_a_code_with_a_nul_character_in_a_body_is_a_400_not_a_server_error(wg_a):
    client = api(wg_a)
    project = {
        "code": "NUL-1",
        "name": "伊宁县安居富民工程",
        "aiding_party": "320\x00000",
        "place": "654021\x00",
        "extra_places": ["\x00"],
        "category": "minsheng\x00",
        "implementing_organisation": "\x00",
        "plan_year": 2024,
    }
    response = client.post("/api/v1/projects/", project, format="json")
    assert response.status_code == 400, response.content
    assert {"aiding_party", "place", "extra_places", "category"} <= set(response.json())
    transaction = {"project": "T\x00", "kind": "disbursement", "date": "2024-03-01", "amount": "1"}
    response = client.post("/api/v1/transactions/", transaction, format="json")
    assert response.status_code == 400, response.content
    assert "project" in response.json()


def test_a_code_with_a_nul_character_in_a_url_is_a_404_not_a_server_error(wg_a):
    for url in ("/api/v1/places/654%00021/", "/api/v1/parties/320%00000/"):
        response = api(wg_a).get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
