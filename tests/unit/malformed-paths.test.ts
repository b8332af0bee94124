// Paths that are not valid percent-encoding get a 400 from the proxy before
// Next.js decodes them (it would answer a bare 500): problem+json under /api,
// plain text for pages. Found by the malformed-input proof.
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

describe("proxy and malformed paths", () => {
  it.each(["/admin/users/%C0%AF", "/admin/users/%zz", "/admin/activity/%E0%A4%A"])("%s is a plain 400 page", async (p) => {
    const res = (await proxy(new NextRequest(`http://sel.test${p}`))) as Response;
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toBe("Bad request: The request path is not valid URL encoding.");
  });

  it.each(["/api/v1/admin/users/%zz", "/api/auth/%C0%AF"])("%s is a 400 problem", async (p) => {
    const res = (await proxy(new NextRequest(`http://sel.test${p}`))) as Response;
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 400, detail: "The request path is not valid URL encoding", instance: p });
  });

  it("lets well-formed paths through", async () => {
    const res = await proxy(new NextRequest("http://sel.test/api/v1/admin/users/%41BC"));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});
