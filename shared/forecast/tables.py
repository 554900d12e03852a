"""Warehouse tables owned by the forecast agent: published forecasts and their live accuracy."""

from __future__ import annotations

from shared.models.tables import Column, TableSpec, register_table

FORECASTS = register_table(TableSpec(
    "forecasts",
    (
        Column("tenant_id", "STRING", "REQUIRED"),
        Column("run_id", "STRING", "REQUIRED", "One agent run; all rows of a run share it."),
        Column("sku", "STRING", "REQUIRED"),
        Column("date", "DATE", "REQUIRED", "Forecast target period (first day of the period)."),
        Column("as_of", "DATE", "REQUIRED", "Last day of history the forecast was made from."),
        Column("freq", "STRING", "REQUIRED", "D or W."),
        Column("forecast", "FLOAT64", "REQUIRED"),
        Column("lower", "FLOAT64", "REQUIRED"),
        Column("upper", "FLOAT64", "REQUIRED"),
        Column("level", "FLOAT64", "REQUIRED", "Central interval level of lower/upper."),
        Column("model", "STRING", "REQUIRED", "Chosen model or combination."),
        Column("backtest_mase", "FLOAT64", "NULLABLE"),
        Column("backtest_smape", "FLOAT64", "NULLABLE"),
        Column("mase_scale", "FLOAT64", "NULLABLE", "In-sample naive MAE used to scale live errors."),
        Column("created_at", "TIMESTAMP", "REQUIRED"),
    ),
    "date",
    ("tenant_id", "sku"),
    "Published demand forecasts with intervals and the backtest behind them.",
))

FORECAST_ACCURACY = register_table(TableSpec(
    "forecast_accuracy",
    (
        Column("tenant_id", "STRING", "REQUIRED"),
        Column("run_id", "STRING", "REQUIRED", "Run whose forecast is scored."),
        Column("sku", "STRING", "REQUIRED"),
        Column("periods", "INT64", "REQUIRED", "Periods of actuals compared."),
        Column("live_mase", "FLOAT64", "NULLABLE"),
        Column("expected_mase", "FLOAT64", "NULLABLE"),
        Column("ratio", "FLOAT64", "NULLABLE", "live / expected; > 1.10 raises a drift alert."),
        Column("alert", "BOOL", "REQUIRED"),
        Column("measured_at", "TIMESTAMP", "REQUIRED"),
    ),
    "measured_at",
    ("tenant_id", "sku"),
    "Forecast accuracy against actuals as they arrive (drift tracking).",
))
