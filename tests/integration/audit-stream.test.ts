// The audit stream: every committed activity row is one pino JSON line with
// `audit: true` and, with AUDIT_LOG_FILE, one line of the guide's format in
// that file; nothing for a transaction that rolled back; a file that cannot
// be written never fails an action and is reported once. Anchors written to
// the stream catch a table rewritten wholesale, or cut short, later.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { parseAnchors, writeAnchor } from "@/lib/server/activity/chain/anchor";
import { verifyChain } from "@/lib/server/activity/chain/verify";
import { recordActivity } from "@/lib/server/activity/record";
import { auditFileLine, flushAuditFile, resetAuditStreamForTests } from "@/lib/server/activity/stream";
import { db, pool } from "@/lib/server/db";
import { resetEnvForTests } from "@/lib/server/env";
import { useLoggerForTests } from "@/lib/server/logger";
import { createUser } from "@/lib/server/users/create-user";
import { updateUser } from "@/lib/server/users/update-user";
import { adminCtx, closeTestDb, resetDb, unwrap } from "../helpers";

// The guide's example line (docs/user-management-guide.md, "Admin Actions Log Location").
const GUIDE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) \[INFO\] user_id=(\S+) action=(\S+) target_user_id=(\S+) target_username=(\S+) role=(\S+) ip=(\S+)(?: \S+=\S+)*$/;

let dir: string;
let lines: Record<string, unknown>[];

function capture() {
  lines = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  useLoggerForTests(pino({ level: "info", base: { app: "sel-admin" } }, sink));
  resetAuditStreamForTests();
}

const audit = () => lines.filter((l) => l.audit === true);
const fileLines = (f: string) => readFileSync(f, "utf8").split("\n").filter(Boolean);

beforeEach(async () => {
  await resetDb();
  dir = mkdtempSync(path.join(os.tmpdir(), "sel-audit-"));
  process.env.AUDIT_LOG_FILE = path.join(dir, "admin-audit.log");
  resetEnvForTests();
  capture();
});
afterEach(() => {
  delete process.env.AUDIT_LOG_FILE;
  resetEnvForTests();
  useLoggerForTests(undefined);
  resetAuditStreamForTests();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(closeTestDb);

describe("each recorded event", () => {
  it("is one JSON line with audit: true and one file line in the guide's format", async () => {
    const { user: admin, ctx } = await adminCtx({ username: "root_admin" });
    const u = unwrap(await createUser(ctx, { username: "john_doe", email: "john@example.org", role: "editor" }));
    await flushAuditFile();

    const [ev] = audit();
    expect(ev).toMatchObject({
      level: 30,
      app: "sel-admin",
      audit: true,
      msg: "user.created",
      activity: { userId: admin.id, username: "root_admin", eventType: "user.created", resourceType: "user", resourceId: u.id, ip: "203.0.113.7" },
    });
    expect(audit()).toHaveLength(1);
    const row = await db().activityLog.findFirstOrThrow({ where: { eventType: "user.created" } });
    expect((ev.activity as { id: string }).id).toBe(row.id);

    const file = fileLines(process.env.AUDIT_LOG_FILE!);
    expect(file).toHaveLength(1);
    const m = GUIDE.exec(file[0]);
    expect(m).not.toBeNull();
    expect(m!.slice(1)).toEqual([row.timestamp.toISOString().replace(/\.\d{3}Z$/, "Z"), admin.id, "user.created", u.id, "john_doe", "editor", "203.0.113.7"]);
    expect(file[0]).toContain(` activity_id=${row.id}`);
  });

  it("a role change names the new role; values with spaces are quoted; an event without actor or target still has the leading fields", () => {
    const base = { id: "01KBBK7R3A4SE2PY3BFB3E0QAB", timestamp: new Date("2026-02-05T14:30:00.123Z"), ipAddress: "192.168.1.100", resourceType: "user" };
    expect(
      auditFileLine({ ...base, actorId: "A1", actorUsername: "admin", eventType: "user.updated", resourceId: "U1", details: { username: "jane", new_values: { role: "admin" } } }),
    ).toBe("2026-02-05T14:30:00Z [INFO] user_id=A1 action=user.updated target_user_id=U1 target_username=jane role=admin ip=192.168.1.100 username=admin activity_id=01KBBK7R3A4SE2PY3BFB3E0QAB");
    expect(
      auditFileLine({ ...base, actorId: null, actorUsername: null, eventType: "user.login_failed", resourceId: null, details: { username: 'x y="z"' } }),
    ).toBe('2026-02-05T14:30:00Z [INFO] user_id=- action=user.login_failed target_username="x y=\\"z\\"" ip=192.168.1.100 activity_id=01KBBK7R3A4SE2PY3BFB3E0QAB');
  });

  it("appears only once its transaction committed, and never for one that rolled back", async () => {
    const { ctx } = await adminCtx();
    await db().$transaction(async (tx) => {
      await recordActivity(tx, ctx, { eventType: "user.login" });
      expect(audit()).toHaveLength(0);
    });
    expect(audit()).toHaveLength(1);

    await expect(
      db().$transaction(async (tx) => {
        await recordActivity(tx, ctx, { eventType: "user.logout" });
        throw new Error("the action fails after recording");
      }),
    ).rejects.toThrow("the action fails");
    await flushAuditFile();
    expect(audit().map((l) => l.msg)).toEqual(["user.login"]);
    expect(fileLines(process.env.AUDIT_LOG_FILE!)).toHaveLength(1);
    expect(await db().activityLog.count()).toBe(1);
  });

  it("a file that cannot be written never breaks the action, and is reported once", async () => {
    process.env.AUDIT_LOG_FILE = path.join(dir, "missing-folder", "admin-audit.log");
    resetEnvForTests();
    const { ctx } = await adminCtx();
    const u = unwrap(await createUser(ctx, { username: "still_made", email: "still@example.org", role: "viewer" }));
    unwrap(await updateUser(ctx, u.id, { role: "editor" }));
    await flushAuditFile();
    expect(await db().activityLog.count()).toBe(2);
    expect(audit().map((l) => l.msg)).toEqual(["user.created", "user.updated"]);
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: expect.stringContaining("audit log file cannot be written"), file: process.env.AUDIT_LOG_FILE });
  });
});

describe("anchors", () => {
  async function verifyWith(text: string) {
    const c = await pool().connect();
    try {
      return await verifyChain(c, { anchors: parseAnchors(text) });
    } finally {
      c.release();
    }
  }

  async function anchor() {
    const c = await pool().connect();
    try {
      return await writeAnchor(c, "test");
    } finally {
      c.release();
    }
  }

  it("go to stdout and the file, and read back from either", async () => {
    const { ctx } = await adminCtx();
    for (let i = 0; i < 3; i++) unwrap(await createUser(ctx, { username: `anch${i}`, email: `anch${i}@example.org`, role: "viewer" }));
    const a = await anchor();
    await flushAuditFile();
    expect(a).toMatchObject({ seq: 3, rows: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const json = audit().find((l) => l.anchor);
    expect(json).toMatchObject({ audit: true, anchor: { seq: 3, hash: a.hash, rows: 3, reason: "test" } });
    const last = fileLines(process.env.AUDIT_LOG_FILE!).at(-1)!;
    expect(last).toMatch(new RegExp(`^\\S+Z \\[INFO\\] anchor=activity_chain seq=3 hash=${a.hash} rows=3 reason=test$`));

    const stdout = lines.map((l) => JSON.stringify(l)).join("\n");
    for (const text of [stdout, readFileSync(process.env.AUDIT_LOG_FILE!, "utf8")]) {
      expect(parseAnchors(text)).toEqual([{ seq: 3, hash: Buffer.from(a.hash, "hex"), at: expect.any(String) }]);
      expect(await verifyWith(text)).toMatchObject({ ok: true, rows: 3, anchorsMatched: 1 });
    }
  });

  it("catch a table rewritten wholesale with fresh hashes, which verifies by itself", async () => {
    const { ctx } = await adminCtx();
    for (let i = 0; i < 4; i++) unwrap(await createUser(ctx, { username: `rw${i}`, email: `rw${i}@example.org`, role: "viewer" }));
    const a = await anchor();
    await flushAuditFile();
    // Someone with database access changes the second row and rebuilds every hash from the start.
    await pool().query(`UPDATE activity_logs SET username = 'someone_else' WHERE chain_seq = 2`);
    await pool().query(`DO $$
      DECLARE r record; h bytea := decode(repeat('00', 32), 'hex');
      BEGIN
        FOR r IN SELECT id FROM activity_logs ORDER BY chain_seq LOOP
          UPDATE activity_logs a SET prev_hash = h, row_hash = activity_row_hash(h, a) WHERE a.id = r.id RETURNING a.row_hash INTO h;
        END LOOP;
      END $$`);
    const c = await pool().connect();
    try {
      expect(await verifyChain(c)).toMatchObject({ ok: true, rows: 4 });
    } finally {
      c.release();
    }
    const r = await verifyWith(readFileSync(process.env.AUDIT_LOG_FILE!, "utf8"));
    expect(r.ok).toBe(false);
    expect(r.problem).toMatchObject({ kind: "rewritten", seq: a.seq });
  });

  it("catch the newest rows deleted", async () => {
    const { ctx } = await adminCtx();
    for (let i = 0; i < 3; i++) unwrap(await createUser(ctx, { username: `cut${i}`, email: `cut${i}@example.org`, role: "viewer" }));
    await anchor();
    await flushAuditFile();
    await pool().query(`DELETE FROM activity_logs WHERE chain_seq = 3`);
    const r = await verifyWith(readFileSync(process.env.AUDIT_LOG_FILE!, "utf8"));
    expect(r).toMatchObject({ ok: false, rows: 2, problem: { kind: "removed", seq: 3 } });
  });
});
