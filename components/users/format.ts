// Dates the same on the server and in the browser (UTC, fixed locale), so
// server-rendered rows hydrate without a mismatch.
const fmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const fmtTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDate = (iso: string) => fmt.format(new Date(iso));
export const formatDateTime = (iso: string) => `${fmtTime.format(new Date(iso))} UTC`;
