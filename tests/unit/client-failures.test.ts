import { BAD_ANSWER_MESSAGE, callAction, failureFrom, NETWORK_MESSAGE } from "@/lib/client/call-action";
import { applyServerError } from "@/lib/client/form";
import { signInMessage } from "@/lib/client/sign-in";
import { setPasswordFormSchema } from "@/lib/schemas/password";

describe("callAction", () => {
  it("passes a Result through", async () => {
    await expect(callAction(async (n: number) => ({ ok: true as const, data: n * 2 }), 21)).resolves.toEqual({ ok: true, data: 42 });
  });

  it("turns a failed fetch into a network message, a digest into its reference, anything else into a generic one", async () => {
    await expect(callAction(() => Promise.reject(new TypeError("Failed to fetch")))).resolves.toEqual({ ok: false, code: "server_error", message: NETWORK_MESSAGE });
    const logged = Object.assign(new Error("An error occurred in the Server Components render"), { digest: "1234567890" });
    expect(failureFrom(logged).message).toBe("Something went wrong (reference 1234567890). Please try again.");
    expect(failureFrom(new Error("An unexpected response was received from the server.")).message).toBe(BAD_ANSWER_MESSAGE);
    expect(failureFrom("odd").code).toBe("server_error");
  });
});

describe("applyServerError", () => {
  const form = (values: Record<string, string>) => {
    const set: [string, string, boolean | undefined][] = [];
    return {
      set,
      getValues: () => values,
      setError: (name: string, e: { message?: string }, o?: { shouldFocus?: boolean }) => void set.push([name, e.message ?? "", o?.shouldFocus]),
    };
  };

  it("puts field errors under their fields, the first focused", () => {
    const f = form({ username: "", email: "" });
    applyServerError(f, { ok: false, code: "conflict", message: "Taken", fieldErrors: { email: "Email is already taken", username: "Username is already taken" } });
    expect(f.set).toEqual([
      ["email", "Email is already taken", true],
      ["username", "Username is already taken", false],
    ]);
  });

  it("puts a failure without a known field, or any server failure, in the form-level alert", () => {
    const f = form({ password: "" });
    applyServerError(f, { ok: false, code: "validation", message: "Bad token", fieldErrors: { token: "Invalid" } });
    applyServerError(f, { ok: false, code: "server_error", message: "Something went wrong (reference ab12cd34). Please try again.", fieldErrors: { password: "x" } });
    expect(f.set.map(([n, m]) => [n, m])).toEqual([
      ["root.server", "Bad token"],
      ["root.server", "Something went wrong (reference ab12cd34). Please try again."],
    ]);
  });
});

describe("signInMessage", () => {
  it("maps next-auth's codes, with the server's reference for a failure", () => {
    expect(signInMessage("CredentialsSignin")).toBe("Invalid username or password");
    expect(signInMessage("RateLimited")).toMatch(/^Too many failed attempts/);
    expect(signInMessage("ServerError")).toBe("Login is unavailable right now. Please try again shortly.");
    expect(signInMessage("ServerError:0badcafe")).toBe("Login is unavailable right now (reference 0badcafe). Please try again shortly.");
    expect(signInMessage("Something")).toBe("Invalid username or password");
  });
});

describe("setPasswordFormSchema", () => {
  it("lists every failed rule on the password, one per line, and checks the confirmation", () => {
    const r = setPasswordFormSchema("alice").safeParse({ password: "alice", password_confirm: "other" });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues;
    const pw = issues.find((i) => i.path[0] === "password")?.message.split("\n") ?? [];
    expect(pw).toEqual(expect.arrayContaining(["Password must be at least 12 characters", "Password must not contain the username"]));
    expect(issues.find((i) => i.path[0] === "password_confirm")?.message).toBe("Passwords do not match");
    expect(setPasswordFormSchema("alice").safeParse({ password: "Velvet-Comet-2026!", password_confirm: "Velvet-Comet-2026!" }).success).toBe(true);
  });
});
