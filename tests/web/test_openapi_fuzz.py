"""schemathesis against the app's own /openapi.json: generated requests never get a 5xx.

Each API operation gets requests that fit its schema (positive) and requests
that break it (negative: wrong types, out-of-range limits, unknown values).
The app must answer all of them without a server error, in its JSON error
shape when it refuses one. A bounded, derandomized number of examples keeps
the run fast and the same every time.

schemathesis' pytest loader (``schemathesis.pytest.from_fixture``) fails under
pytest 9 (it reads ``Function._nodeid``), so the schema's own Hypothesis
strategies are driven here with ``@given``.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="the OpenAPI fuzz test needs schemathesis: pip install -e '.[test]'")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402

EXAMPLES_PER_OPERATION = 20
# Checks of each response beyond "no 5xx". Not `status_code_conformance`:
# FastAPI documents 422 for a bad parameter, while the app answers 400 and 404
# in its own error shape (docs/web.md), checked below instead.
CHECKS = ("not_a_server_error", "content_type_conformance", "response_schema_conformance", "response_headers_conformance")


@pytest.fixture(scope="module")
def api_schema(kb_path):
    from claimgraph.web import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(kb_path))


@pytest.fixture(scope="module")
def operations(api_schema):
    found = [result.ok() for result in api_schema.get_all_operations()]
    assert {operation.label for operation in found} >= {"GET /api/claims", "GET /api/claims/{claim_id}", "GET /api/stories/{story_id}"}
    return found


@pytest.fixture(scope="module")
def stored_ids(kb_path) -> dict[str, str]:
    """A stored record for each path parameter, so requests reach real records and not only 404s."""
    import claimgraph

    with claimgraph.open(str(kb_path)) as kb:
        row = kb.claims(limit=1)[0]
        return {
            "claim_id": row.claim.id,
            "article_id": row.claim.article_id,
            "name": row.claim.attribution.source.name,
            "story_id": kb.stories()[0].id,
        }


def run_generated(operation, strategy, expect_ok: bool = False) -> None:
    """Sends each request ``strategy`` generates for ``operation`` and checks its response."""
    from schemathesis import checks as available

    chosen = [getattr(available, name) for name in CHECKS]

    @given(case=strategy)
    @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def answers(case):
        response = case.call_and_validate(checks=chosen)
        assert response.status_code < 500, case.as_curl_command()
        if expect_ok:
            assert response.status_code == 200, (case.as_curl_command(), response.text)
        elif response.status_code >= 400:
            body = response.json()
            assert body["ok"] is False and body["status"] == response.status_code and body["error"], case.as_curl_command()

    answers()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_generated_requests_get_no_server_error(operations, mode):
    for operation in operations:
        # An operation whose only parameter is a free-text path segment has no request that breaks its schema.
        if mode is GenerationMode.NEGATIVE and not len(operation.query):
            continue
        run_generated(operation, operation.as_strategy(generation_mode=mode))


def test_requests_for_stored_records_get_answers_that_fit_the_schema(operations, stored_ids):
    with_ids = [operation for operation in operations if len(operation.path_parameters)]
    assert with_ids
    for operation in with_ids:
        names = {parameter.name for parameter in operation.path_parameters}
        if not names <= stored_ids.keys():
            pytest.fail(f"{operation.label}: no stored record for {sorted(names - stored_ids.keys())}; add one to stored_ids")
        fixed = {name: stored_ids[name] for name in names}
        run_generated(operation, operation.as_strategy(path_parameters=fixed), expect_ok=True)
