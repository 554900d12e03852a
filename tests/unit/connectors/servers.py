"""Local fake servers on 127.0.0.1 (free ports) that follow the providers' documented request/response shapes."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

App = Callable[[Request], Response]


@contextlib.contextmanager
def serve(app: App) -> Iterator[str]:
    """Serve ``app`` on a free loopback port; yields the base URL."""
    wsgi = Request.application(app)
    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json", headers=headers)


# --------------------------------------------------------------------------- Shopify Admin GraphQL
@dataclass
class FakeShopify:
    """Products and orders with cursor pagination, ``updated_at`` filtering and the cost throttle."""

    token: str = "shpat_test"
    products: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    throttle_first: int = 0
    malformed_once: bool = False
    calls: list[dict[str, Any]] = field(default_factory=list)
    available: float = 1000.0

    def __call__(self, request: Request) -> Response:
        if request.headers.get("X-Shopify-Access-Token") != self.token:
            return _json(
                {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}, 401
            )
        body = json.loads(request.get_data() or b"{}")
        self.calls.append(body)
        cost = {
            "requestedQueryCost": 102,
            "actualQueryCost": 12,
            "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": self.available, "restoreRate": 50.0},
        }
        if self.throttle_first > 0:
            self.throttle_first -= 1
            cost["actualQueryCost"] = None
            return _json(
                {
                    "errors": [
                        {
                            "message": "Throttled",
                            "extensions": {
                                "code": "THROTTLED",
                                "documentation": "https://shopify.dev/api/usage/rate-limits",
                            },
                        }
                    ],
                    "extensions": {"cost": cost},
                }
            )
        if self.malformed_once:
            self.malformed_once = False
            return Response("<html>502 Bad Gateway</html>", status=502)
        query: str = body["query"]
        variables = body.get("variables") or {}
        root = "products" if "products(" in query else "orders"
        items = self.products if root == "products" else self.orders
        search = variables.get("query") or ""
        if search.startswith("updated_at:>'"):
            since = search[len("updated_at:>'") : -1]
            items = [i for i in items if i["updatedAt"] > since]
        items = sorted(items, key=lambda i: i["updatedAt"])
        start = int(variables["cursor"]) if variables.get("cursor") else 0
        first = int(variables.get("first") or 50)
        page = items[start : start + first]
        has_next = start + first < len(items)
        return _json(
            {
                "data": {
                    root: {
                        "nodes": page,
                        "pageInfo": {"hasNextPage": has_next, "endCursor": str(start + first) if page else None},
                    }
                },
                "extensions": {"cost": cost},
            }
        )


def shopify_product(n: int, updated: str, qty: int = 5) -> dict[str, Any]:
    return {
        "id": f"gid://shopify/Product/{n}",
        "title": f"Product {n}",
        "vendor": "Acme",
        "productType": "Mugs",
        "updatedAt": updated,
        "variants": {
            "nodes": [
                {
                    "id": f"gid://shopify/ProductVariant/{n}1",
                    "sku": f"SKU-{n}",
                    "title": "Default Title",
                    "barcode": f"0000000{n:05d}",
                    "price": f"{10 + n}.00",
                    "compareAtPrice": None,
                    "inventoryQuantity": qty,
                    "inventoryItem": {"unitCost": {"amount": "4.00"}},
                }
            ]
        },
    }


def shopify_order(n: int, updated: str, sku: str, qty: int) -> dict[str, Any]:
    return {
        "id": f"gid://shopify/Order/{n}",
        "name": f"#{1000 + n}",
        "createdAt": updated,
        "updatedAt": updated,
        "lineItems": {
            "nodes": [
                {
                    "sku": sku,
                    "quantity": qty,
                    "variant": {"id": "gid://shopify/ProductVariant/1"},
                    "discountedUnitPriceSet": {"shopMoney": {"amount": "12.00", "currencyCode": "USD"}},
                }
            ]
        },
    }


# --------------------------------------------------------------------------- Amazon SP-API + LWA
@dataclass
class FakeSellingPartner:
    """LWA token endpoint, Orders v0 and Reports 2021-06-30 with polling, gzip documents, 429 and token expiry."""

    refresh_token: str = "Atzr|refresh"
    client_id: str = "amzn1.application-oa2-client.test"
    client_secret: str = "secret"
    orders: list[dict[str, Any]] = field(default_factory=list)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    inventory_tsv: str = ""
    throttle_orders_once: bool = True
    expire_first_token_after: int | None = 1
    polls_before_done: int = 2
    tokens_issued: int = 0
    calls: list[str] = field(default_factory=list)
    _token_uses: dict[str, int] = field(default_factory=dict)
    _polls: int = 0
    base_url: str = ""

    def __call__(self, request: Request) -> Response:
        path = request.path
        self.calls.append(f"{request.method} {path}")
        if path == "/auth/o2/token":
            form = request.form
            if (
                form.get("grant_type"),
                form.get("refresh_token"),
                form.get("client_id"),
                form.get("client_secret"),
            ) != ("refresh_token", self.refresh_token, self.client_id, self.client_secret):
                return _json({"error": "invalid_grant", "error_description": "The request has an invalid grant"}, 400)
            self.tokens_issued += 1
            token = f"Atza|token{self.tokens_issued}"
            self._token_uses[token] = 0
            return _json(
                {"access_token": token, "token_type": "bearer", "expires_in": 3600, "refresh_token": self.refresh_token}
            )
        if path.startswith("/download/"):
            return Response(gzip.compress(self.inventory_tsv.encode()), mimetype="application/octet-stream")
        token = request.headers.get("x-amz-access-token", "")
        if token not in self._token_uses:
            return _json(
                {
                    "errors": [
                        {"code": "Unauthorized", "message": "Access to requested resource is denied.", "details": ""}
                    ]
                },
                403,
            )
        self._token_uses[token] += 1
        if (
            token == "Atza|token1"
            and self.expire_first_token_after is not None
            and self._token_uses[token] > self.expire_first_token_after
        ):
            return _json(
                {
                    "errors": [
                        {
                            "code": "Unauthorized",
                            "message": "Access to requested resource is denied.",
                            "details": "The access token you provided has expired.",
                        }
                    ]
                },
                403,
            )
        if path == "/orders/v0/orders":
            if self.throttle_orders_once:
                self.throttle_orders_once = False
                return _json(
                    {
                        "errors": [
                            {
                                "code": "QuotaExceeded",
                                "message": "You exceeded your quota for the requested resource.",
                                "details": "",
                            }
                        ]
                    },
                    429,
                    {"Retry-After": "0", "x-amzn-RateLimit-Limit": "0.0167"},
                )
            since = request.args.get("LastUpdatedAfter", "")
            if "NextToken" in request.args:  # the token carries the original query, as the real one does
                start_text, _, since = request.args["NextToken"].partition("|")
                start = int(start_text)
            else:
                if not request.args.get("MarketplaceIds"):
                    return _json({"errors": [{"code": "InvalidInput", "message": "MarketplaceIds is required"}]}, 400)
                start = 0
            selected = [o for o in self.orders if o["LastUpdateDate"] > since] if since else list(self.orders)
            page = selected[start : start + 2]
            payload: dict[str, Any] = {"Orders": page, "LastUpdatedBefore": "2030-01-01T00:00:00Z"}
            if start + 2 < len(selected):
                payload["NextToken"] = f"{start + 2}|{since}"
            return _json({"payload": payload})
        if path.startswith("/orders/v0/orders/") and path.endswith("/orderItems"):
            order_id = path.split("/")[4]
            return _json({"payload": {"AmazonOrderId": order_id, "OrderItems": self.items.get(order_id, [])}})
        if path == "/reports/2021-06-30/reports" and request.method == "POST":
            body = request.get_json()
            if not body.get("marketplaceIds") or not body.get("reportType"):
                return _json({"errors": [{"code": "InvalidInput", "message": "bad report request"}]}, 400)
            return _json({"reportId": "ID323"}, 202)
        if path == "/reports/2021-06-30/reports/ID323":
            self._polls += 1
            status = "DONE" if self._polls > self.polls_before_done else "IN_PROGRESS"
            report = {
                "reportId": "ID323",
                "reportType": "GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA",
                "processingStatus": status,
                "createdTime": "2024-01-01T00:00:00Z",
            }
            if status == "DONE":
                report["reportDocumentId"] = "DOC-1"
            return _json(report)
        if path == "/reports/2021-06-30/documents/DOC-1":
            return _json(
                {"reportDocumentId": "DOC-1", "url": f"{self.base_url}/download/DOC-1", "compressionAlgorithm": "GZIP"}
            )
        return _json({"errors": [{"code": "NotFound", "message": path}]}, 404)


# --------------------------------------------------------------------------- competitor site
def competitor_site(pages_dir: Path, robots: str = "User-agent: *\nDisallow: /private/\n") -> App:
    """Serves the HTML fixtures under ``/p/<name>``, a robots.txt, a redirect and an oversized page."""

    def app(request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(robots, mimetype="text/plain")
        if request.path.startswith("/p/"):
            page = pages_dir / request.path[3:]
            if page.exists() and page.parent == pages_dir:
                return Response(page.read_text(), mimetype="text/html")
        if request.path == "/private/secret.html":
            return Response("<html>private</html>", mimetype="text/html")
        if request.path == "/huge.html":
            return Response("x" * (5 * 1024 * 1024), mimetype="text/html")
        if request.path == "/redirect-to-metadata":
            return Response("", status=302, headers={"Location": "http://169.254.169.254/computeMetadata/v1/"})
        return Response("not found", status=404)

    return app
