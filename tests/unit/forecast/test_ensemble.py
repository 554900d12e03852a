"""The pooled robust ensemble, its members, conformal bands and stockout censoring."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shared.cli.main import main
from shared.forecast import ensemble as E
from shared.forecast.censoring import censor_stockouts, impute_censored
from shared.forecast.csv_input import to_series
from shared.forecast.direct_model import DirectInput, fit_direct, predict_direct, robust_scale, row_bank
from shared.forecast.engine import ForecastOptions
from shared.forecast.intervals import conformal_quantile
from shared.forecast.members import adjusted_members, level, local_members, pooled_seasonality, weekday_bound
from shared.forecast.metrics import mase
from shared.forecast.periods import RegularSeries
from shared.sample.weekly_panel import weekly_panel


@pytest.fixture(scope="module")
def panel() -> list[RegularSeries]:
    return to_series(weekly_panel(40, 130, seed=3).frame, "W")


def test_level_is_the_median_of_the_last_13_weeks() -> None:
    y = np.r_[np.full(20, 100.0), np.arange(13.0)]
    assert np.all(level(y, 4, 52) == 6.0)


def test_robust_scale_never_zero() -> None:
    assert robust_scale(np.zeros(10), 13) == 1.0
    assert robust_scale(np.r_[np.zeros(10), 26.0], 13) == pytest.approx(26 / 11)


def test_direct_model_learns_promotion_lift_from_planned_prices() -> None:
    rng = np.random.default_rng(0)
    inputs = []
    for _ in range(30):
        n, h = 100, 6
        promo = (rng.random(n + h) < 0.2).astype(float)
        price = np.where(promo > 0, 7.0, 10.0)
        y = rng.poisson(20 * np.where(promo[:n] > 0, 3.0, 1.0)).astype(float)
        inputs.append(DirectInput(y, np.zeros(n + h), price, promo))
    model = fit_direct(inputs, 6, "W", use_price=True)
    assert model is not None
    base = inputs[0]
    assert base.promo is not None
    planned = np.r_[base.promo[:100], [1, 0, 1, 0, 1, 0]]
    planned_price = np.where(planned > 0, 7.0, 10.0)
    fc = predict_direct(model, [replace(base, price=planned_price, promo=planned)], 6, "W", use_price=True)[0]
    assert fc[[0, 2, 4]].mean() > 2 * fc[[1, 3, 5]].mean()


def test_direct_model_learns_a_recurring_promotion_calendar_from_history_alone() -> None:
    rng = np.random.default_rng(1)
    inputs = []
    for i in range(30):
        n = 100
        promo = ((np.arange(n) + i) % 5 == 0).astype(float)  # every fifth week, each series its own phase
        y = rng.poisson(20 * np.where(promo > 0, 3.0, 1.0)).astype(float)
        inputs.append(DirectInput(y, np.zeros(n + 5), None, promo))
    model = fit_direct(inputs, 5, "W")
    assert model is not None
    fc = predict_direct(model, inputs, 5, "W")
    for i, f in enumerate(fc):
        due = (100 + np.arange(5) + i) % 5 == 0  # no future prices given: the calendar comes from the past
        assert f[due].mean() > 2 * f[~due].mean()


def test_weekly_rows_carry_the_median_of_the_last_year() -> None:
    # the learned member sees the year-long level the local `level_year` member is built on (#18: 0.9453 ->
    # 0.9415 of the best anchor over the seven weekly promotion sets); no shorter window gives this value
    rng = np.random.default_rng(5)
    y = np.asarray(rng.poisson(np.r_[np.full(60, 10.0), np.full(40, 40.0)]), dtype=float)
    bank = row_bank([DirectInput(y, np.zeros(101))], 1, "W")
    origin = 99  # the one-step row whose target is the last week sees y[:99]
    row = bank.x[bank.period == origin][0]
    scale = robust_scale(y[:origin], 13)
    year = np.median(y[origin - 52 : origin]) / scale
    assert np.isclose(row, year).any()
    assert not any(np.isclose(np.median(y[origin - w : origin]) / scale, year) for w in (4, 8, 26))


def test_ensemble_beats_naive_and_matches_the_level_on_promo_retail(panel: list[RegularSeries]) -> None:
    h = 13
    train = [s.head(len(s.values) - h) for s in panel]
    out = E.ensemble_chunk(train, ForecastOptions(horizon=h, level=0.8))
    assert sorted(out) == list(range(len(panel)))
    pairs = list(zip(panel, train, strict=True))
    ours = np.mean([mase(s.values[-h:], out[i].forecast, t.values, 52) for i, (s, t) in enumerate(pairs)])
    naive = np.mean([mase(s.values[-h:], np.full(h, t.values[-1]), t.values, 52) for s, t in pairs])
    lvl = np.mean([mase(s.values[-h:], level(t.values, h, 52), t.values, 52) for s, t in pairs])
    assert ours < 0.8 * naive and ours < 1.02 * lvl
    r = out[0]
    assert r.model.startswith("ensemble") and "level_sa" not in r.model  # the panel is not seasonal
    lo80, hi80 = r.bands[0.8]
    lo95, hi95 = r.bands[0.95]
    assert np.all(lo95 <= lo80) and np.all(lo80 <= r.forecast) and np.all(r.forecast <= hi80) and np.all(hi80 <= hi95)
    inside = np.mean([np.mean((s.values[-h:] >= out[i].bands[0.8][0]) & (s.values[-h:] <= out[i].bands[0.8][1]))
                      for i, s in enumerate(panel)])
    assert 0.65 < inside < 0.95


def test_known_future_prices_improve_the_forecast(panel: list[RegularSeries]) -> None:
    h = 13
    train = [s.head(len(s.values) - h) for s in panel]
    priced = [replace(t, future_price=s.price[-h:], future_promo=s.promo[-h:])  # type: ignore[index]
              for s, t in zip(panel, train, strict=True)]
    opts = ForecastOptions(horizon=h)

    def score(batch: list[RegularSeries]) -> float:
        out = E.ensemble_chunk(batch, opts)
        return float(np.mean([mase(s.values[-h:], out[i].forecast, t.values, 52)
                              for i, (s, t) in enumerate(zip(panel, train, strict=True))]))

    assert score(priced) < 0.95 * score(train)


def test_intermittent_series_use_tsb_in_place_of_ses() -> None:
    rng = np.random.default_rng(2)
    series = [RegularSeries(f"s{i}", "W", pd.date_range("2023-01-01", periods=80, freq="7D"),
                            (rng.random(80) < 0.3) * rng.poisson(3, 80).astype(float)) for i in range(8)]
    out = E.ensemble_chunk(series, ForecastOptions(horizon=4))
    assert all(r.demand_class == "intermittent" for r in out.values())
    assert all("tsb" in r.model for r in out.values() if r.model.startswith("ensemble("))
    # the point forecast leans to the median (what absolute error rewards): at most the members' rate
    assert all(np.all(r.forecast >= 0) and r.forecast.max() <= s.values[-13:].max() for s, r in
               zip(series, out.values(), strict=True))


def test_an_intermittent_series_level_member_is_its_recent_median_not_a_mean_rate() -> None:
    # a slow mover selling in 4 of its last 13 weeks: the median (0) is what absolute error rewards; tsb is the rate
    y = np.array([3, 0, 1, 0, 0, 2, 0] * 6 + [0, 0, 0, 2, 0, 0, 5, 0, 0, 1, 0, 0, 3], dtype=float)
    members = local_members(y, 4, 52, seasonal=False, intermittent=True)
    assert members["level"].tolist() == [0.0] * 4
    assert np.all(members["tsb"] > 0)


def test_pooled_choice_keeps_the_default_unless_clearly_beaten() -> None:
    assert E.choose({E.ENSEMBLE: 1.0, E.BALANCED: 0.995, E.ROBUST: 1.2}) == E.ENSEMBLE
    assert E.choose({E.ENSEMBLE: 1.0, E.BALANCED: 0.9, E.ROBUST: 0.95}) == E.BALANCED
    assert E.choose({E.ENSEMBLE: 0.97, E.BALANCED: 1.0, E.ROBUST: 1.0}, default=E.ROBUST) == E.ENSEMBLE
    assert E.choose({}) == E.ENSEMBLE and E.choose({}, default=E.ROBUST) == E.ROBUST


def _monthly(n_series: int, months: int, amplitude: float, seed: int) -> list[RegularSeries]:
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    dates = pd.date_range("2015-01-01", periods=months, freq="MS")
    return [RegularSeries(f"m{i}", "M", dates, rng.poisson(
        rng.uniform(50, 500) * (1 + amplitude * np.sin(2 * np.pi * t / 12)) * np.exp(0.004 * t)).astype(float))
        for i in range(n_series)]


def test_pooled_seasonality_finds_a_yearly_cycle_and_not_noise() -> None:
    assert pooled_seasonality([s.values for s in _monthly(10, 72, 0.4, 1)], 12)
    assert not pooled_seasonality([s.values for s in _monthly(10, 72, 0.0, 1)], 12)
    assert not pooled_seasonality([s.values[:30] for s in _monthly(10, 72, 0.4, 1)], 12)  # < 3 seasons


def test_seasonally_adjusted_level_puts_the_season_back() -> None:
    season = np.array([1.0, 2.0, 3.0, 2.0])
    y = np.tile(season, 6) * 10
    fc = adjusted_members(y[:-3], 3, 4)  # the cut falls mid-season: the next positions are 2, 3, 4
    assert fc["level_sa"] == pytest.approx(y[-3:], rel=0.05) and fc["ses_sa"] == pytest.approx(y[-3:], rel=0.05)
    dead = np.tile([0.0, 5.0, 5.0, 5.0], 4)  # a season position with no sales: no stable index, plain level
    assert np.all(adjusted_members(dead, 2, 4)["level_sa"] == level(dead, 2, 4))


def test_seasonal_batch_uses_adjusted_members_and_beats_the_plain_ensemble() -> None:
    h = 12
    panel = _monthly(12, 84, 0.5, 2)
    train = [s.head(len(s.values) - h) for s in panel]
    out = E.ensemble_chunk(train, ForecastOptions(horizon=h, level=0.8))
    assert all("level_sa" in r.model and "ses_sa" in r.model for r in out.values())
    pairs = list(zip(panel, train, strict=True))
    ours = np.mean([mase(s.values[-h:], out[i].forecast, t.values, 12) for i, (s, t) in enumerate(pairs)])
    lvl = np.mean([mase(s.values[-h:], level(t.values, h, 12), t.values, 12) for s, t in pairs])
    assert ours < 0.5 * lvl


def test_short_panels_default_to_the_robust_weighting() -> None:
    rng = np.random.default_rng(5)
    dates = pd.date_range("2023-01-01", periods=40, freq="7D")
    short = [RegularSeries(f"s{i}", "W", dates, rng.poisson(20, 40).astype(float)) for i in range(8)]
    assert E.is_short(short) and not E.is_short([replace(s, values=np.r_[s.values, s.values]) for s in short])
    out = E.ensemble_chunk(short, ForecastOptions(horizon=4))
    assert all(r.model.startswith("ensemble") for r in out.values())


def test_a_short_panel_backtests_every_origin_with_one_booster(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short panels fit one backtest booster (at the earliest origin) and the final one: per-origin fits made
    pizzaplace weekly 1.16x the CPU time of the selection it replaced; one shared fit, 0.81x."""
    rng = np.random.default_rng(5)
    dates = pd.date_range("2023-01-01", periods=40, freq="7D")
    short = [RegularSeries(f"s{i}", "W", dates, rng.poisson(20, 40).astype(float)) for i in range(8)]
    fits: list[np.ndarray | None] = []
    real = E.fit_bank

    def counted(bank: object, cuts: np.ndarray | None = None, **kw: object) -> object:
        fits.append(None if cuts is None else cuts.copy())
        return real(bank, cuts, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(E, "fit_bank", counted)
    out = E.ensemble_chunk(short, ForecastOptions(horizon=4))
    assert len(out) == 8 and all(r.backtest for r in out.values())
    assert len(fits) == 2 and fits[0] is not None and fits[1] is not None
    assert set(fits[0]) == {40 - E.BACKTEST_ORIGINS * 4} and set(fits[1]) == {40}  # the earliest cut, then all
    long = [replace(s, values=np.r_[s.values, s.values], dates=pd.date_range("2023-01-01", periods=80, freq="7D"))
            for s in short]
    fits.clear()
    E.ensemble_chunk(long, ForecastOptions(horizon=4))
    assert len(fits) == E.BACKTEST_ORIGINS + 1  # a panel with history enough fits every origin


def test_a_large_batch_of_short_histories_is_not_short() -> None:
    """Many series of one year each give the global model rows enough: the default weighting applies."""
    rng = np.random.default_rng(5)
    dates = pd.date_range("2023-01-01", periods=52, freq="7D")
    few = [RegularSeries(f"s{i}", "W", dates, rng.poisson(20, 52).astype(float)) for i in range(32)]
    many = few + [replace(s, series_id=f"t{i}") for i, s in enumerate(few)]
    assert E.is_short(few) and not E.is_short(many)


def test_bands_are_measured_in_each_series_noise() -> None:
    rng = np.random.default_rng(6)
    dates = pd.date_range("2023-01-01", periods=100, freq="7D")
    calm = [RegularSeries(f"c{i}", "W", dates, 100 + rng.normal(0, 2, 100)) for i in range(6)]
    noisy = [RegularSeries(f"n{i}", "W", dates, 100 + rng.normal(0, 20, 100)) for i in range(6)]
    out = E.ensemble_chunk(calm + noisy, ForecastOptions(horizon=4, level=0.8))
    width = [float(np.mean(r.upper - r.lower)) for _, r in sorted(out.items())]
    assert np.mean(width[6:]) > 5 * np.mean(width[:6])  # same level, ten times the noise


def test_too_small_a_batch_is_left_to_per_series_selection() -> None:
    s = RegularSeries("a", "W", pd.date_range("2023-01-01", periods=60, freq="7D"), np.full(60, 5.0))
    assert E.ensemble_chunk([s, s, s], ForecastOptions(horizon=4)) == {}


def test_censored_periods_take_the_recent_in_stock_level() -> None:
    y = np.array([10, 12, 11, 0, 0, 9, 13.0])
    mask = np.array([0, 0, 0, 1, 1, 0, 0], dtype=bool)
    assert impute_censored(y, mask).tolist() == [10, 12, 11, 11, 11, 9, 13]


def test_censor_stockouts_counts_periods_per_series() -> None:
    panel = weekly_panel(3, 60, seed=1, stockouts=0.2)
    series = censor_stockouts(to_series(panel.frame, "W"), panel.frame)
    expected = panel.frame.groupby("series_id")["on_hand"].apply(lambda x: int((x <= 0).sum())).tolist()
    assert [s.censored_periods for s in series] == expected and sum(expected) > 0
    raw = to_series(panel.frame, "W")
    assert all(np.all(c.values >= r.values) for c, r in zip(series, raw, strict=True))


def test_cli_future_prices_and_stock(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    panel = weekly_panel(12, 100, seed=4, stockouts=0.1)
    src = tmp_path / "sales.csv"
    panel.frame.to_csv(src, index=False)
    last = panel.frame["date"].max()
    dates = pd.date_range(last + pd.Timedelta(days=7), periods=4, freq="7D")
    prices = panel.frame.groupby("series_id")["price"].median()
    future = pd.DataFrame([{"series_id": sid, "date": d.date(), "price": round(p * (0.6 if k % 2 == 0 else 1.0), 2),
                            "promo": int(k % 2 == 0)} for sid, p in prices.items() for k, d in enumerate(dates)])
    fut = tmp_path / "future.csv"
    future.to_csv(fut, index=False)
    out = tmp_path / "out.csv"
    args = ["forecast", "--input", str(src), "--horizon", "4", "--output", str(out), "--workers", "1"]
    assert main([*args, "--future", str(fut)]) == 0
    err = capsys.readouterr().err
    assert "treated as censored demand" in err
    df = pd.read_csv(out)
    assert list(df.columns) == ["series_id", "date", "forecast", "lower", "upper", "model"]
    assert df["date"].iloc[0] == dates[0].date().isoformat()
    k = df.groupby("series_id").cumcount()
    promo, plain = df[k % 2 == 0]["forecast"].sum(), df[k % 2 == 1]["forecast"].sum()
    assert promo > 1.3 * plain


def test_conformal_band_is_symmetric_in_absolute_error() -> None:
    rng = np.random.default_rng(8)
    cases = []
    for i in range(40):
        history = 50 + rng.normal(0, 5, 60)  # one-step changes of about 5.6: the unit of the band
        fc = np.full(3, 50.0)
        members = {"global_l1": fc, "level": fc, "ses": fc, "naive": fc}
        cases.append(E._Case(i, history, members, False, fc + np.abs(rng.normal(0, 10, 3))))  # all under-forecast
    lo, hi = E.conformal_quantiles(cases, E.ENSEMBLE, 3, (0.8,))[0.8]
    assert np.all(lo == -hi) and np.all(hi > 0)
    scale = E.interval_scale(cases[0].history)
    assert 1.0 < float(np.mean(hi)) * scale / 10 < 1.6  # ~ the 80% quantile of |N(0, 10)| = 12.8


def test_conformal_quantile_is_the_finite_sample_rank() -> None:
    # nine scores at 80%: the ceil(10 * 0.8) = 8th smallest, where np.quantile interpolates 7.4
    assert conformal_quantile(np.arange(1.0, 10.0), 0.8) == 8.0
    assert conformal_quantile(np.array([3.0, 1.0, 2.0]), 0.95) == 3.0  # rank beyond n: the largest, not inf
    assert conformal_quantile(np.array([]), 0.8) == 0.0


def test_ensemble_bands_use_the_conformal_rank_per_step() -> None:
    history = np.tile([10.0, 11.0], 30)  # mean absolute one-step change 1: errors are in raw units
    cases = []
    for i in range(40):
        fc = np.full(3, 10.0)
        members = {"global_l1": fc, "level": fc, "ses": fc, "naive": fc}
        cases.append(E._Case(i, history, members, False, fc - (i + 1.0)))  # |errors| 1..40 at every step
    lo, hi = E.conformal_quantiles(cases, E.ENSEMBLE, 3, (0.8, 0.95))[0.8]
    assert np.all(hi == 33.0) and np.all(lo == -33.0)  # ceil(41 * 0.8) = 33rd smallest (np.quantile: 32.2)
    assert np.all(E.conformal_quantiles(cases, E.ENSEMBLE, 3, (0.95,))[0.95][1] == 39.0)  # ceil(38.95)


def _priced_panel(driven: bool, promo: bool = False, n: int = 12, weeks: int = 90) -> list[RegularSeries]:
    """Weekly series whose price moves units (``driven``) or is the mean price of the sizes sold."""
    rng = np.random.default_rng(8)
    dates = pd.date_range("2023-01-01", periods=weeks, freq="7D")
    out = []
    for i in range(n):
        if driven:
            price = rng.choice([8.0, 10.0], weeks, p=[0.2, 0.8])
            units = rng.poisson(30 * (price / 10) ** -3).astype(float)
        else:
            price, units = rng.uniform(12.0, 20.0, weeks), rng.poisson(30, weeks).astype(float)
        flags = (rng.random(weeks) < 0.2).astype(float) if promo else None
        out.append(RegularSeries(f"s{i}", "W", dates, units, price=price, promo=flags))
    return out


def test_a_price_that_never_moved_units_does_not_inform_the_plan() -> None:
    assert not E.plan_informs(_priced_panel(driven=False))
    assert E.plan_informs(_priced_panel(driven=True))
    assert E.plan_informs(_priced_panel(driven=False, promo=True))  # promotions are a plan of their own


def test_a_flat_plan_with_an_uninformative_price_forecasts_as_no_plan() -> None:
    h = 8
    train = _priced_panel(driven=False)
    flat = [replace(s, future_price=np.full(h, s.price[-1])) for s in train]  # type: ignore[index]
    opts = ForecastOptions(horizon=h)
    plain, planned = E.ensemble_chunk(train, opts), E.ensemble_chunk(flat, opts)
    for i in plain:
        np.testing.assert_array_equal(plain[i].forecast, planned[i].forecast)
        assert "the planned prices were not used: in the history the price did not move units" in planned[i].warnings
        assert not any("planned prices" in w for w in plain[i].warnings)


def _daily_panel(seed: int, bulk_sunday: bool) -> list[RegularSeries]:
    """Seven daily series of plain Poisson noise (no weekday pattern: the batch is not seasonal) and one more:
    bought in bulk on Sundays and hardly otherwise (a series of the kind dunnhumby's daily panel holds)."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2024-01-01", periods=210, freq="D")  # a Monday
    out = [RegularSeries(f"p{i}", "D", dates, rng.poisson(rng.uniform(1, 8), 210).astype(float)) for i in range(7)]
    sunday = (dates.dayofweek == 6).astype(float)
    bulk = sunday * rng.integers(12, 25, 210) + (1 - sunday) * (rng.random(210) < 0.1)
    out.append(RegularSeries("bulk", "D", dates, bulk if bulk_sunday else rng.poisson(2.5, 210).astype(float)))
    return out


def test_a_daily_series_bound_to_its_weekdays_is_recognised_by_its_lag_7_autocorrelation() -> None:
    panel = _daily_panel(4, bulk_sunday=True)
    assert weekday_bound(panel[-1].values, 7)
    assert not any(weekday_bound(s.values, 7) for s in panel[:-1])  # noise, however long
    assert not weekday_bound(panel[-1].values, 52)  # daily data only


def test_a_daily_series_bound_to_its_weekdays_gets_its_weekday_median_in_an_unadjusted_batch() -> None:
    """Flat local members pulled a Sunday-only buyer's forecast flat: MASE 3-5x the LightGBM anchor's."""
    panel = _daily_panel(4, bulk_sunday=True)
    assert not pooled_seasonality([s.values for s in panel], 7)
    h = 14
    out = E.ensemble_chunk([s.head(len(s.values) - h) for s in panel], ForecastOptions(horizon=h))
    bulk = out[len(panel) - 1]
    assert "weekday" in bulk.model and "weekday" not in out[0].model
    sundays = bulk.dates.dayofweek == 6
    assert bulk.forecast[sundays].min() > 8 and bulk.forecast[~sundays].max() < 2


def test_a_daily_intermittent_series_has_medians_for_local_members_not_a_rate() -> None:
    y = np.array([0, 0, 3, 0, 1, 0, 0] * 8, dtype=float)[::-1].copy()
    y[::5] = 0
    members = local_members(y, 14, 7, seasonal=False, intermittent=True)
    assert "tsb" not in members and "tsb" in local_members(y, 14, 52, seasonal=False, intermittent=True)
    assert E.member_names(E.ENSEMBLE, True, False, rate="tsb" in members) == ["global_l1", "global_l1", "level",
                                                                              "level"]
