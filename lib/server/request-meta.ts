import "server-only";
import type { RequestMeta } from "./auth/actor";
import { env } from "./env";

/**
 * Client address and user agent from request headers. scripts/serve.js puts
 * the socket's address in x-sel-peer (a client cannot set it); with
 * TRUST_PROXY_HOPS=N the N reverse proxies in front appended to
 * X-Forwarded-For, so the client is N entries from the right of
 * [...X-Forwarded-For, peer]. Anything further left was written by the
 * client and is ignored.
 */
export function metaFromHeaders(h: Headers): RequestMeta {
  const hops = env().TRUST_PROXY_HOPS;
  const peer = h.get("x-sel-peer");
  const forwarded = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Without our server in front (next dev/start run directly), fall back to
  // the last X-Forwarded-For entry, which Next.js set from the socket when the
  // client sent none.
  const chain = peer ? [...forwarded, peer] : forwarded.slice(-1);
  const idx = chain.length - 1 - (peer ? hops : 0);
  const ip = (idx >= 0 ? chain[idx] : chain[0]) ?? null;
  const ua = h.get("user-agent");
  return { ip: ip ? ip.replace(/^::ffff:/, "").slice(0, 64) : null, userAgent: ua ? ua.slice(0, 512) : null };
}
