"""``ecomintel ask``: a question in plain language -> the report, through the real query function."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.runtime import Runtime
    from shared.runtime.served import ServedRuntime


def cli_runtime() -> Runtime | ServedRuntime:
    """Where a CLI command sends its API calls: the ``ecomintel serve`` holding the embedded home, else here.

    While ``serve`` holds the home (one writer), opening it would wait for the server to stop; a question is
    sent through the server's API instead, as ``ecomintel ingest`` sends files.
    """
    from shared.config import get_settings
    from shared.deps import get_deps
    from shared.runtime import runtime_for
    from shared.runtime.served import served_runtime

    return served_runtime(get_settings()) or runtime_for(get_deps())


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``ask``."""
    p = sub.add_parser("ask", help="Ask a question about a tenant's data; prints the evidence-backed report.")
    p.add_argument("question")
    p.add_argument("--tenant", required=True)
    p.add_argument("--mode", choices=["quick", "deep"], default="quick")
    p.add_argument("--json", action="store_true", help="Print the report model as JSON.")
    p.add_argument(
        "--full",
        action="store_true",
        help="Keep every finding, risk and action the agents produced (default: the 5 most relevant).",
    )
    p.add_argument("--session", default=None, help="Session id: follow-up questions resolve against it.")
    p.add_argument("--user", default="cli", help="User whose preferences apply.")
    p.add_argument("--no-cache", action="store_true", help="Do not serve or store a cached answer.")
    p.add_argument("--as-of", default=None, help="Treat this date (YYYY-MM-DD) as today.")
    p.set_defaults(func=_ask)


def _ask(args: argparse.Namespace) -> int:
    from shared.cli.main import CliError
    from shared.orchestration.client import AskFailed, ask
    from shared.orchestration.render import render_report

    try:
        resp = ask(
            None,
            args.question,
            tenant=args.tenant,
            mode=args.mode,
            user=args.user,
            session_id=args.session,
            use_cache=not args.no_cache,
            as_of=args.as_of,
            full=args.full,
            runtime=cli_runtime(),
        )
    except AskFailed as exc:
        raise CliError(exc.message) from exc
    if resp.report is None:
        raise CliError(f"job {resp.job_id} did not finish; poll GET /v1/jobs/{resp.job_id}")
    if args.json:
        sys.stdout.write(json.dumps(resp.report.model_dump(mode="json"), indent=2) + "\n")
    else:
        sys.stdout.write(render_report(resp.report, cached=resp.cached, full=args.full) + "\n")
    _finish_background_fits()
    return 0


def _finish_background_fits() -> None:
    """Let the fits an answer left running finish before the process ends, as its answer promised.

    A forecast answered from the store's series while the per-product fits run says they are fitted "for the next
    question"; in a served process they are, but the CLI's process ended with them (daemon threads) and every
    ``ecomintel ask`` started them over, never to see them. The answer is already printed when this waits.

    Only a process that imported the fit registry can have started a fit: a metric question never does, and
    importing it here for the check cost every such question the forecast engine's imports (scipy.stats:
    0.7 s of CPU per run, measured) on its way out.
    """
    fit_reuse = sys.modules.get("shared.forecast.fit_reuse")
    if fit_reuse is None:
        return
    background_fits, wait_for_background = fit_reuse.background_fits, fit_reuse.wait_for_background
    if background_fits():
        sys.stderr.write("Finishing the per-product forecasts for your next question (Ctrl-C skips) ...\n")
        sys.stderr.flush()
        try:
            wait_for_background()
        except KeyboardInterrupt:
            sys.stderr.write("Skipped: the next question fits them again.\n")
