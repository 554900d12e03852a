"""Security-layer costs, with baselines run in the same process.

- JWT verify vs API-key verify (two document reads) per request.
- Token-bucket take (one SQLite transaction) vs a plain document read.
- Full middleware (@endpoint: auth, two buckets, role, metrics, logs) vs a bare functions-framework app,
  both called through the gateway's WSGI path.
- bcrypt cost 12 (production) vs cost 4 (tests).
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _per_op(fn: Callable[[], object], n: int) -> float:
    fn()
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append((time.perf_counter() - start) / n)
    return statistics.median(runs)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="bench-sec-"))
    os.environ.update({"ECOMINTEL_HOME": str(home), "ECOMINTEL_BCRYPT_ROUNDS": "4",
                       "ECOMINTEL_RATE_LIMIT_TENANT_BURST": "100000000", "ECOMINTEL_RATE_LIMIT_KEY_BURST": "100000000",
                       "ECOMINTEL_RATE_LIMIT_TENANT_PER_MINUTE": "100000000",
                       "ECOMINTEL_RATE_LIMIT_KEY_PER_MINUTE": "100000000"})
    import flask
    from werkzeug.test import Client

    from shared.config import get_settings
    from shared.deps import get_deps
    from shared.observability.logs import configure_logging
    from shared.runtime.gateway import Gateway
    from shared.security.api_keys import create_api_key, verify_api_key
    from shared.security.passwords import hash_password
    from shared.security.principal import Principal, Role
    from shared.security.rate_limit import Limit, consume
    from shared.security.tokens import mint_token, verify_token

    configure_logging()
    logging.getLogger().setLevel(logging.WARNING)  # measure the work, not stderr
    settings, deps = get_settings(), get_deps()
    admin = Principal(subject="u1", tenant_id="t1", role=Role.ADMIN)
    token = mint_token(settings, subject="u1", tenant_id="t1", role=Role.ADMIN)
    key, _ = create_api_key(deps.documents, settings, admin, name="bench", role=Role.ADMIN)

    jwt_s = _per_op(lambda: verify_token(settings, token), 2000)
    key_s = _per_op(lambda: verify_api_key(deps.documents, key), 2000)
    read_s = _per_op(lambda: deps.documents.get("tenants/t1/api_keys", "missing"), 2000)
    bucket_s = _per_op(lambda: consume(deps.documents, "tenant", "t1", Limit(10**8, 10**8)), 1000)
    print(f"jwt verify            {jwt_s * 1e6:8.1f} us")
    print(f"api-key verify        {key_s * 1e6:8.1f} us   ratio vs jwt {key_s / jwt_s:5.2f}x")
    print(f"document read         {read_s * 1e6:8.1f} us")
    print(f"token-bucket take     {bucket_s * 1e6:8.1f} us   ratio vs read {bucket_s / read_s:5.2f}x")

    bare = flask.Flask("bare")

    @bare.route("/v1/me")
    def me() -> flask.Response:
        return flask.jsonify({"subject": "u1"})

    bare_client, gw = Client(bare), Client(Gateway())
    headers = {"Authorization": f"Bearer {token}"}
    bare_s = _per_op(lambda: bare_client.get("/v1/me"), 500)
    full_s = _per_op(lambda: gw.get("/v1/me", headers=headers), 500)
    print(f"bare flask GET        {bare_s * 1e6:8.1f} us")
    print(f"gateway+@endpoint GET {full_s * 1e6:8.1f} us   ratio vs bare {full_s / bare_s:5.2f}x "
          f"(overhead {(full_s - bare_s) * 1e3:.2f} ms/request)")

    b4 = _per_op(lambda: hash_password("correct horse", rounds=4), 20)
    b12 = _per_op(lambda: hash_password("correct horse", rounds=12), 2)
    print(f"bcrypt cost 4         {b4 * 1e3:8.2f} ms")
    print(f"bcrypt cost 12        {b12 * 1e3:8.2f} ms   ratio vs cost 4 {b12 / b4:5.1f}x")


if __name__ == "__main__":
    main()
