// bench:users's SQL floor: the users list's own statements, named, on a
// bare pg pool. Apart from bench-measure.ts because it imports the product's
// server modules, which only load under the react-server condition the
// benchmarks run with (the e2e specs import bench-measure.ts without it).
import type { Pool } from "pg";
import { countStatement } from "@/lib/server/users/count-users";
import { listStatement } from "@/lib/server/users/user-sql";

export type Filter = { role?: string; status?: string; search?: string; afterId?: string };

export const listSql = (f: Filter, limit: number) => listStatement(f, { ...(f.afterId && { id: { lt: f.afterId } }), order: "desc", take: limit + 1 });
export const countSql = (f: Filter) => countStatement(f);

/** One listUsers() worth of SQL: the page (its invitations joined) in parallel with the count, as Promise.all does. */
export async function sqlList(pool: Pool, f: Filter, limit: number): Promise<void> {
  await Promise.all([pool.query(listSql(f, limit)), pool.query(countSql(f))]);
}

/** EXPLAIN ANALYZE of the page and count queries: execution time and the indexes used. */
export async function explain(pool: Pool, f: Filter, limit: number): Promise<{ list: string; count: string; plans: string[] }> {
  const one = async (q: { text: string; values: unknown[] }) => {
    const { rows } = await pool.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, values: q.values });
    const lines = rows.map((r) => String(r["QUERY PLAN"]));
    const time = /Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1] ?? "?";
    const idx = [...new Set(lines.flatMap((l) => [...l.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) "?(\w+)"?/g)].map((m) => m[1])))];
    const seq = lines.some((l) => l.includes("Seq Scan")) ? " + Seq Scan" : "";
    return { summary: `${time} ms via ${idx.join(", ") || "no index"}${seq}`, plan: lines.join("\n") };
  };
  const l = await one(listSql(f, limit));
  const c = await one(countSql(f));
  return { list: l.summary, count: c.summary, plans: [l.plan, c.plan] };
}
