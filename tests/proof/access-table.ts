// The authorization matrix: what every door answers to every kind of caller.
// One row per door; tests/proof/doors.ts lists the doors from the filesystem
// and the matrix tests fail when a door has no row here (or a row names a
// door that is gone). Pages and routes are exercised over HTTP against the
// built app (e2e/proof-matrix.spec.ts), server actions in Jest
// (tests/proof/action-matrix.test.ts).
//
// Columns: anonymous, viewer, editor, admin. Derived from them:
// - "stale": the cookie and token a user held before being deactivated,
//   deleted, demoted or having their password changed (four classes, each
//   an admin until then). A stale credential is no credential: it answers
//   what `anon` answers unless the row says otherwise in `stale`.
// - "crossed": an admin's API token sent to a cookie door, or an admin's
//   cookie sent to /api/v1 (bearer only, no CSRF): the same as `anon`.
//
// Outcomes: an HTTP status, "login" (a redirect to /admin/login), or for
// server actions the Result's code ("ok" or the error code).

export type HttpOutcome = number | "login";
export type ActionOutcome = "ok" | "unauthorized" | "forbidden";
export type Row<O> = { anon: O; viewer: O; editor: O; admin: O; stale?: O };

export const ROLE_CLASSES = ["anon", "viewer", "editor", "admin"] as const;
export const STALE_CLASSES = ["deactivated", "deleted", "demoted", "password-changed"] as const;
export type CallerClass = (typeof ROLE_CLASSES)[number] | `stale-${(typeof STALE_CLASSES)[number]}` | "crossed";
export const CALLER_CLASSES: CallerClass[] = [...ROLE_CLASSES, ...STALE_CLASSES.map((s) => `stale-${s}` as const), "crossed"];

/** The expected outcome of one cell. */
export function expected<O>(row: Row<O>, who: CallerClass): O {
  if (who === "crossed") return row.anon;
  if (who.startsWith("stale-")) return row.stale ?? row.anon;
  return row[who as (typeof ROLE_CLASSES)[number]];
}

const everyone = <O>(o: O): Row<O> => ({ anon: o, viewer: o, editor: o, admin: o });
const signedIn = <O>(denied: O, ok: O): Row<O> => ({ anon: denied, viewer: ok, editor: ok, admin: ok });
const adminOnly = <O>(denied: O, forbidden: O, ok: O): Row<O> => ({ anon: denied, viewer: forbidden, editor: forbidden, admin: ok });

// ---- Pages (GET). The proxy sends visitors without a session cookie to the
// login page; a stale cookie passes the proxy (it only checks the signature)
// and the console layout sends it there instead.
const PUBLIC_PAGE = everyone<HttpOutcome>(200);
const CONSOLE_PAGE = signedIn<HttpOutcome>("login", 200);
const ADMIN_PAGE = adminOnly<HttpOutcome>("login", 403, 200);

export const PAGES: Record<string, Row<HttpOutcome>> = {
  "/admin": CONSOLE_PAGE,
  "/admin/forbidden": CONSOLE_PAGE,
  "/admin/users": ADMIN_PAGE,
  "/admin/users/[id]": ADMIN_PAGE,
  "/admin/activity": ADMIN_PAGE,
  "/admin/api-docs": ADMIN_PAGE,
  "/admin/account": CONSOLE_PAGE,
  "/admin/login": PUBLIC_PAGE,
  "/admin/forgot-password": PUBLIC_PAGE,
  "/admin/accept-invitation": PUBLIC_PAGE,
  "/admin/reset-password": PUBLIC_PAGE,
};

// ---- Route handlers, by path and method. A method a route file exports but
// this table does not list must answer 405 to everyone (methodNotAllowed()).
const ADMIN_API = (ok: number) => adminOnly<HttpOutcome>(401, 403, ok);
const PUBLIC_API = (ok: number) => everyone<HttpOutcome>(ok);

export const NOT_LISTED: HttpOutcome = 405;

export const ROUTES: Record<string, Partial<Record<string, Row<HttpOutcome>>>> = {
  "/api/v1/admin/users": { GET: ADMIN_API(200), POST: ADMIN_API(201) },
  "/api/v1/admin/users/[id]": { GET: ADMIN_API(200), PUT: ADMIN_API(200), DELETE: ADMIN_API(204) },
  "/api/v1/admin/users/[id]/activate": { POST: ADMIN_API(200) },
  "/api/v1/admin/users/[id]/deactivate": { POST: ADMIN_API(200) },
  "/api/v1/admin/users/[id]/resend-invitation": { POST: ADMIN_API(200) },
  "/api/v1/admin/users/[id]/revoke-invitation": { POST: ADMIN_API(200) },
  // Log mode only; the end-to-end server emails (SMTP), so admins get the 409 there.
  "/api/v1/admin/users/[id]/invitation-link": { POST: ADMIN_API(409) },
  "/api/v1/admin/users/[id]/send-password-reset": { POST: ADMIN_API(200) },
  "/api/v1/admin/users/[id]/unlock": { POST: ADMIN_API(200) },
  "/api/v1/admin/users/[id]/reset-2fa": { POST: ADMIN_API(200) },
  "/api/v1/admin/users/[id]/activity": { GET: ADMIN_API(200) },
  "/api/v1/admin/activity": { GET: ADMIN_API(200) },
  "/api/v1/admin/activity/export.csv": { GET: ADMIN_API(200) },
  "/api/v1/admin/activity/verify": { GET: ADMIN_API(200), POST: ADMIN_API(202) },
  "/api/v1/admin/login": { POST: PUBLIC_API(200) },
  "/api/v1/admin/logout": { POST: signedIn<HttpOutcome>(401, 204) },
  "/api/v1/accept-invitation": { POST: PUBLIC_API(200) },
  "/api/v1/password-reset": { POST: PUBLIC_API(202) },
  "/api/v1/password-reset/confirm": { POST: PUBLIC_API(200) },
  // The OpenAPI document describes the API's shape and holds no data: public.
  "/api/v1/openapi.json": { GET: PUBLIC_API(200) },
  // Unknown /api/v1 paths: a problem+json 404 whoever asks.
  "/api/v1/[...slug]": { GET: everyone(404), POST: everyone(404), PUT: everyone(404), PATCH: everyone(404), DELETE: everyone(404) },
  // next-auth: the session read and the credentials sign-in are public.
  "/api/auth/[...nextauth]": { GET: everyone(200), POST: everyone(200) },
  // The console's CSV download (cookie door). The proxy turns visitors without
  // a cookie to the login page and other roles away with a 403; a stale cookie
  // passes the proxy and the service answers 401.
  "/admin/activity/export": { GET: { ...adminOnly<HttpOutcome>("login", 403, 200), stale: 401 } },
};

// ---- Server actions (called as Next.js calls them, with the cookie session).
const ADMIN_ACTION = adminOnly<ActionOutcome>("unauthorized", "forbidden", "ok");
const PUBLIC_ACTION = everyone<ActionOutcome>("ok");
const SIGNED_IN_ACTION = signedIn<ActionOutcome>("unauthorized", "ok");

export const ACTIONS: Record<string, Row<ActionOutcome>> = {
  createUserAction: ADMIN_ACTION,
  updateUserAction: ADMIN_ACTION,
  deactivateUserAction: ADMIN_ACTION,
  activateUserAction: ADMIN_ACTION,
  deleteUserAction: ADMIN_ACTION,
  resendInvitationAction: ADMIN_ACTION,
  revokeInvitationAction: ADMIN_ACTION,
  // Jest runs with EMAIL_PROVIDER=log, where the link may be copied.
  copyInvitationLinkAction: ADMIN_ACTION,
  sendPasswordResetAction: ADMIN_ACTION,
  unlockUserAction: ADMIN_ACTION,
  // The activity page's integrity indicator.
  activityIntegrityAction: ADMIN_ACTION,
  verifyActivityAction: ADMIN_ACTION,
  resetTwoFactorAction: ADMIN_ACTION,
  dismissWelcomeAction: SIGNED_IN_ACTION,
  // The command palette's user search: user lists are for admins.
  searchUsersAction: ADMIN_ACTION,
  // My account: every signed-in role manages its own.
  changePasswordAction: SIGNED_IN_ACTION,
  endSessionAction: SIGNED_IN_ACTION,
  endOtherSessionsAction: SIGNED_IN_ACTION,
  startTwoFactorSetupAction: SIGNED_IN_ACTION,
  confirmTwoFactorAction: SIGNED_IN_ACTION,
  regenerateRecoveryCodesAction: SIGNED_IN_ACTION,
  disableTwoFactorAction: SIGNED_IN_ACTION,
  acceptInvitationAction: PUBLIC_ACTION,
  requestPasswordResetAction: PUBLIC_ACTION,
  confirmPasswordResetAction: PUBLIC_ACTION,
};

/** The row for a scanned door key, or undefined when the table lacks it. */
export function httpRow(key: string): Row<HttpOutcome> | undefined {
  if (key.startsWith("page ")) return PAGES[key.slice(5)];
  const [method, url] = key.split(" ");
  const route = ROUTES[url];
  if (!route) return undefined;
  return route[method] ?? everyone(NOT_LISTED);
}

/** Table entries whose door no longer exists (a stale row hides nothing, but misleads). */
export function orphanRows(keys: string[]): string[] {
  const have = new Set(keys);
  const rows = [
    ...Object.keys(PAGES).map((p) => `page ${p}`),
    ...Object.entries(ROUTES).flatMap(([url, methods]) => Object.keys(methods).map((m) => `${m} ${url}`)),
    ...Object.keys(ACTIONS).map((a) => `action ${a}`),
  ];
  return rows.filter((r) => !have.has(r));
}
