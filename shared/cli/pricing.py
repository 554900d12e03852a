"""``ecomintel pricing``: the batch pricing analysis of a CSV, with no backend."""

from __future__ import annotations

import argparse
import sys
from datetime import date


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``pricing`` command."""
    p = sub.add_parser("pricing", help="Price position, alerts and recommendations for a CSV of observations.",
                       description="Input columns sku,date,our_price,competitor,competitor_price "
                                   "[,cost,map,msrp,shipping,units,category]; one output row per SKU.")
    p.add_argument("--input", required=True, help="CSV of price observations.")
    p.add_argument("--output", required=True, help="Where to write the per-SKU CSV.")
    p.add_argument("--include-shipping", action="store_true", help="Compare shipping-inclusive prices.")
    p.add_argument("--as-of", type=date.fromisoformat, default=None,
                   help="Treat this date as today for freshness (default: the latest date in the input).")
    p.add_argument("--max-step", type=float, default=None, help="Largest price change per step (fraction).")
    p.add_argument("--margin-floor", type=float, default=None, help="Minimum gross margin on price (fraction).")
    p.add_argument("--move-threshold", type=float, default=None, help="Competitor move that alerts (fraction).")
    p.add_argument("--alerts", default=None, help="Also write competitor-move alerts to this CSV.")
    p.add_argument("--promotions", default=None, help="Also write detected promotions to this CSV.")
    p.set_defaults(func=run_batch)


PROGRESS_MIN_ROWS = 20_000


def run_batch(args: argparse.Namespace) -> int:
    """Read, analyse, write; bad input exits 2 with one line naming the row and column."""
    from pydantic import ValidationError
    from tqdm import tqdm

    from shared.cli.main import CliError
    from shared.pricing.analysis import analyse
    from shared.pricing.batch import BatchInputError, output_table, read_observations
    from shared.pricing.options import PricingOptions

    overrides = {k: v for k, v in {"max_step": args.max_step, "margin_floor": args.margin_floor,
                                   "move_threshold": args.move_threshold,
                                   "include_shipping": args.include_shipping}.items() if v is not None}
    try:
        options = PricingOptions.model_validate(overrides)
    except ValidationError as exc:
        raise CliError(f"bad option: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}") from exc
    try:
        with open(args.input, "rb") as fh:
            n_lines = max(0, sum(1 for _ in fh) - 1)
    except OSError as exc:
        raise CliError(f"cannot read {args.input}: {exc.strerror}") from exc
    bar = tqdm(total=n_lines, unit="rows", desc="pricing", file=sys.stderr,
               disable=n_lines < PROGRESS_MIN_ROWS, mininterval=0.5)
    try:
        inputs = read_observations(args.input, progress=bar.update,
                                        warn=lambda m: sys.stderr.write(f"ecomintel: warning: {m}\n"))
        bar.set_postfix_str("analysing")
        analysis = analyse(inputs, options, today=args.as_of)
        bar.set_postfix_str("writing")
        table = output_table(analysis)
        table.to_csv(args.output, index=False)
        if args.alerts:
            analysis.moves.to_csv(args.alerts, index=False, date_format="%Y-%m-%d")
        if args.promotions:
            analysis.promotions.to_csv(args.promotions, index=False, date_format="%Y-%m-%d")
    except BatchInputError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"{exc.filename}: {exc.strerror}") from exc
    finally:
        bar.close()
    for w in analysis.warnings:
        sys.stderr.write(f"ecomintel: warning: {w}\n")
    for m in analysis.missing_data:
        sys.stderr.write(f"ecomintel: missing data: {m}\n")
    sys.stderr.write(f"ecomintel: wrote {len(table)} SKUs to {args.output}\n")
    return 0 if len(table) else 1
