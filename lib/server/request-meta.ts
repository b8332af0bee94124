import "server-only";
import type { RequestMeta } from "./auth/actor";
import { env } from "./env";

/**
 * Client address and user agent from request headers. Next.js appends the
 * socket address to X-Forwarded-For; TRUST_PROXY_HOPS says how many trusted
 * reverse proxies appended after the client.
 */
export function metaFromHeaders(h: Headers): RequestMeta {
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const idx = chain.length - 1 - env().TRUST_PROXY_HOPS;
  const ip = (idx >= 0 ? chain[idx] : chain[0]) ?? h.get("x-real-ip") ?? null;
  const ua = h.get("user-agent");
  return { ip: ip ? ip.replace(/^::ffff:/, "").slice(0, 64) : null, userAgent: ua ? ua.slice(0, 512) : null };
}
