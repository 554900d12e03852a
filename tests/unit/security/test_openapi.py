"""infra/openapi.yaml matches the code: generated file up to date, valid, routes served as documented."""

from __future__ import annotations

import importlib.util
import re

import pytest
from openapi_spec_validator import validate

from shared.manifest import load_manifest
from shared.security import api_models
from shared.security.openapi import OPENAPI_PATH, OPERATIONS, build_openapi, load_openapi, render_openapi


def test_committed_document_is_up_to_date() -> None:
    assert OPENAPI_PATH.read_text() == render_openapi(), "run: .venv/bin/python -m shared.security.openapi"


def test_document_is_valid_openapi() -> None:
    validate(load_openapi())


def test_every_operation_is_versioned_has_a_backend_and_documents_errors() -> None:
    doc = build_openapi()
    backends = doc["x-google-api-management"]["backends"]
    for path, item in doc["paths"].items():
        assert path.startswith("/v1/")
        for op in item.values():
            assert op["x-google-backend"] in backends
            assert backends[op["x-google-backend"]]["address"] == "${backend_" + op["x-google-backend"] + "}"
            for code, resp in op["responses"].items():
                if int(code) >= 400:
                    assert resp["$ref"].startswith("#/components/responses/")
            if op.get("security") != []:
                assert {"401", "403", "429"} <= set(op["responses"])


def test_error_component_is_the_error_model() -> None:
    schemas = build_openapi()["components"]["schemas"]
    assert set(schemas["ErrorDetail"]["properties"]) == set(api_models.ErrorDetail.model_fields)
    assert schemas["ErrorBody"]["required"] == ["error"]


@pytest.mark.parametrize("name", ["SignupRequest", "LoginRequest", "ApiKeyCreateRequest", "TenantSettings",
                                  "InviteCreateRequest", "TokenResponse", "AuditPage", "MeResponse"])
def test_component_fields_match_models(name: str) -> None:
    schema = build_openapi()["components"]["schemas"][name]
    model = getattr(api_models, name)
    assert set(schema["properties"]) == set(model.model_fields)
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert set(schema.get("required", [])) >= required


def _routes_of(function: str) -> set[tuple[str, str]]:
    spec = load_manifest().functions[function]
    module_spec = importlib.util.spec_from_file_location(f"_routes_{function}", spec.source)
    assert module_spec and module_spec.loader
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return {(rule.methods - {"HEAD", "OPTIONS"}).pop() + " " + re.sub(r"<(\w+)>", r"{\1}", rule.rule)
            for rule in module.ROUTES._map.iter_rules()}


@pytest.mark.parametrize("function", ["auth", "admin", "datasets", "alerts"])
def test_function_routes_equal_documented_operations(function: str) -> None:
    documented = {f"{op.method} {op.path}" for op in OPERATIONS if op.function == function}
    assert _routes_of(function) == documented


def test_every_http_function_in_the_manifest_is_documented() -> None:
    documented = {op.function for op in OPERATIONS}
    http = {name for name, f in load_manifest().functions.items() if f.trigger.type == "http"}
    assert http <= documented, http - documented
