"""The web console's built files, served by the local gateway at ``/`` beside the API under ``/v1``.

``make console`` builds ``console/`` into :data:`CONSOLE_DIST` (package data, never committed). Hashed
files under ``/assets/`` are cached for a year; ``index.html`` is never cached, so a new build is picked up
on the next load; every other path without a file extension is a page of the single-page app and gets
``index.html``. Every answer carries a strict Content-Security-Policy: scripts, styles and connections from
this origin only, no inline scripts, no framing.
"""

from __future__ import annotations

from pathlib import Path

from werkzeug.utils import safe_join, send_file
from werkzeug.wrappers import Request, Response

CONSOLE_DIST = Path(__file__).resolve().parent.parent / "console_dist"
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
ASSET_CACHE = "public, max-age=31536000, immutable"
PAGE_CACHE = "no-cache"
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_MISSING = (
    "<!doctype html><title>ecomintel</title><p>The console is not built. Run <code>make console</code> "
    "and reload. The API is under <a href=\"/openapi.yaml\">/v1</a>.</p>"
)


class ConsoleAssets:
    """Answers ``GET``/``HEAD`` for console files and pages; ``None`` for anything else."""

    def __init__(self, root: Path = CONSOLE_DIST) -> None:
        self.root = root

    @property
    def built(self) -> bool:
        """True when a build is present."""
        return (self.root / "index.html").is_file()

    def response(self, request: Request) -> Response | None:
        """The file or page for ``request``, or ``None`` when the path is not the console's."""
        if request.method not in ("GET", "HEAD") or request.path.startswith("/v1/"):
            return None
        rel = request.path.lstrip("/")
        last = rel.rsplit("/", 1)[-1]
        if rel.startswith("assets/") or "." in last:
            target = safe_join(str(self.root), rel)
            if target is None or not Path(target).is_file():
                return None
            resp = send_file(target, request.environ, max_age=None, conditional=True, etag=True)
            resp.headers["Cache-Control"] = ASSET_CACHE if rel.startswith("assets/") else PAGE_CACHE
            return self._secure(resp)
        return self.index(request)

    def index(self, request: Request) -> Response:
        """``index.html`` (every page of the app), never cached."""
        index = self.root / "index.html"
        if not index.is_file():
            return self._secure(Response(_MISSING, status=503, mimetype="text/html",
                                         headers={"Cache-Control": "no-store"}))
        resp = send_file(str(index), request.environ, max_age=None, conditional=True, etag=True)
        resp.headers["Cache-Control"] = PAGE_CACHE
        return self._secure(resp)

    @staticmethod
    def _secure(resp: Response) -> Response:
        for key, value in _HEADERS.items():
            resp.headers[key] = value
        return resp

