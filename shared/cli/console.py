"""``ecomintel console-invite``: a sign-up link into an existing tenant's web console (``make demo`` ends with it).

The demo merchant's data belongs to tenant ``demo``, which has no user; an admin invite lets the person who
ran the demo create their login in that tenant from the console's sign-up page.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``console-invite``."""
    p = sub.add_parser("console-invite", help="Print how to open the web console with a sign-up link into a tenant.")
    p.add_argument("--tenant", default="demo")
    p.add_argument("--role", default="admin", choices=("viewer", "analyst", "admin"))
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--hours", type=int, default=72, help="How long the invite is valid.")
    p.set_defaults(func=_invite)


def _invite(args: argparse.Namespace) -> int:
    from urllib.parse import urlencode

    from shared.deps import get_deps
    from shared.runtime.console_assets import ConsoleAssets
    from shared.security.accounts import create_invite
    from shared.security.principal import Principal, Role

    deps = get_deps()
    inviter = Principal(subject="cli", tenant_id=args.tenant, role=Role.ADMIN, via="cli")
    code, expires = create_invite(deps.documents, inviter, Role(args.role), args.hours)
    base = f"http://127.0.0.1:{args.port}"
    print("\nOpen the web console:")
    if not ConsoleAssets().built:
        print("  make console                                  # build it once (Node comes from the venv)")
    print(f"  .venv/bin/ecomintel serve --port {args.port}")
    print(f"  then open {base}/signup?{urlencode({'invite': code})}")
    print(f"  (an {args.role} invite into tenant '{args.tenant}', valid until {expires:%Y-%m-%d %H:%M} UTC;"
          " or sign up without it for a new, empty shop)")
    return 0
