// Email readers live in every time zone and locale: spell the date out in
// UTC so "03/04" can never be read two ways.
const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "Monday, 30 November 2026 at 20:15 UTC" */
export function formatUtcDateTime(value: Date | string): string {
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid date: ${String(value)}`);
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.weekday}, ${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute} UTC`;
}
