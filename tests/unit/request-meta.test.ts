import { resetEnvForTests } from "@/lib/server/env";
import { metaFromHeaders } from "@/lib/server/request-meta";

const meta = (h: Record<string, string>) => metaFromHeaders(new Headers(h));

afterEach(() => {
  delete process.env.TRUST_PROXY_HOPS;
  resetEnvForTests();
});

describe("client address", () => {
  it("comes from the socket (x-sel-peer), whatever X-Forwarded-For a client sends", () => {
    expect(meta({ "x-sel-peer": "198.51.100.9", "x-forwarded-for": "1.2.3.4" }).ip).toBe("198.51.100.9");
    expect(meta({ "x-sel-peer": "::ffff:198.51.100.9" }).ip).toBe("198.51.100.9");
  });

  it("behind N trusted proxies is the entry they appended, not what the client wrote", () => {
    process.env.TRUST_PROXY_HOPS = "1";
    resetEnvForTests();
    expect(meta({ "x-sel-peer": "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.5" }).ip).toBe("203.0.113.5");
  });

  it("keeps the user agent, truncated", () => {
    expect(meta({ "x-sel-peer": "127.0.0.1", "user-agent": "x".repeat(600) }).userAgent).toHaveLength(512);
  });
});
