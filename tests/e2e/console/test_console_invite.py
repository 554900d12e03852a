"""``ecomintel console-invite`` (the end of ``make demo``): its link signs a person up into the demo tenant."""

from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from shared.cli.main import main
from tests.e2e.security.conftest import signup


def test_the_printed_link_joins_the_tenant_as_admin(api: Client, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["console-invite", "--tenant", "demo", "--port", "9123"]) == 0
    out = capsys.readouterr().out
    link = re.search(r"http://127\.0\.0\.1:9123/signup\?invite=(inv_[A-Za-z0-9_-]+)", out)
    assert link, out
    me = signup(api, email="me@demo.example", invite_code=link.group(1))
    assert me.tenant_id == "demo"
    assert api.get("/v1/me", headers=me.headers).get_json()["role"] == "admin"
    again = api.post("/v1/auth/signup", json={"email": "you@demo.example", "password": "correct horse battery",
                                              "invite_code": link.group(1)})
    assert again.status_code in (400, 403, 409)  # single use
