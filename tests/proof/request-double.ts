// The request a server action runs in, for Jest: `next/headers` answers
// with the cookies and headers set here, and everything behind it is real
// (next-auth decodes the cookie with the app's secret, the user is re-read
// from PostgreSQL). Test files wire it up with
//   jest.mock("next/headers", () => require("../proof/request-double").nextHeaders);
// and sign callers in with real credentials from ./credentials.
let cookieJar = new Map<string, string>();
let headerBag = new Headers();
let ipSeq = 0;

/** The request the next action call sees: its cookies and headers, a fresh client IP unless given. */
export function setRequest(opts: { cookies?: Record<string, string>; headers?: Record<string, string> } = {}): void {
  cookieJar = new Map(Object.entries(opts.cookies ?? {}));
  ipSeq += 1;
  headerBag = new Headers({ "user-agent": "jest", "x-sel-peer": `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`, ...opts.headers });
}

export const nextHeaders = {
  cookies: async () => ({
    getAll: () => [...cookieJar].map(([name, value]) => ({ name, value })),
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    has: (name: string) => cookieJar.has(name),
  }),
  headers: async () => headerBag,
};
