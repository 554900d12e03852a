"""``ecomintel forecast``: batch demand forecasts from a CSV, without any backend."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``forecast``."""
    p = sub.add_parser("forecast", help="Forecast every series of a CSV (series_id,date,units[,price,promo]).")
    p.add_argument("--input", required=True, help="CSV with series_id,date,units and optional price,promo.")
    p.add_argument("--horizon", required=True, type=int, help="Periods to forecast (e.g. 7, 30, 90).")
    p.add_argument("--freq", choices=["D", "W", "M", "d", "w", "m"], default=None,
                   help="Period of the series (inferred from the dates when omitted).")
    p.add_argument("--output", required=True, help="Output CSV: series_id,date,forecast,lower,upper,model.")
    p.add_argument("--level", type=float, default=0.9, help="Central prediction-interval level (default 0.9).")
    p.add_argument("--workers", type=int, default=None, help="Worker processes (default: CPU count).")
    p.add_argument("--prophet", choices=["auto", "always", "never"], default="auto",
                   help="auto: Prophet competes on long, non-intermittent series.")
    p.add_argument("--country", default=None,
                   help="Public-holiday calendar (e.g. US, GB, DE): wider bands near holidays; Prophet's holidays.")
    p.add_argument("--future", default=None,
                   help="CSV series_id,date,price,promo of planned prices/promotions over the horizon.")
    p.add_argument("--no-global", action="store_true", help="Skip the global LightGBM model.")
    p.add_argument("--report", default=None, help="Also write a JSON backtest report per series here.")
    p.set_defaults(func=run_forecast)

    j = sub.add_parser("forecast-job", help="Forecast every SKU of a tenant: fan out chunks over the message bus.")
    j.add_argument("--tenant", required=True)
    j.add_argument("--horizon", type=int, default=30, help="Days to forecast.")
    j.add_argument("--as-of", default=None, help="Treat this date (YYYY-MM-DD) as today.")
    j.add_argument("--chunk-size", type=int, default=200, help="SKUs per message.")
    j.add_argument("--wait", action="store_true", help="Wait until every chunk is forecast and report the job.")
    j.set_defaults(func=run_forecast_job)


def run_forecast(args: argparse.Namespace) -> int:
    """Read, forecast in parallel with a progress bar on stderr, write the output CSV."""
    import json
    import sys

    import pandas as pd
    from tqdm import tqdm

    from shared.cli.main import CliError
    from shared.errors import InvalidInput
    from shared.forecast.batch import forecast_batch
    from shared.forecast.censoring import censor_stockouts
    from shared.forecast.csv_input import (
        attach_future,
        choose_freq,
        export_series,
        read_future_csv,
        read_sales_csv,
    )
    from shared.forecast.engine import ForecastOptions

    if args.horizon < 1:
        raise CliError("--horizon must be at least 1")
    if not 0 < args.level < 1:
        raise CliError("--level must be between 0 and 1")
    try:
        frame = read_sales_csv(args.input)
        for note in frame.attrs.get("notes", []):
            sys.stderr.write(f"note: {note}\n")
        for warning in frame.attrs.get("warnings", []):
            sys.stderr.write(f"warning: {warning}\n")
        freq = choose_freq(frame, args.freq)
        series = censor_stockouts(export_series(frame, freq), frame)
    except InvalidInput as exc:
        raise CliError(f"{args.input}: {exc.message}") from exc
    censored = sum(s.censored_periods for s in series)
    if censored:
        sys.stderr.write(f"stock: {censored} out-of-stock periods in {sum(s.censored_periods > 0 for s in series)} "
                         "series were treated as censored demand (not zero demand)\n")
    if args.future:
        try:
            series = attach_future(series, read_future_csv(args.future), args.horizon)
        except InvalidInput as exc:
            raise CliError(f"{args.future}: {exc.message}") from exc
    options = ForecastOptions(horizon=args.horizon, level=args.level, prophet=args.prophet, country=args.country)
    with tqdm(total=len(series), desc="forecast", unit="series", file=sys.stderr) as bar:
        results = forecast_batch(series, options, workers=args.workers, use_global=not args.no_global,
                                 progress=bar.update)
    rows = pd.concat([
        pd.DataFrame({"series_id": r.series_id, "date": r.dates.strftime("%Y-%m-%d"),
                      "forecast": r.forecast.round(4), "lower": r.lower.round(4), "upper": r.upper.round(4),
                      "model": r.model})
        for r in results
    ], ignore_index=True)
    rows.to_csv(args.output, index=False)
    short = [r.series_id for r in results if r.status == "insufficient_history"]
    if short:
        sys.stderr.write(f"warning: {len(short)} series have too little history to backtest "
                         f"(e.g. {', '.join(short[:5])}); their forecasts are unvalidated\n")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as fh:
            json.dump({"freq": freq, "horizon": args.horizon, "series": [r.to_dict() for r in results]}, fh)
    sys.stderr.write(f"wrote {len(rows)} rows for {len(results)} series ({freq}) to {args.output}\n")
    return 0


def run_forecast_job(args: argparse.Namespace) -> int:
    """Publish the chunk messages of a tenant-wide forecast (and, with ``--wait``, wait for them)."""
    import json
    from datetime import date

    from shared.cli.main import CliError
    from shared.deps import get_deps
    from shared.forecast.jobs import start_job

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError as exc:
        raise CliError(f"--as-of: {exc}") from exc
    if args.chunk_size < 1 or args.horizon < 1:
        raise CliError("--chunk-size and --horizon must be at least 1")
    deps = get_deps()
    job = start_job(deps, args.tenant, horizon_days=args.horizon, as_of=as_of, chunk_size=args.chunk_size)
    if args.wait:
        from shared.runtime import runtime_for
        from shared.runtime.records import await_record
        from shared.store.documents.jobs import forecast_jobs_collection

        job = await_record(deps, runtime_for(deps), forecast_jobs_collection(args.tenant), job["job_id"],
                           done=lambda d: d.get("status") != "running") or job
    print(json.dumps(job))
    return 0
