// Every date the console and its emails show, formatted in one place. Always
// UTC with a fixed locale: server-rendered rows hydrate without a mismatch,
// and an email read in any time zone cannot be misread ("03/04").

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dayTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const spelled = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function toDate(value: Date | string): Date {
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid date: ${String(value)}`);
  return d;
}

/** "Nov 30, 2026" (tables). */
export const formatDate = (value: Date | string) => day.format(toDate(value));

/** "Nov 30, 2026, 8:15 PM UTC" (details, hover titles). */
export const formatDateTime = (value: Date | string) => `${dayTime.format(toDate(value))} UTC`;

/** "2026-11-30 20:15:07 UTC": audit entries, to the second. */
export const formatAuditTime = (value: Date | string) => `${toDate(value).toISOString().slice(0, 19).replace("T", " ")} UTC`;

/** "Monday, 30 November 2026 at 20:15 UTC" (emails: nothing left to guess). */
export function formatLongDateTime(value: Date | string): string {
  const p = Object.fromEntries(spelled.formatToParts(toDate(value)).map((x) => [x.type, x.value]));
  return `${p.weekday}, ${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute} UTC`;
}
