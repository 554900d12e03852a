// Number and date formatting: the tenant's currency, the browser's locale.

export function money(value: number | null | undefined, currency = "USD"): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${value.toFixed(0)} ${currency}`;
  }
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return new Intl.NumberFormat().format(value);
}

export function pct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return `${value >= 0 ? "+" : ""}${value.toFixed(digits)}%`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A table cell as text: numbers localised, everything else String()-ed (never HTML). */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    return Number.isInteger(value) ? count(value) : new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2026-12-07` as `7 Dec 2026` (the answer's own way of writing a day); anything else as it is. */
export function isoDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${Number(m[3])} ${MONTHS[month - 1]} ${m[1]}` : value;
}

function decimals(value: number, max: number, min = 0): string {
  return new Intl.NumberFormat(undefined, { minimumFractionDigits: min, maximumFractionDigits: max }).format(value);
}

/**
 * A table cell in its column's unit, as text: money with the table's currency (two decimals, as the answer writes
 * it; bare when the data states none), percentages and fractions as %, ISO days as `7 Dec 2026`, ratings out of 5.
 * Text and unknown shapes go through {@link cell}.
 */
export function formatValue(value: unknown, unit: string | undefined, currency?: string | null): string {
  if (typeof value !== "number" || Number.isNaN(value)) {
    if (unit === "date" && typeof value === "string") return isoDay(value);
    return cell(value);
  }
  switch (unit) {
    case "money":
      if (currency) {
        try {
          return new Intl.NumberFormat(undefined, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
        } catch {
          return `${decimals(value, 2, 2)} ${currency}`;
        }
      }
      return decimals(value, 2, 2);
    case "percent":
      return `${decimals(value, 1)}%`;
    case "share":
      return `${decimals(value * 100, 1)}%`;
    case "count":
      return decimals(Math.round(value), 0);
    case "days":
      return decimals(value, 1);
    case "rating":
      return `${decimals(value, 2)} / 5`;
    default:
      return cell(value);
  }
}

/**
 * The answer's first sentence and the rest (with its leading space), so `lead + rest` is the answer exactly.
 * A sentence ends at `.`, `!` or `?` followed by a space and a capital, a digit or an opening bracket or quote;
 * a decimal point ("$1,234.50") or a point inside a code ("KIT-1.7L") is not followed by a space, so never ends one,
 * and an ellipsis ("...; ... (together") is a list going on, not an end.
 */
export function splitLead(text: string): [string, string] {
  const m = /(?<!\.)[.!?](?=\s+[A-Z0-9"“(])/.exec(text);
  if (!m || m.index + 1 >= text.length) return [text, ""];
  return [text.slice(0, m.index + 1), text.slice(m.index + 1)];
}
