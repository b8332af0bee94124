// The Content-Security-Policy of every page (set by proxy.ts with a fresh
// nonce per request; Next.js puts the nonce on its own scripts). Scripts run
// only from this origin or with the nonce ('strict-dynamic' lets those load
// their chunks); styles may be inline because Tabler, React's style
// attributes and the toaster set them, and a style cannot run code.
// Isomorphic: proxy.ts runs in the edge runtime.

export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    // next dev evaluates its hot-reload code; a production build never needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Two years, subdomains included: only ever sent when the node is served over HTTPS. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A random nonce (base64 of 16 random bytes), fresh per response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
