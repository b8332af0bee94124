// A fingerprint of the database's business state: per table, the row count
// and an md5 over every row. What malformed input may legitimately change is
// left out, and nothing else:
// - the activity log (and any table of its machinery, activity_* / audit_*):
//   a failed login is recorded there on purpose, and its rows' internals are
//   not this check's business;
// - rate_limits: refused and failed attempts are counted there on purpose;
// - users.last_active_at and sessions.last_used_at/ip_address: the
//   authenticated caller's own "last seen";
// - users.failed_login_*/locked_until: the lockout counts failed logins (and
//   wrong current passwords) on purpose, like rate_limits;
// - _prisma_migrations.
// Every other table, present or added later, is included whole.
type Query = (sql: string) => Promise<Record<string, unknown>[]>;

export const SKIPPED_TABLES = /^(activity|audit)|^rate_limits$|^_prisma_migrations$/;
export const SKIPPED_COLUMNS: Record<string, string[]> = {
  users: ["last_active_at", "failed_login_count", "failed_login_since", "locked_until"],
  sessions: ["last_used_at", "ip_address"],
};

export type Snapshot = Record<string, { rows: number; md5: string }>;

export async function snapshotDb(query: Query): Promise<Snapshot> {
  const tables = (await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`))
    .map((r) => String(r.table_name))
    .filter((t) => !SKIPPED_TABLES.test(t));
  const out: Snapshot = {};
  for (const t of tables) {
    const cols = (await query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}' ORDER BY ordinal_position`))
      .map((r) => String(r.column_name))
      .filter((c) => !(SKIPPED_COLUMNS[t] ?? []).includes(c));
    const list = cols.map((c) => `"${c}"`).join(", ");
    const [r] = await query(`SELECT count(*)::int AS rows, coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') AS md5 FROM (SELECT ${list} FROM "${t}") x`);
    out[t] = { rows: Number(r.rows), md5: String(r.md5) };
  }
  return out;
}

/** The tables whose fingerprint differs, for a readable failure. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t])).map((t) => `${t}: ${JSON.stringify(before[t])} -> ${JSON.stringify(after[t])}`);
}
