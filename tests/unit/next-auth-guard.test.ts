// The next-auth door refuses what next-auth would answer with a 500 (found
// by the malformed-input proof): a callbackUrl that is not a URL, in the
// query, the form or the callback cookie, and a JSON body that is not JSON
// or not flat string fields. Good requests pass through unchanged.
import { NextRequest } from "next/server";
import { guardAuthRequest } from "@/lib/server/auth/next-auth-guard";

const BASE = "http://sel.test/api/auth";

async function refusal(req: NextRequest): Promise<{ status: number; type: string; detail: string }> {
  const out = await guardAuthRequest(req);
  if (!(out instanceof Response)) throw new Error("expected a refusal");
  const body = await out.json();
  return { status: out.status, type: out.headers.get("content-type") ?? "", detail: body.detail };
}

const post = (body: string, type: string, path = "/callback/credentials") => new NextRequest(BASE + path, { method: "POST", headers: { "content-type": type }, body });

describe("guardAuthRequest", () => {
  it("refuses a callbackUrl that is not a URL, wherever it comes from", async () => {
    const bad = "%ED%A0%80";
    expect(await refusal(new NextRequest(`${BASE}/session?callbackUrl=${bad}`))).toMatchObject({ status: 400, type: "application/problem+json", detail: "callbackUrl must be a URL of this site" });
    expect((await refusal(new NextRequest(`${BASE}/signin`, { headers: { cookie: "next-auth.callback-url=not-a-url" } }))).status).toBe(400);
    expect((await refusal(post("callbackUrl=%E0%A4%A&username=x", "application/x-www-form-urlencoded"))).status).toBe(400);
    expect((await refusal(post(JSON.stringify({ callbackUrl: "javascript:alert(1)" }), "application/json"))).status).toBe(400);
  });

  it("refuses JSON bodies next-auth cannot read", async () => {
    expect(await refusal(post("X}\u0000{", "application/json"))).toMatchObject({ status: 400, detail: "Request body is not valid JSON" });
    for (const body of ["5", "null", "[]", JSON.stringify({ username: 5 }), JSON.stringify({ csrfToken: { a: 1 } })]) {
      expect((await refusal(post(body, "application/json"))).detail).toBe("Request body must be an object of string fields");
    }
    expect((await refusal(post("x".repeat(70_000), "application/x-www-form-urlencoded"))).status).toBe(413);
  });

  it("refuses an error parameter that is not one of next-auth's codes (it ends up in a Location header)", async () => {
    expect(await refusal(new NextRequest(`${BASE}/error?error=%F0%90%9C%8B`))).toMatchObject({ status: 400, detail: "error must be one of next-auth's error codes" });
    expect(await guardAuthRequest(new NextRequest(`${BASE}/error?error=CredentialsSignin`))).not.toBeInstanceOf(Response);
  });

  it("answers a GET of a sign-in callback with 405 (next-auth has none for credentials)", async () => {
    const out = await guardAuthRequest(new NextRequest(`${BASE}/callback/credentials?x=1`));
    expect(out).toBeInstanceOf(Response);
    expect((out as Response).status).toBe(405);
    expect((out as Response).headers.get("allow")).toBe("POST");
  });

  it("passes good requests through with their body intact", async () => {
    const get = new NextRequest(`${BASE}/session?callbackUrl=%2Fadmin`);
    expect(await guardAuthRequest(get)).toBe(get);
    const form = "csrfToken=abc&username=jane&password=p%26ss&json=true&callbackUrl=%2Fadmin";
    const out = await guardAuthRequest(post(form, "application/x-www-form-urlencoded"));
    if (out instanceof Response) throw new Error(`refused: ${await out.text()}`);
    expect(out.method).toBe("POST");
    expect(await out.text()).toBe(form);
    expect(out.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    const abs = await guardAuthRequest(post(JSON.stringify({ callbackUrl: "http://sel.test/admin/users" }), "application/json"));
    expect(abs).not.toBeInstanceOf(Response);
  });
});
