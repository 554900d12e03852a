"""A served console (``ecomintel serve`` on a free port, temp ``ECOMINTEL_HOME``) and headless Chromium.

The browser is Debian's ``chromium`` driven by Playwright (browser downloads do not work on these machines);
``make test`` installs it when missing and it can. Without it, or without a console build, the browser tests
skip and say why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from local_emulator.engines import free_port  # below the ephemeral range: no bind(0) elsewhere takes it
from shared.runtime.console_assets import CONSOLE_DIST

REPO = Path(__file__).resolve().parents[3]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE = REPO / "console" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]
# every CSP violation and uncaught error of a page is recorded here (init scripts are not subject to the CSP)
WATCH = """
window.__problems = [];
document.addEventListener('securitypolicyviolation',
  e => window.__problems.push('csp ' + e.violatedDirective + ' ' + e.blockedURI));
window.addEventListener('error', e => window.__problems.push('error ' + e.message));
"""


def chromium_path() -> str | None:
    """Debian's chromium, or ``ECOMINTEL_CHROMIUM``."""
    return os.environ.get("ECOMINTEL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """The local gateway (WSGI) over a fresh embedded home, with cheap bcrypt."""
    from werkzeug.test import Client

    from shared.deps import reset_deps
    from shared.runtime.gateway import Gateway

    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path))
    monkeypatch.setenv("ECOMINTEL_BCRYPT_ROUNDS", "4")
    reset_deps()
    return Client(Gateway())


@dataclass
class Served:
    """A running ``ecomintel serve``."""

    base: str
    home: Path
    proc: subprocess.Popen[bytes]
    log: Path

    def api(self, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
        """Call the API directly (to check what the pages show against it)."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        with urllib.request.urlopen(req, timeout=60) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    if not (CONSOLE_DIST / "index.html").is_file():
        pytest.skip("the console is not built (make console)")
    home = tmp_path_factory.mktemp("console-home")
    port = free_port()
    env = {**os.environ, "ECOMINTEL_HOME": str(home), "ECOMINTEL_BCRYPT_ROUNDS": "4",
           "ECOMINTEL_BACKEND": "local", "PYTHONDONTWRITEBYTECODE": "1"}
    log = home / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "shared.cli.main", "serve", "--port", str(port)],
                                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"ecomintel serve did not start:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.2)
    try:
        yield Served(base, home, proc, log)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Browser:
    """One Playwright browser with helpers for screenshots and accessibility checks."""

    browser: Any
    axe_source: str
    axe_results: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def page(self, width: int = 1280, height: int = 860) -> Any:
        ctx = self.browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        ctx.add_init_script(WATCH)
        return ctx.new_page()

    def shoot(self, page: Any, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def axe(self, page: Any, name: str) -> list[dict[str, Any]]:
        """Run axe-core on the page; returns the serious and critical violations."""
        page.evaluate(self.axe_source)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map("
            "v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))")
        self.axe_results[name] = violations
        return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed (make browser installs it as root: apt-get install chromium)")
    if not AXE.is_file():
        pytest.skip("axe-core is missing: run make console (npm ci in console/)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        holder = Browser(b, AXE.read_text())
        try:
            yield holder
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / "axe.json").write_text(json.dumps(holder.axe_results, indent=2))
            b.close()
