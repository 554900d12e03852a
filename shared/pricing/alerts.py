"""Competitor price-move alerts with hysteresis, MAP/MSRP violations and promotion detection.

Series are pivoted into a (date x series) matrix so every step below is a numpy operation across all
series at once; the only Python loop is over dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def hysteresis_alerts(values: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Alert mask and reference prices for a (time x series) price matrix (NaN = not observed).

    Each series keeps a reference price (its first observation). A price that differs from the reference
    by more than ``threshold`` (relative) alerts and becomes the new reference; smaller moves leave the
    reference untouched, so a series twitching by cents around a level never alerts, while a slow drift
    alerts once it has accumulated past the threshold.
    Returns ``(alert, reference_before)``, both shaped like ``values``.
    """
    n_t, n_s = values.shape
    alert = np.zeros((n_t, n_s), dtype=bool)
    ref_before = np.full((n_t, n_s), np.nan)
    ref = np.full(n_s, np.nan)
    for t in range(n_t):
        p = values[t]
        ref_before[t] = ref
        seen = ~np.isnan(p)
        with np.errstate(divide="ignore", invalid="ignore"):
            moved = seen & ~np.isnan(ref) & (ref > 0) & (np.abs(p / ref - 1.0) > threshold)
        alert[t] = moved
        ref = np.where(moved | (seen & np.isnan(ref)), p, ref)
    return alert, ref_before


def price_matrix(obs: pd.DataFrame, value: str = "competitor_price") -> pd.DataFrame:
    """(date x (sku, competitor)) matrix of ``value``; the last row wins for duplicate keys.

    Built from factorized codes straight into a numpy array (a pandas ``unstack`` on string keys is
    several times slower at millions of rows).
    """
    sku_codes, sku_values = pd.factorize(obs["sku"])
    comp_codes, comp_values = pd.factorize(obs["competitor"])
    pair = sku_codes.astype("int64") * max(1, len(comp_values)) + comp_codes
    pair_codes, pair_values = pd.factorize(pair, sort=True)
    date_codes, date_values = pd.factorize(obs["date"], sort=True)
    n_pairs = len(pair_values)
    cell = date_codes.astype("int64") * n_pairs + pair_codes
    values = obs[value].to_numpy(dtype="float64")
    if len(cell) and np.bincount(cell).max() > 1:  # duplicate keys: keep the last row of each cell
        order = np.argsort(cell, kind="stable")
        ordered = cell[order]
        keep = order[np.append(ordered[1:] != ordered[:-1], True)]
        cell, values = cell[keep], values[keep]
    flat = np.full(len(date_values) * n_pairs, np.nan)
    flat[cell] = values
    matrix = flat.reshape(len(date_values), n_pairs)
    n_comp = max(1, len(comp_values))
    columns = pd.MultiIndex.from_arrays(
        [np.asarray(sku_values)[pair_values // n_comp], np.asarray(comp_values)[pair_values % n_comp]],
        names=["sku", "competitor"])
    return pd.DataFrame(matrix, index=pd.DatetimeIndex(date_values, name="date"), columns=columns)


def rolling_median_before(values: np.ndarray, window: int, min_periods: int = 3) -> np.ndarray:
    """For a (time x series) matrix: median of each series' previous ``window`` rows (NaN-skipping).

    All series are laid end to end with ``window`` NaNs between them, so one C-level rolling median
    over the flat array never mixes two series.
    """
    n_t, n_s = values.shape
    padded = np.full((n_s, window + n_t), np.nan)
    padded[:, window:] = values.T
    rolled = pd.Series(padded.ravel()).rolling(window, min_periods=min_periods).median().to_numpy()
    rolled = rolled.reshape(n_s, window + n_t)[:, window - 1:-1]  # shift by one: strictly before t
    return np.ascontiguousarray(rolled.T)


def competitor_moves(obs: pd.DataFrame, *, threshold: float = 0.05, wide: pd.DataFrame | None = None) -> pd.DataFrame:
    """Competitor price moves beyond ``threshold`` (both directions), one row per alert."""
    cols = ["sku", "competitor", "date", "reference_price", "price", "change_pct", "direction"]
    if obs.empty:
        return pd.DataFrame(columns=cols)
    wide = price_matrix(obs) if wide is None else wide
    values = wide.to_numpy(dtype="float64")
    alert, ref = hysteresis_alerts(values, threshold)
    t_idx, s_idx = np.nonzero(alert)
    if len(t_idx) == 0:
        return pd.DataFrame(columns=cols)
    keys = wide.columns[s_idx]
    out = pd.DataFrame({
        "sku": keys.get_level_values(0),
        "competitor": keys.get_level_values(1),
        "date": wide.index[t_idx],
        "reference_price": ref[t_idx, s_idx],
        "price": values[t_idx, s_idx],
    })
    out["change_pct"] = 100.0 * (out["price"] / out["reference_price"] - 1.0)
    out["direction"] = np.where(out["change_pct"] > 0, "up", "down")
    return out.sort_values(["sku", "competitor", "date"]).reset_index(drop=True)


def promotions(
    obs: pd.DataFrame, *, min_depth: float = 0.10, window: int = 28, wide: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Competitor promotions: runs of days priced ``min_depth`` or more below their regular price.

    The regular price is the median of the previous ``window`` observations of that series (at least 3).
    Each run reports its start, end, duration in days, maximum and mean depth, and whether it is still
    ongoing on the series' last observation (an ongoing run may be a permanent cut, not a promotion).
    """
    cols = ["sku", "competitor", "start", "end", "duration_days", "regular_price", "min_price",
            "max_depth_pct", "mean_depth_pct", "ongoing"]
    if obs.empty:
        return pd.DataFrame(columns=cols)
    wide = price_matrix(obs) if wide is None else wide
    values = wide.to_numpy(dtype="float64")
    reg = rolling_median_before(values, window)
    with np.errstate(divide="ignore", invalid="ignore"):
        depth = 1.0 - values / reg
    flag = (depth >= min_depth) & ~np.isnan(values) & (reg > 0)
    s_idx, t_idx = np.nonzero(flag.T)  # series-major, dates ascending within a series
    if len(t_idx) == 0:
        return pd.DataFrame(columns=cols)
    # observed positions per series: consecutive observed dates (ignoring unobserved days) form one run
    observed = ~np.isnan(values)
    obs_rank = np.cumsum(observed, axis=0) - 1  # index among the series' observations
    r = obs_rank[t_idx, s_idx]
    new_run = np.ones(len(t_idx), dtype=bool)
    new_run[1:] = (s_idx[1:] != s_idx[:-1]) | (r[1:] != r[:-1] + 1)
    run_id = np.cumsum(new_run)
    dates = wide.index.to_numpy()
    last_obs_t = (len(values) - 1) - np.argmax(observed[::-1], axis=0)
    long = pd.DataFrame({
        "run": run_id, "s": s_idx, "t": t_idx, "date": dates[t_idx], "price": values[t_idx, s_idx],
        "regular": reg[t_idx, s_idx], "depth": depth[t_idx, s_idx],
    })
    runs = long.groupby("run", sort=True).agg(
        s=("s", "first"), start=("date", "min"), end=("date", "max"), t_end=("t", "max"),
        regular_price=("regular", "first"), min_price=("price", "min"), max_depth=("depth", "max"),
        mean_depth=("depth", "mean"),
    )
    keys = wide.columns[runs["s"].to_numpy()]
    out = pd.DataFrame({
        "sku": keys.get_level_values(0),
        "competitor": keys.get_level_values(1),
        "start": runs["start"].to_numpy(),
        "end": runs["end"].to_numpy(),
    })
    out["duration_days"] = (out["end"] - out["start"]).dt.days + 1
    out["regular_price"] = runs["regular_price"].to_numpy()
    out["min_price"] = runs["min_price"].to_numpy()
    out["max_depth_pct"] = 100.0 * runs["max_depth"].to_numpy()
    out["mean_depth_pct"] = 100.0 * runs["mean_depth"].to_numpy()
    out["ongoing"] = runs["t_end"].to_numpy() == last_obs_t[runs["s"].to_numpy()]
    return out[cols]


def map_violations(position: pd.DataFrame, obs: pd.DataFrame, attrs: pd.DataFrame) -> pd.DataFrame:
    """MAP/MSRP checks on the latest date: our price or a competitor's below MAP; our price above MSRP.

    ``attrs`` is indexed by sku with optional ``map_price`` and ``msrp`` columns.
    """
    cols = ["sku", "party", "kind", "date", "price", "limit"]
    if position.empty or attrs.empty:
        return pd.DataFrame(columns=cols)
    frames: list[pd.DataFrame] = []
    joined = position.join(attrs.reindex(columns=["map_price", "msrp"]), how="left")
    if "map_price" in attrs and attrs["map_price"].notna().any():
        ours = joined[joined["our_price"] < joined["map_price"]]
        frames.append(pd.DataFrame({"sku": ours.index, "party": "us", "kind": "below_map",
                                    "date": ours["latest_date"], "price": ours["our_price"],
                                    "limit": ours["map_price"]}))
        latest = joined[["latest_date", "map_price"]].dropna().reset_index()
        comp = obs.merge(latest, left_on=["sku", "date"], right_on=["sku", "latest_date"], how="inner")
        comp = comp[comp["competitor_price"] < comp["map_price"]]
        frames.append(pd.DataFrame({"sku": comp["sku"], "party": comp["competitor"], "kind": "below_map",
                                    "date": comp["date"], "price": comp["competitor_price"],
                                    "limit": comp["map_price"]}))
    if "msrp" in attrs and attrs["msrp"].notna().any():
        over = joined[joined["our_price"] > joined["msrp"]]
        frames.append(pd.DataFrame({"sku": over.index, "party": "us", "kind": "above_msrp",
                                    "date": over["latest_date"], "price": over["our_price"],
                                    "limit": over["msrp"]}))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def competitor_stockouts(obs: pd.DataFrame, *, confirm: int = 2) -> pd.DataFrame:
    """Competitor out-of-stock episodes per (sku, competitor), with hysteresis on ``in_stock`` observations.

    Why: a rival that cannot ship an item is a chance to hold or raise our price and to expect more demand.
    An episode starts after ``confirm`` consecutive out-of-stock observations (one blip does not count) and
    ends only after ``confirm`` consecutive in-stock ones, so a flickering stock badge alerts once.
    Observations without ``in_stock`` (NULL) neither extend nor break a streak.
    Returns ``sku, competitor, start`` (first out-of-stock observation of the episode), ``confirmed`` (the
    date it was confirmed), ``end`` (last out-of-stock observation), ``observations_out``, ``last_price``
    (the competitor's last observed price before or during the episode) and ``ongoing``.
    """
    cols = ["sku", "competitor", "start", "confirmed", "end", "observations_out", "last_price", "ongoing"]
    if obs.empty or "in_stock" not in obs or obs["in_stock"].isna().all():
        return pd.DataFrame(columns=cols)
    stock = obs[["sku", "competitor", "date"]].copy()
    stock["stock"] = obs["in_stock"].map({True: 1.0, False: 0.0}).astype("float64")
    wide = price_matrix(stock, value="stock")
    prices = price_matrix(obs, value="competitor_price").reindex(index=wide.index, columns=wide.columns)
    last_price = prices.ffill().to_numpy(dtype="float64")
    values = wide.to_numpy(dtype="float64")
    n_t, n_s = values.shape
    out_state = np.zeros(n_s, dtype=bool)
    out_run = np.zeros(n_s, dtype="int64")
    in_run = np.zeros(n_s, dtype="int64")
    run_start = np.zeros(n_s, dtype="int64")
    ep_start = np.zeros(n_s, dtype="int64")
    ep_confirmed = np.zeros(n_s, dtype="int64")
    ep_count = np.zeros(n_s, dtype="int64")
    last_out = np.zeros(n_s, dtype="int64")
    rows: list[tuple[int, int, int, int, int, bool]] = []
    for t in range(n_t):
        v = values[t]
        is_out, is_in = v == 0.0, v == 1.0
        run_start = np.where(is_out & (out_run == 0), t, run_start)
        out_run = np.where(is_out, out_run + 1, np.where(is_in, 0, out_run))
        in_run = np.where(is_in, in_run + 1, np.where(is_out, 0, in_run))
        last_out = np.where(is_out, t, last_out)
        ep_count = np.where(out_state & is_out, ep_count + 1, ep_count)
        enter = ~out_state & (out_run >= confirm)
        leave = out_state & (in_run >= confirm)
        ep_start = np.where(enter, run_start, ep_start)
        ep_confirmed = np.where(enter, t, ep_confirmed)
        ep_count = np.where(enter, out_run, ep_count)
        for s in np.flatnonzero(leave):
            rows.append((int(s), int(ep_start[s]), int(ep_confirmed[s]), int(last_out[s]), int(ep_count[s]), False))
        out_state = (out_state | enter) & ~leave
    for s in np.flatnonzero(out_state):
        rows.append((int(s), int(ep_start[s]), int(ep_confirmed[s]), int(last_out[s]), int(ep_count[s]), True))
    if not rows:
        return pd.DataFrame(columns=cols)
    arr = np.array([r[:5] for r in rows], dtype="int64")
    keys = wide.columns[arr[:, 0]]
    dates = wide.index
    out = pd.DataFrame({
        "sku": keys.get_level_values(0), "competitor": keys.get_level_values(1),
        "start": dates[arr[:, 1]], "confirmed": dates[arr[:, 2]], "end": dates[arr[:, 3]],
        "observations_out": arr[:, 4], "last_price": last_price[arr[:, 3], arr[:, 0]],
        "ongoing": np.array([r[5] for r in rows], dtype=bool),
    })
    return out.sort_values(["sku", "competitor", "start"]).reset_index(drop=True)[cols]
