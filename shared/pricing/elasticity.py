"""Own-price elasticity from sales history: log(units) = a + b log(price), per SKU, with intervals.

The fit is ordinary least squares done with grouped sums, so every SKU is estimated in one pass.
Days with zero units are left out of the fit (the log is undefined) and counted in ``n_zero_days``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

METHOD = "log-log OLS elasticity"


def estimate_elasticity(
    sales: pd.DataFrame, *, min_obs: int = 8, min_price_cv: float = 0.02, level: float = 0.90
) -> pd.DataFrame:
    """Elasticity per SKU from ``sales`` (columns ``sku``, ``units``, ``price``; one row per day).

    Returns, indexed by sku: ``elasticity`` (the slope b), ``std_err``, ``ci_low``/``ci_high`` (two-sided
    ``level`` t-interval), ``n_obs``, ``n_zero_days``, ``r2``, ``price_cv``, ``mean_units`` and ``usable``
    with a ``reason`` when not usable (too few days, too little price variation).
    """
    cols = ["elasticity", "std_err", "ci_low", "ci_high", "n_obs", "n_zero_days", "r2", "price_cv",
            "mean_units", "mean_price", "usable", "reason"]
    if sales.empty:
        return pd.DataFrame(columns=cols).rename_axis("sku")
    valid = sales[(sales["price"] > 0) & sales["units"].notna()]
    zero_days = (valid["units"] <= 0).groupby(valid["sku"]).sum()
    fit = valid[valid["units"] > 0]
    x = np.log(fit["price"].to_numpy(dtype="float64"))
    y = np.log(fit["units"].to_numpy(dtype="float64"))
    g = pd.DataFrame({"sku": fit["sku"].to_numpy(), "x": x, "y": y, "xx": x * x, "xy": x * y, "yy": y * y,
                      "p": fit["price"].to_numpy(dtype="float64"), "u": fit["units"].to_numpy(dtype="float64")})
    sums = g.groupby("sku", sort=True).agg(n=("x", "size"), sx=("x", "sum"), sy=("y", "sum"), sxx=("xx", "sum"),
                                           sxy=("xy", "sum"), syy=("yy", "sum"), p_mean=("p", "mean"),
                                           p_std=("p", "std"), u_mean=("u", "mean"))
    n = sums["n"].to_numpy(dtype="float64")
    sxx_c = sums["sxx"].to_numpy() - sums["sx"].to_numpy() ** 2 / n
    sxy_c = sums["sxy"].to_numpy() - sums["sx"].to_numpy() * sums["sy"].to_numpy() / n
    syy_c = sums["syy"].to_numpy() - sums["sy"].to_numpy() ** 2 / n
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = sxy_c / sxx_c
        sse = np.maximum(syy_c - slope * sxy_c, 0.0)
        dof = n - 2
        se = np.sqrt(sse / dof / sxx_c)
        r2 = np.where(syy_c > 0, 1.0 - sse / syy_c, np.nan)
        cv = sums["p_std"].to_numpy() / sums["p_mean"].to_numpy()
    tcrit = stats.t.ppf(0.5 + level / 2.0, np.maximum(dof, 1))
    out = pd.DataFrame(index=sums.index)
    out["elasticity"] = slope
    out["std_err"] = se
    out["ci_low"] = slope - tcrit * se
    out["ci_high"] = slope + tcrit * se
    out["n_obs"] = sums["n"].astype("int64")
    out["n_zero_days"] = zero_days.reindex(out.index).fillna(0).astype("int64")
    out["r2"] = r2
    out["price_cv"] = cv
    out["mean_units"] = sums["u_mean"]
    out["mean_price"] = sums["p_mean"]
    few = n < min_obs
    flat = ~(cv >= min_price_cv)
    out["usable"] = ~few & ~flat & np.isfinite(slope) & np.isfinite(se)
    out["reason"] = np.where(few, f"fewer than {min_obs} days with sales",
                             np.where(flat, f"price varied less than {min_price_cv:.0%}", ""))
    missing = zero_days.index.difference(out.index)
    if len(missing):
        extra = pd.DataFrame(index=missing, columns=cols)
        extra["n_obs"] = 0
        extra["n_zero_days"] = zero_days.reindex(missing).astype("int64")
        extra["usable"] = False
        extra["reason"] = "no days with sales"
        out = pd.concat([out, extra])
    return out[cols].rename_axis("sku")


def profit_max_price(elasticity: np.ndarray | float, cost: np.ndarray | float) -> np.ndarray:
    """Profit-maximising price under constant elasticity b: cost * b / (1 + b) when b < -1, else NaN.

    With b >= -1 demand is inelastic and profit keeps rising with price: there is no interior optimum.
    """
    b = np.asarray(elasticity, dtype="float64")
    c = np.asarray(cost, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b < -1.0, c * b / (1.0 + b), np.nan)


def simulate_price_change(
    *, change_pct: float, elasticity: float, ci_low: float, ci_high: float, price: float,
    base_units: float, cost: float | None,
) -> dict[str, float | None]:
    """Expected change in units, revenue and profit for a price change, with the elasticity interval.

    Units scale by ``(1 + change)^b``; ``base_units`` is the baseline over the period of interest. The
    low/high figures use the interval's ends (the more elastic end gives fewer units on a rise).
    """
    factor = 1.0 + change_pct / 100.0
    new_price = price * factor

    def scenario(b: float) -> tuple[float, float, float | None]:
        units = base_units * factor ** b
        d_units = units - base_units
        d_revenue = units * new_price - base_units * price
        d_profit = None if cost is None else units * (new_price - cost) - base_units * (price - cost)
        return d_units, d_revenue, d_profit

    mid, a, b = scenario(elasticity), scenario(ci_low), scenario(ci_high)
    out: dict[str, float | None] = {"new_price": new_price, "units_multiplier": factor ** elasticity}
    for i, name in enumerate(("units", "revenue", "profit")):
        ends = [v for v in (a[i], b[i]) if v is not None]
        out[f"delta_{name}"] = mid[i]
        out[f"delta_{name}_low"] = min(ends) if ends else None
        out[f"delta_{name}_high"] = max(ends) if ends else None
    return out
