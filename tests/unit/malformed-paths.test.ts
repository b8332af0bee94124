// Paths that are not valid percent-encoding get a 400 before Next.js decodes
// them (it would answer a bare 500): a problem from the server itself under
// /api (scripts/lib/malformed-api-path.js), plain text from the proxy for
// pages. Found by the malformed-input proof.
import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { answerMalformedApiPath } = require("../../scripts/lib/malformed-api-path.js");

/** Enough of node:http's ServerResponse to read what was written. */
function fakeResponse() {
  const out = { status: 0, headers: {} as Record<string, string | number>, body: "" };
  const res = {
    writeHead: (status: number, headers: Record<string, string | number>) => Object.assign(out, { status, headers }),
    end: (body: string) => void (out.body = body),
  };
  return { res, out };
}

describe("malformed paths", () => {
  it.each(["/admin/users/%C0%AF", "/admin/users/%zz", "/admin/activity/%E0%A4%A"])("%s is a plain 400 page", async (p) => {
    const res = (await proxy(new NextRequest(`http://sel.test${p}`))) as Response;
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toBe("Bad request: The request path is not valid URL encoding.");
  });

  it.each(["/api/v1/admin/users/%zz", "/api/auth/%C0%AF", "/api/v1/admin/users/%E0%A4%A?limit=5"])("%s is a 400 problem from the server", (p) => {
    const { res, out } = fakeResponse();
    expect(answerMalformedApiPath({ url: p }, res)).toBe(true);
    expect(out.status).toBe(400);
    expect(out.headers["content-type"]).toBe("application/problem+json");
    expect(out.headers["content-length"]).toBe(Buffer.byteLength(out.body));
    expect(JSON.parse(out.body)).toMatchObject({ status: 400, detail: "The request path is not valid URL encoding", instance: p.split("?")[0] });
  });

  it("lets well-formed paths through, and leaves pages to the proxy", () => {
    for (const url of ["/api/v1/admin/users/%41BC", "/api/v1/admin/users?search=%zz", "/admin/users/%zz"]) {
      const { res, out } = fakeResponse();
      expect(answerMalformedApiPath({ url }, res)).toBe(false);
      expect(out.status).toBe(0);
    }
  });

  it("the proxy runs for pages, not for the API", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    expect(matcher.test("/admin/users")).toBe(true);
    expect(matcher.test("/")).toBe(true);
    expect(matcher.test("/api/v1/admin/users")).toBe(false);
    expect(matcher.test("/api/auth/session")).toBe(false);
    expect(matcher.test("/_next/static/chunk.js")).toBe(false);
  });
});
