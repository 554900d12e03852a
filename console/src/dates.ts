// Periods ending at the last day the tenant has sales for (a merchant's "last 30 days" means their data's).

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function periodEnding(end: string, days: number): { start: string; end: string } {
  const e = new Date(`${end}T00:00:00Z`);
  const s = new Date(e.getTime() - (days - 1) * 86_400_000);
  return { start: isoDay(s), end: isoDay(e) };
}
