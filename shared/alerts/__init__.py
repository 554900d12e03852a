"""Alert evaluation: per-tenant rules over the warehouse, with hysteresis and daily caps."""
