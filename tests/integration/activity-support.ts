// Support for the activity tests (not a test file itself): log rows at
// chosen times, with ULIDs that sort like their timestamps, as the app's are.
import { ulid } from "ulid";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

export type LogRow = {
  at: string | Date;
  eventType?: string;
  actor?: { id: string; username: string } | null;
  resourceType?: string | null;
  resourceId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** Inserts rows (any order); returns their ids in the order given. */
export async function insertLogs(rows: LogRow[]): Promise<string[]> {
  const data = rows.map((r) => {
    const t = new Date(r.at);
    return {
      id: ulid(t.getTime()),
      timestamp: t,
      actorId: r.actor?.id ?? null,
      actorUsername: r.actor?.username ?? null,
      eventType: r.eventType ?? "user.login",
      resourceType: r.resourceType ?? null,
      resourceId: r.resourceId ?? null,
      ipAddress: r.ip ?? "198.51.100.1",
      userAgent: "jest",
      details: r.details as Prisma.InputJsonValue | undefined,
    };
  });
  await db().activityLog.createMany({ data });
  return data.map((d) => d.id);
}

/** Reads a whole web stream as text, and how many chunks it came in. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: string[] }> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  const chunks: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(dec.decode(value));
  }
  return { text: chunks.join(""), chunks };
}

/** A strict little RFC 4180 reader, to check the export round-trips. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (c !== "\r") cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
