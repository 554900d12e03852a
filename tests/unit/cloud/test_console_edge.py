"""The console on Google Cloud (terraform/console.tf): one HTTPS host, /v1/* to the API, the rest to the bucket.

The routing table is ``terraform/modules/console_routes``, provider-free, so the real terraform (1.0.3, from
``.venv-tools``) evaluates it offline on the root module's page list; the rules are then applied to request
paths the way a URL map does (route rules by ascending priority, first match wins; a prefix or full-path
match; ``pathPrefixRewrite`` replaces the matched part). The resources around it are checked as parsed HCL:
the API behind /v1 is the API Gateway of edge.tf, the bucket is private, the console's security headers are
the ones ``ecomintel serve`` sends, HTTP redirects to HTTPS.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import hcl2
import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from shared.manifest import REPO_ROOT
from shared.runtime.console_assets import ConsoleAssets

TERRAFORM_DIR = REPO_ROOT / "terraform"
CONSOLE_TF = TERRAFORM_DIR / "console.tf"
ROUTES_MODULE = TERRAFORM_DIR / "modules" / "console_routes"
TERRAFORM = REPO_ROOT / ".venv-tools" / "bin" / "terraform"
APP_TSX = REPO_ROOT / "console" / "src" / "App.tsx"

needs_terraform = pytest.mark.skipif(not TERRAFORM.exists(),
                                     reason="terraform is not installed (make venv-tools puts it in .venv-tools)")


def _unquote(value: str) -> str:
    return str(json.loads(value)) if value.startswith('"') else value


def _console_tf() -> dict[str, Any]:
    with CONSOLE_TF.open() as fh:
        loaded: dict[str, Any] = hcl2.load(fh)
    return loaded


def _resources(tf: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(kind.strip('"'), name.strip('"')): body
            for block in tf["resource"] for kind, named in block.items() for name, body in named.items()}


def _locals(tf: dict[str, Any]) -> dict[str, Any]:
    return {k: v for block in tf["locals"] for k, v in block.items()}


def _pages() -> list[str]:
    return [_unquote(p) for p in _locals(_console_tf())["console_pages"]]


def route_rules(tmp_path: Path, pages: list[str]) -> list[dict[str, Any]]:
    """The module's ``route_rules`` for ``pages``, evaluated by terraform."""
    work = tmp_path / "console-routes"
    shutil.copytree(ROUTES_MODULE, work)
    (work / "vars.tfvars.json").write_text(json.dumps({"pages": pages}))
    proc = subprocess.run([str(TERRAFORM), "console", "-var-file=vars.tfvars.json"], cwd=work,  # noqa: S603
                          input="jsonencode(local.route_rules)\n", capture_output=True, text=True, timeout=120,
                          env={"TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1", "PATH": "/usr/bin:/bin"},
                          check=False)
    assert proc.returncode == 0 and "Error" not in proc.stderr, proc.stderr
    rules: list[dict[str, Any]] = json.loads(json.loads(proc.stdout.strip()))
    return rules


def route(rules: list[dict[str, Any]], url: str, default: str = "console") -> tuple[str, str]:
    """(backend, path the backend gets) for ``url``, as a URL map's route rules decide."""
    path = url.split("?", 1)[0]
    for rule in sorted(rules, key=lambda r: r["priority"]):
        if rule["prefix_match"] is not None and path.startswith(rule["prefix_match"]):
            matched = rule["prefix_match"]
        elif rule["full_path_match"] is not None and path == rule["full_path_match"]:
            matched = path
        else:
            continue
        rewrite = rule["path_rewrite"]
        return rule["backend"], path if rewrite is None else rewrite + path[len(matched):]
    return default, path


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    if not TERRAFORM.exists():
        pytest.skip("terraform is not installed (make venv-tools puts it in .venv-tools)")
    return route_rules(tmp_path_factory.mktemp("routes"), _pages())


@pytest.mark.parametrize("url", [
    "/v1/alerts?status=open", "/v1/alerts/a-1:acknowledge", "/v1/uploads:signed-url", "/v1/auth/signup",
    "/v1/ingestions/ing-1", "/v1/metrics:query",
])
def test_the_api_gets_v1_untouched(rules: list[dict[str, Any]], url: str) -> None:
    assert route(rules, url) == ("api", url.split("?")[0])


@pytest.mark.parametrize("url", ["/", "/alerts", "/signin?next=%2Fdata", "/signup?invite=inv_1", "/settings", "/ask"])
def test_every_page_is_the_index(rules: list[dict[str, Any]], url: str) -> None:
    assert route(rules, url) == ("console", "/index.html")


@pytest.mark.parametrize("url", ["/assets/index-DPsBp6vr.js", "/assets/Chart-B4Fb_dBz.js", "/favicon.svg",
                                 "/index.html", "/v1", "/nowhere"])
def test_everything_else_is_a_file_of_the_bucket(rules: list[dict[str, Any]], url: str) -> None:
    assert route(rules, url) == ("console", url)


def test_rules_are_ordered_and_unambiguous(rules: list[dict[str, Any]]) -> None:
    priorities = [r["priority"] for r in rules]
    assert len(set(priorities)) == len(priorities)  # a URL map refuses two rules of one priority
    for r in rules:  # exactly one kind of match per rule
        assert (r["prefix_match"] is None) != (r["full_path_match"] is None), r
    api = [r for r in rules if r["backend"] == "api"]
    assert api == [{"priority": 1, "backend": "api", "prefix_match": "/v1/", "full_path_match": None,
                    "path_rewrite": None}]


@needs_terraform
def test_a_page_under_the_api_prefix_would_still_reach_the_api(tmp_path: Path) -> None:
    # the API rule comes first, so no page list can take /v1/ away from it
    rules = route_rules(tmp_path, ["/", "/v1/alerts"])
    assert route(rules, "/v1/alerts") == ("api", "/v1/alerts")


def test_the_page_list_is_the_console_router() -> None:
    text = APP_TSX.read_text()
    routes = {p if p.startswith("/") else "/" + p for p in re.findall(r'<Route\s+path="([^"*]+)"', text)}
    assert "<Route index " in text
    assert set(_pages()) == routes | {"/"}


def test_the_url_map_is_built_from_the_routing_table() -> None:
    tf = _console_tf()
    res = _resources(tf)
    url_map = res[("google_compute_url_map", "console")]
    matcher = url_map["path_matcher"][0]
    dynamic = matcher["dynamic"][0]['"route_rules"']
    assert dynamic["for_each"] == "${module.console_routes.route_rules}"
    content = dynamic["content"][0]
    assert content["service"] == "${local.console_backends[route_rules.value.backend]}"
    assert content["match_rules"][0]["prefix_match"] == "${route_rules.value.prefix_match}"
    assert content["match_rules"][0]["full_path_match"] == "${route_rules.value.full_path_match}"
    rewrite = content["dynamic"][0]['"route_action"']["content"][0]["url_rewrite"][0]
    assert rewrite["path_prefix_rewrite"] == "${route_action.value}"
    assert matcher["default_service"] == "${local.console_backends[module.console_routes.default_backend]}"
    backends = _locals(tf)["console_backends"]
    assert "api = google_compute_backend_service.console_api[0].id" in backends
    assert "console = google_compute_backend_bucket.console[0].id" in backends
    modules = {k.strip('"'): v for block in tf["module"] for k, v in block.items()}
    assert modules["console_routes"]["source"].strip('"') == "./modules/console_routes"
    assert modules["console_routes"]["pages"] == "${local.console_pages}"


def test_the_api_backend_is_the_gateway_of_the_edge() -> None:
    res = _resources(_console_tf())
    neg = res[("google_compute_region_network_endpoint_group", "console_api")]
    assert _unquote(neg["network_endpoint_type"]) == "SERVERLESS"
    deployment = neg["serverless_deployment"][0]
    assert _unquote(deployment["platform"]) == "apigateway.googleapis.com"
    assert deployment["resource"] == "${google_api_gateway_gateway.edge[0].gateway_id}"
    service = res[("google_compute_backend_service", "console_api")]
    assert service["backend"][0]["group"] == "${google_compute_region_network_endpoint_group.console_api[0].id}"
    assert _unquote(service["load_balancing_scheme"]) == "EXTERNAL_MANAGED"
    assert service["enable_cdn"] is False  # answers are per caller, no-store


def test_the_bucket_is_private_and_read_only_by_cloud_cdn() -> None:
    tf = _console_tf()
    res = _resources(tf)
    module = {k.strip('"'): v for block in tf["module"] for k, v in block.items()}["console_bucket"]
    assert _unquote(module["source"]) == "./modules/bucket"
    with (TERRAFORM_DIR / "modules" / "bucket" / "main.tf").open() as fh:
        bucket = _resources(hcl2.load(fh))[("google_storage_bucket", "this")]
    assert bucket["uniform_bucket_level_access"] is True
    assert _unquote(bucket["public_access_prevention"]) == "enforced"
    grants = [(k, b) for k, b in res.items() if k[0].startswith("google_storage_bucket_iam")]
    assert len(grants) == 1
    grant = grants[0][1]
    assert grant["bucket"] == "${module.console_bucket[0].name}"
    assert _unquote(grant["role"]) == "roles/storage.objectViewer"
    assert re.fullmatch(r'"serviceAccount:service-\$\{data\.google_project\.this\.number\}'
                        r'@cloud-cdn-fill\.iam\.gserviceaccount\.com"', grant["member"])
    text = CONSOLE_TF.read_text()
    assert "allUsers" not in text.replace("No allUsers", "") and "allAuthenticatedUsers" not in text
    backend = res[("google_compute_backend_bucket", "console")]
    assert backend["enable_cdn"] is True
    assert _unquote(backend["cdn_policy"][0]["cache_mode"]) == "USE_ORIGIN_HEADERS"  # the objects' Cache-Control


def test_the_console_gets_the_headers_ecomintel_serve_sends(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>")
    request = Request(EnvironBuilder(path="/alerts").get_environ())
    served = ConsoleAssets(tmp_path).response(request)
    assert served is not None
    lb_headers = dict(_unquote(h).split(": ", 1) for h in _locals(_console_tf())["console_response_headers"])
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
                 "Cross-Origin-Opener-Policy"):
        assert lb_headers[name] == served.headers[name], name
    assert "connect-src 'self'" in lb_headers["Content-Security-Policy"]  # same origin: the API is /v1 here
    res = _resources(_console_tf())
    assert res[("google_compute_backend_bucket", "console")]["custom_response_headers"] == \
        "${local.console_response_headers}"


def test_https_only_with_a_modern_policy_and_http_redirected() -> None:
    res = _resources(_console_tf())
    https = res[("google_compute_global_forwarding_rule", "console_https")]
    http = res[("google_compute_global_forwarding_rule", "console_http")]
    assert (_unquote(https["port_range"]), https["target"]) == (
        "443", "${google_compute_target_https_proxy.console[0].id}")
    assert (_unquote(http["port_range"]), http["target"]) == (
        "80", "${google_compute_target_http_proxy.console_redirect[0].id}")
    assert https["ip_address"] == http["ip_address"] == "${google_compute_global_address.console[0].id}"
    redirect = res[("google_compute_url_map", "console_redirect")]["default_url_redirect"][0]
    assert redirect["https_redirect"] is True and redirect["strip_query"] is False
    proxy = res[("google_compute_target_https_proxy", "console")]
    assert proxy["ssl_certificates"] == ["${google_compute_managed_ssl_certificate.console[0].id}"]
    policy = res[("google_compute_ssl_policy", "console")]
    assert _unquote(policy["min_tls_version"]) == "TLS_1_2"
    cert = res[("google_compute_managed_ssl_certificate", "console")]
    assert cert["managed"][0]["domains"] == ["${var.console_domain}"]
    outputs = {name.strip('"') for out in _console_tf()["output"] for name in out}
    assert {"console_url", "console_ip", "console_bucket"} <= outputs


def test_routing_module_is_provider_free() -> None:
    for path in ROUTES_MODULE.glob("*.tf"):
        blocks = re.findall(r'^\s*(resource|provider|data|module)\s+"', path.read_text(), flags=re.M)
        assert blocks == [], path.name
