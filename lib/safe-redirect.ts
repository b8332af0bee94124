/**
 * Where to go after login: only a relative path inside this app, never an
 * absolute URL or a protocol-relative one (no open redirect).
 */
export function safeRedirect(target: unknown, fallback = "/admin"): string {
  if (typeof target !== "string" || target.length > 2048) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  try {
    const u = new URL(target, "http://local.invalid");
    if (u.origin !== "http://local.invalid") return fallback;
    if (u.pathname.startsWith("/admin/login")) return fallback;
    return u.pathname + u.search + u.hash;
  } catch {
    return fallback;
  }
}
