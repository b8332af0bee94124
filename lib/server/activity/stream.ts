import "server-only";
import { appendFile } from "node:fs/promises";
import type pino from "pino";
import { env } from "../env";
import { logger } from "../logger";

// The audit stream: every activity row, once its transaction has committed,
// is also one JSON line on stdout (pino, `audit: true`) and, with
// AUDIT_LOG_FILE set, one line of the guide's format appended to that file:
//
//   2026-02-05T14:30:00Z [INFO] user_id=01HQABC... action=user.created target_user_id=01HQDEF... target_username=john_doe role=editor ip=192.168.1.100
//
// The chain's anchors (the head's place and hash, lib/server/activity/anchor.ts)
// go the same way, so the stream outside the database can later prove that
// the table was not rewritten. Writing the file never fails an action: an
// error is logged once (and once more after the file worked again), and the
// line is dropped. docs/audit-trail.md describes both formats.

export type AuditRow = {
  id: string;
  timestamp: Date;
  actorId: string | null;
  actorUsername: string | null;
  eventType: string;
  resourceType: string | null;
  resourceId: string | null;
  ipAddress: string | null;
  userAgent?: string | null;
  details: unknown;
};

export type AnchorRecord = { seq: number; hash: string; rows: number; at: Date; reason: string };

/** A value as the file writes it: bare when it is one plain word, else a JSON string. */
export function fileValue(v: unknown): string {
  const s = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
  return s !== "" && /^[\x21-\x7e]+$/.test(s) && !/["\\=]/.test(s) ? s : JSON.stringify(s);
}

/** ISO 8601 in UTC to the second, as the guide writes it. */
const fileTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

const pairs = (fields: [string, unknown][]) =>
  fields
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}=${fileValue(v)}`)
    .join(" ");

/** One activity row as a line of the audit file (without the newline). */
export function auditFileLine(r: AuditRow): string {
  const d = r.details && typeof r.details === "object" && !Array.isArray(r.details) ? (r.details as Record<string, unknown>) : {};
  const onUser = r.resourceType === "user";
  const role = typeof d.role === "string" ? d.role : ((d.new_values as Record<string, unknown> | undefined)?.role as string | undefined);
  return `${fileTime(r.timestamp)} [INFO] ${pairs([
    ["user_id", r.actorId ?? "-"],
    ["action", r.eventType],
    ["target_user_id", onUser ? r.resourceId : undefined],
    ["target_username", onUser ? d.username : undefined],
    ["role", role],
    ["ip", r.ipAddress],
    ["resource_type", onUser ? undefined : r.resourceType],
    ["resource_id", onUser ? undefined : r.resourceId],
    ["username", r.actorUsername],
    ["activity_id", r.id],
  ])}`;
}

/** An anchor as a line of the audit file. */
export function anchorFileLine(a: AnchorRecord): string {
  return `${fileTime(a.at)} [INFO] ${pairs([
    ["anchor", "activity_chain"],
    ["seq", a.seq],
    ["hash", a.hash],
    ["rows", a.rows],
    ["reason", a.reason],
  ])}`;
}

let auditLog: pino.Logger | undefined;
/** The stream's logger: info even when LOG_LEVEL is quieter (operators get every event), nothing when it is silent. */
function stream(): pino.Logger {
  if (!auditLog) {
    const base = logger();
    auditLog = base.child({ audit: true }, { level: base.level === "silent" ? "silent" : "info" });
  }
  return auditLog;
}

let queue: Promise<void> = Promise.resolve();
let failing = false;

function appendLine(line: string): void {
  const file = env().AUDIT_LOG_FILE;
  if (!file) return;
  // One append after another, in the order the events committed.
  queue = queue.then(async () => {
    try {
      await appendFile(file, `${line}\n`, { encoding: "utf8", mode: 0o640 });
      if (failing) {
        failing = false;
        logger().warn({ file }, "audit log file: writing again");
      }
    } catch (err) {
      if (!failing) {
        failing = true;
        logger().error({ err, file }, "audit log file cannot be written; audit lines go to stdout only until it can");
      }
    }
  });
}

/** Sends committed activity rows to the stream. Never throws. */
export function emitActivity(rows: AuditRow[]): void {
  for (const r of rows) {
    try {
      stream().info(
        {
          activity: {
            id: r.id,
            timestamp: r.timestamp.toISOString(),
            userId: r.actorId,
            username: r.actorUsername,
            eventType: r.eventType,
            resourceType: r.resourceType,
            resourceId: r.resourceId,
            ip: r.ipAddress,
            userAgent: r.userAgent ?? null,
            details: r.details ?? null,
          },
        },
        r.eventType,
      );
      appendLine(auditFileLine(r));
    } catch {
      // The stream is a copy; the row is in the database whatever happens here.
    }
  }
}

/** Sends an anchor of the chain to the stream. Never throws. */
export function emitAnchor(a: AnchorRecord): void {
  try {
    stream().info({ anchor: { seq: a.seq, hash: a.hash, rows: a.rows, at: a.at.toISOString(), reason: a.reason } }, "activity chain anchor");
    appendLine(anchorFileLine(a));
  } catch {
    // As above.
  }
}

/** Resolves when every line handed over so far is in the file (tests, shutdown). */
export function flushAuditFile(): Promise<void> {
  return queue;
}

/** Tests change AUDIT_LOG_FILE and LOG_LEVEL between cases. */
export function resetAuditStreamForTests(): void {
  auditLog = undefined;
  failing = false;
}
