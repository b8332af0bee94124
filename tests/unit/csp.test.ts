import { NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS } from "@/lib/csp";
import { resetEnvForTests } from "@/lib/server/env";
import { GET as unknownApiPath } from "@/app/api/v1/[...slug]/route";
import { proxy } from "@/proxy";

describe("content security policy", () => {
  it("allows scripts only from this origin or with the nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy("n", { dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { https: true })).toContain("upgrade-insecure-requests");
  });

  it("proxy.ts puts a fresh nonce on every page, and pages and the API carry HSTS only when served over HTTPS", async () => {
    const a = await proxy(new NextRequest("http://sel.test/admin/login"));
    const b = await proxy(new NextRequest("http://sel.test/admin/login"));
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(a.headers.get("strict-transport-security")).toBeNull();
    const plainApi = await unknownApiPath(new NextRequest("http://sel.test/api/v1/nothing"), { params: Promise.resolve({ slug: ["nothing"] }) });
    expect(plainApi.headers.get("strict-transport-security")).toBeNull();
    // Signed out, a console page redirects to the login page, with the policy too.
    const redirect = await proxy(new NextRequest("http://sel.test/admin/users"));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("content-security-policy")).toContain("'strict-dynamic'");

    process.env.APP_URL = "https://admin.example.org";
    resetEnvForTests();
    try {
      const secure = await proxy(new NextRequest("https://admin.example.org/admin/login"));
      expect(secure.headers.get("strict-transport-security")).toBe(HSTS);
      // The API's answers carry it themselves (the proxy does not run for /api).
      const api = await unknownApiPath(new NextRequest("https://admin.example.org/api/v1/nothing"), { params: Promise.resolve({ slug: ["nothing"] }) });
      expect(api.status).toBe(404);
      expect(api.headers.get("strict-transport-security")).toBe(HSTS);
    } finally {
      process.env.APP_URL = "http://sel.test";
      resetEnvForTests();
    }
  });
});
