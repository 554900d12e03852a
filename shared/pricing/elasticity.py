"""Own-price elasticity from sales history: log(units) = a + b log(price), per SKU, with intervals.

The fit is ordinary least squares done with grouped sums, so every SKU is estimated in one pass.
Days with zero units are left out of the fit (the log is undefined) and counted in ``n_zero_days``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

METHOD = "log-log OLS elasticity"


def _ols_sums(sales: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Centred sums of squares of log price and log units per SKU, and the zero-unit days per SKU.

    Rows with a non-positive price or no units are dropped; zero-unit days are counted, not fitted.
    """
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
    sums["sxx_c"] = np.maximum(sums["sxx"].to_numpy() - sums["sx"].to_numpy() ** 2 / n, 0.0)
    sums["sxy_c"] = sums["sxy"].to_numpy() - sums["sx"].to_numpy() * sums["sy"].to_numpy() / n
    sums["syy_c"] = np.maximum(sums["syy"].to_numpy() - sums["sy"].to_numpy() ** 2 / n, 0.0)
    return sums, zero_days


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
    sums, zero_days = _ols_sums(sales)
    n = sums["n"].to_numpy(dtype="float64")
    sxx_c, sxy_c, syy_c = (sums[c].to_numpy(dtype="float64") for c in ("sxx_c", "sxy_c", "syy_c"))
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


POOLED_METHOD = "log-log elasticity, empirical-Bayes pooled toward the category and catalogue"
_NO_CATEGORY = "(no category)"


def _dl_between(est: np.ndarray, var: np.ndarray, group: np.ndarray) -> float:
    """DerSimonian-Laird variance of true effects around their group means, pooled over groups.

    ``est``/``var`` are estimates and their sampling variances; ``group`` the integer group of each. With one
    group this is the classic random-effects tau^2. Returns 0 when the spread is explained by sampling noise.
    """
    w = 1.0 / var
    sw = np.bincount(group, weights=w)
    swb = np.bincount(group, weights=w * est)
    sw2 = np.bincount(group, weights=w * w)
    used = sw > 0
    mean = np.divide(swb, sw, out=np.zeros_like(sw), where=used)
    q = float(np.sum(w * (est - mean[group]) ** 2))
    dof = len(est) - int(used.sum())
    c = float(np.sum(sw[used] - sw2[used] / sw[used]))
    if dof <= 0 or c <= 0:
        return 0.0
    return max(0.0, (q - dof) / c)


def pooled_elasticity(
    sales: pd.DataFrame, categories: pd.Series | None = None, *, level: float = 0.90, min_obs: int = 8,
    min_price_cv: float = 0.02, prior_dof: float = 4.0, min_within_sd: float = 0.2,
) -> pd.DataFrame:
    """Per-SKU elasticity shrunk toward its category's and the catalogue's (empirical Bayes), with intervals.

    Why: a SKU with a week of sales or a price that barely moved gives a raw slope too noisy to act on;
    its category's SKUs usually respond alike. The model is two-level normal:
    raw b_i ~ N(beta_i, v_i), beta_i ~ N(m_c, tau^2), m_c ~ N(M, sigma^2). Steps:

    1. Raw log-log OLS per SKU (>= 3 days with sales). Its residual variance is moderated toward the
       catalogue's pooled residual variance with ``prior_dof`` pseudo-days (short series have noisy
       variance estimates too), giving v_i.
    2. tau^2 (spread of true elasticities within a category) and sigma^2 (spread of category means) by
       DerSimonian-Laird; category means m_c are shrunk toward the catalogue mean M the same way.
    3. Posterior: precision-weighted mean of b_i and the category prior (variance tau^2 + the prior mean's
       own variance); the interval is normal at ``level``. SKUs without a raw fit get the prior itself.

    ``categories`` maps sku to category (SKUs missing from it share one "no category" group).
    Returns, indexed by sku: ``elasticity``, ``std_err``, ``ci_low``, ``ci_high``, ``raw_elasticity``,
    ``raw_std_err``, ``prior_mean``, ``prior_std``, ``shrinkage`` (weight of the prior, 0-1), ``pooled``
    (the raw fit alone is not usable by ``estimate_elasticity``'s rules, or the prior carries >= 10% of
    the weight), ``n_obs``, ``category``, ``source`` (sku, sku+category, category, catalogue, none), ``level``
    and ``method``.
    """
    cols = ["elasticity", "std_err", "ci_low", "ci_high", "raw_elasticity", "raw_std_err", "prior_mean",
            "prior_std", "shrinkage", "pooled", "n_obs", "category", "source", "level", "method"]
    skus = pd.Index(pd.unique(sales["sku"]), name="sku") if not sales.empty else pd.Index([], name="sku")
    if len(skus) == 0:
        return pd.DataFrame(columns=cols).rename_axis("sku")
    sums, _ = _ols_sums(sales)
    sums = sums.reindex(skus)
    n = sums["n"].fillna(0).to_numpy(dtype="float64")
    sxx, sxy, syy = (sums[c].to_numpy(dtype="float64") for c in ("sxx_c", "sxy_c", "syy_c"))
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = sxy / sxx
        dof = n - 2
        sse = np.maximum(syy - slope * sxy, 0.0)
        cv = sums["p_std"].to_numpy(dtype="float64") / sums["p_mean"].to_numpy(dtype="float64")
    fit_ok = (dof >= 1) & (sxx > 1e-12) & np.isfinite(slope)
    if categories is not None:
        cat = categories[~categories.index.duplicated(keep="last")].reindex(skus)
    else:
        cat = pd.Series(index=skus, dtype=object)
    cat_values = cat.astype(object).where(cat.notna(), _NO_CATEGORY).astype(str).to_numpy()
    cat_codes, cat_names = pd.factorize(cat_values)
    out = pd.DataFrame(index=skus, columns=cols)
    out["n_obs"] = n.astype("int64")
    out["category"] = cat_values
    out["method"] = POOLED_METHOD
    out["level"] = level
    raw_var = np.full(len(skus), np.nan)
    if fit_ok.any():
        pooled_s2 = float(sse[fit_ok].sum() / dof[fit_ok].sum())
        s2 = np.where(fit_ok, sse / np.where(fit_ok, dof, 1.0), np.nan)
        s2_mod = (prior_dof * pooled_s2 + dof * s2) / (prior_dof + dof)
        # a perfect fit still has some noise: never let a variance reach 0
        s2_mod = np.maximum(s2_mod, 1e-6)
        raw_var = np.where(fit_ok, s2_mod / np.where(fit_ok, sxx, 1.0), np.nan)
    out["raw_elasticity"] = np.where(fit_ok, slope, np.nan)
    out["raw_std_err"] = np.sqrt(raw_var)
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    raw_usable = fit_ok & (n >= min_obs) & (cv >= min_price_cv)
    if fit_ok.sum() < 2:
        # nothing to pool toward: the raw fit (where there is one) is all there is
        se = np.sqrt(raw_var)
        out["elasticity"] = out["raw_elasticity"]
        out["std_err"] = se
        out["ci_low"], out["ci_high"] = slope - z * se, slope + z * se
        out["shrinkage"] = np.where(fit_ok, 0.0, np.nan)
        out["pooled"] = False
        out["source"] = np.where(fit_ok, "sku", "none")
        return out.astype({"pooled": bool})
    b, v, g = slope[fit_ok], raw_var[fit_ok], cat_codes[fit_ok]
    n_cat = len(cat_names)
    # the moment estimate of tau^2 is noisy (often 0 with few SKUs); SKUs of one category never respond
    # identically, so it is floored at min_within_sd^2, which keeps short-series intervals honest
    tau2 = max(_dl_between(b, v, g), min_within_sd ** 2)
    w = 1.0 / (v + tau2)
    sw = np.bincount(g, weights=w, minlength=n_cat)
    has = sw > 0
    m_c = np.divide(np.bincount(g, weights=w * b, minlength=n_cat), sw, out=np.zeros(n_cat), where=has)
    v_c = np.divide(1.0, sw, out=np.full(n_cat, np.inf), where=has)
    idx = np.flatnonzero(has)
    sigma2 = _dl_between(m_c[idx], v_c[idx], np.zeros(len(idx), dtype="int64")) if len(idx) > 1 else 0.0
    wm = 1.0 / (v_c[idx] + sigma2)
    big_m = float(np.sum(wm * m_c[idx]) / np.sum(wm))
    v_big_m = float(1.0 / np.sum(wm))
    # category prior mean: its own mean shrunk toward the catalogue's (which carries its own uncertainty)
    spread = sigma2 + v_big_m
    prec_c = np.where(has, 1.0 / v_c, 0.0) + 1.0 / spread
    prior_c = (np.where(has, m_c / v_c, 0.0) + big_m / spread) / prec_c
    prior_var = tau2 + 1.0 / prec_c
    pm, pv = prior_c[cat_codes], prior_var[cat_codes]
    with np.errstate(divide="ignore", invalid="ignore"):
        post_prec = np.where(fit_ok, 1.0 / raw_var, 0.0) + 1.0 / pv
        post_mean = (np.where(fit_ok, slope / raw_var, 0.0) + pm / pv) / post_prec
        shrink = np.where(fit_ok, (1.0 / pv) / post_prec, 1.0)
    se = np.sqrt(1.0 / post_prec)
    out["elasticity"] = post_mean
    out["std_err"] = se
    out["ci_low"] = post_mean - z * se
    out["ci_high"] = post_mean + z * se
    out["prior_mean"] = pm
    out["prior_std"] = np.sqrt(pv)
    out["shrinkage"] = shrink
    out["pooled"] = ~raw_usable | (shrink >= 0.10)
    only_cat = np.array([has[c] and str(cat_names[c]) != _NO_CATEGORY for c in cat_codes])
    out["source"] = np.where(~fit_ok, np.where(only_cat, "category", "catalogue"),
                             np.where(shrink >= 0.10, "sku+category", "sku"))
    return out.astype({"pooled": bool, "elasticity": "float64", "std_err": "float64", "ci_low": "float64",
                       "ci_high": "float64", "shrinkage": "float64"})


@dataclass(frozen=True)
class UnitChange:
    """Expected % change in units for a % price change under constant elasticity, with its interval."""

    sku: str
    price_change_pct: float
    units_change_pct: float
    units_change_low_pct: float
    units_change_high_pct: float
    elasticity: float
    ci_low: float
    ci_high: float
    level: float
    pooled: bool
    source: str
    method: str


def unit_change_pct(change_pct: float, elasticity: float) -> float:
    """% change in units when the price changes by ``change_pct`` % and demand has constant ``elasticity``."""
    return 100.0 * ((1.0 + change_pct / 100.0) ** elasticity - 1.0)


def expected_unit_change(estimates: pd.DataFrame, sku: str, change_pct: float) -> UnitChange | None:
    """What the what-if answer states: units change for ``change_pct`` on ``sku`` from ``pooled_elasticity``.

    The interval's ends come from the elasticity interval's ends (monotone in b for a fixed price change).
    Returns ``None`` when the SKU has no estimate (not in ``estimates`` or NaN).
    """
    if sku not in estimates.index:
        return None
    row: dict[Any, Any] = estimates.loc[sku].to_dict()
    b = float(row["elasticity"])
    if not np.isfinite(b):
        return None
    ends = sorted(unit_change_pct(change_pct, float(row[c])) for c in ("ci_low", "ci_high"))
    return UnitChange(sku=str(sku), price_change_pct=change_pct, units_change_pct=unit_change_pct(change_pct, b),
                      units_change_low_pct=ends[0], units_change_high_pct=ends[1], elasticity=b,
                      ci_low=float(row["ci_low"]), ci_high=float(row["ci_high"]), level=float(row["level"]),
                      pooled=bool(row["pooled"]), source=str(row["source"]), method=str(row["method"]))


CROSS_METHOD = "log-log regression on own and the other SKU's price, Benjamini-Hochberg across pairs"


def cross_price_effects(
    sales: pd.DataFrame, categories: pd.Series, *, level: float = 0.90, min_days: int = 20,
    fdr: float = 0.05, max_skus_per_category: int = 60,
) -> pd.DataFrame:
    """Cross-price elasticities between SKUs of one category, kept only where the data supports them.

    For each ordered pair (i, j) in a category: log(units_i) = a + b log(p_i) + c log(p_j) over the days
    both have a price and i sold. ``c`` > 0 means j is a substitute (j dearer -> more of i). A pair is kept
    when it has ``min_days`` such days, ``c`` > 0, and its p-value passes Benjamini-Hochberg at ``fdr``
    across all pairs tested (many pairs are tested: without that, 1 in 20 null pairs would look real).
    Categories larger than ``max_skus_per_category`` are skipped (pairs grow quadratically).
    Returns ``sku, other_sku, cross_elasticity, ci_low, ci_high, own_elasticity, n_obs, p_value, method``.
    """
    cols = ["sku", "other_sku", "cross_elasticity", "ci_low", "ci_high", "own_elasticity", "n_obs", "p_value",
            "method"]
    valid = sales[(sales["price"] > 0) & sales["units"].notna()]
    if valid.empty:
        return pd.DataFrame(columns=cols)
    price = valid.pivot_table(index="date", columns="sku", values="price", aggfunc="mean")
    units = valid.pivot_table(index="date", columns="sku", values="units", aggfunc="sum").reindex(
        index=price.index, columns=price.columns)
    logp = pd.DataFrame(np.log(price.to_numpy(dtype="float64")), index=price.index, columns=price.columns)
    logu = pd.DataFrame(np.log(units.where(units > 0).to_numpy(dtype="float64")), index=price.index,
                        columns=price.columns)
    frames = []
    cats = categories[~categories.index.duplicated(keep="last")].reindex(logp.columns)
    for _, members in cats.dropna().groupby(cats.dropna()):
        skus = list(members.index)
        if len(skus) < 2 or len(skus) > max_skus_per_category:
            continue
        ii, jj = (a.ravel() for a in np.meshgrid(np.arange(len(skus)), np.arange(len(skus)), indexing="ij"))
        keep = ii != jj
        ii, jj = ii[keep], jj[keep]
        p = logp[skus].to_numpy(dtype="float64")
        u = logu[skus].to_numpy(dtype="float64")
        y, x1, x2 = u[:, ii], p[:, ii], p[:, jj]
        m = np.isfinite(y) & np.isfinite(x1) & np.isfinite(x2)
        n = m.sum(axis=0).astype("float64")
        y, x1, x2 = np.where(m, y, 0.0), np.where(m, x1, 0.0), np.where(m, x2, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            def cov(a: np.ndarray, b: np.ndarray, n: np.ndarray = n) -> np.ndarray:
                return np.asarray((a * b).sum(axis=0) - a.sum(axis=0) * b.sum(axis=0) / n)

            s11, s22, s12 = cov(x1, x1), cov(x2, x2), cov(x1, x2)
            s1y, s2y, syy = cov(x1, y), cov(x2, y), cov(y, y)
            det = s11 * s22 - s12 ** 2
            b = (s22 * s1y - s12 * s2y) / det
            c = (s11 * s2y - s12 * s1y) / det
            dof = n - 3
            sse = np.maximum(syy - b * s1y - c * s2y, 0.0)
            se_c = np.sqrt(sse / dof * s11 / det)
            tstat = c / se_c
        ok = (n >= min_days) & (det > 1e-12) & np.isfinite(se_c) & (se_c > 0)
        pval = np.where(ok, stats.t.sf(tstat, np.maximum(dof, 1)), 1.0)  # one-sided: c > 0
        tcrit = stats.t.ppf(0.5 + level / 2.0, np.maximum(dof, 1))
        frames.append(pd.DataFrame({
            "sku": np.asarray(skus)[ii], "other_sku": np.asarray(skus)[jj], "cross_elasticity": c,
            "ci_low": c - tcrit * se_c, "ci_high": c + tcrit * se_c, "own_elasticity": b,
            "n_obs": n.astype("int64"), "p_value": pval, "tested": ok,
        }))
    if not frames:
        return pd.DataFrame(columns=cols)
    pairs = pd.concat(frames, ignore_index=True)
    tested = pairs[pairs["tested"]].sort_values("p_value")
    if tested.empty:
        return pd.DataFrame(columns=cols)
    rank = np.arange(1, len(tested) + 1)
    passed = tested["p_value"].to_numpy() <= fdr * rank / len(tested)
    cutoff = int(np.flatnonzero(passed).max()) + 1 if passed.any() else 0
    out = tested.iloc[:cutoff].assign(method=CROSS_METHOD)
    return out[cols].sort_values(["sku", "other_sku"]).reset_index(drop=True)


def what_if_units(
    sales: pd.DataFrame, categories: pd.Series | None, sku: str, change_pct: float, *, level: float = 0.90
) -> UnitChange | None:
    """One call for the what-if answer: pool the catalogue's elasticities, then the unit change for ``sku``.

    ``sales`` should hold the whole catalogue (or at least ``sku``'s category): pooling needs the other
    SKUs. ``categories`` maps sku to category (e.g. ``PricingInputs.attributes["category"]``).
    """
    return expected_unit_change(pooled_elasticity(sales, categories, level=level), sku, change_pct)
