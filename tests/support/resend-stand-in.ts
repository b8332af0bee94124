// A stand-in for Resend's HTTP API (POST /emails) on 127.0.0.1 and a random
// port, for the email tests and the fault specs. No server imports, so Jest
// and Playwright can both use it. Like Resend, it honours Idempotency-Key: a
// request repeating a key that was already answered gets the first answer
// again and sends nothing (what makes a retry after a crash mid-send safe).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ResendRequest = { authorization?: string; idempotencyKey?: string; body: { from: string; to: string | string[]; subject: string; html: string; text: string } };
type Mode = "ok" | "hang" | number;
type Entry = ResendRequest & { status: number | "hang"; replay?: boolean };

/** Resend's POST /emails, answered as told: "ok", an HTTP status, or no answer at all; `delayMs` before each answer. */
export async function startResendStandIn(opts: { delayMs?: number } = {}) {
  const requests: Entry[] = [];
  let mode: Mode = "ok";
  let n = 0;
  const answered = new Map<string, string>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/emails") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ name: "not_found", message: "Not found", statusCode: 404 }));
        return;
      }
      const key = req.headers["idempotency-key"] as string | undefined;
      const entry: Entry = { authorization: req.headers.authorization, idempotencyKey: key, body: JSON.parse(raw), status: mode === "ok" ? 200 : mode };
      if (key && answered.has(key)) {
        requests.push({ ...entry, status: 200, replay: true });
        res.writeHead(200, { "content-type": "application/json" }).end(answered.get(key));
        return;
      }
      requests.push(entry);
      if (mode === "hang") {
        hanging.add(res);
        return;
      }
      const answer = () => {
        if (entry.status === 200) {
          n += 1;
          const body = JSON.stringify({ id: `re_${n}` });
          // The email is accepted (and counts as sent) whether or not the client is still there to hear it.
          if (key) answered.set(key, body);
          if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(body);
          return;
        }
        const status = entry.status as number;
        const messages: Record<number, string> = { 401: "API key is invalid", 403: "The domain is not verified", 422: "Invalid `to` field", 500: "Internal server error" };
        res
          .writeHead(status, { "content-type": "application/json" })
          .end(JSON.stringify({ statusCode: status, name: status >= 500 ? "internal_server_error" : "validation_error", message: messages[status] ?? "error" }));
      };
      if (opts.delayMs) setTimeout(answer, opts.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: (m: Mode) => (mode = m),
    /** Deliveries per recipient: accepted requests, idempotent replays not counted. */
    deliveredTo: () => {
      const counts = new Map<string, number>();
      for (const r of requests) if (r.status === 200 && !r.replay) for (const to of [r.body.to].flat()) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
