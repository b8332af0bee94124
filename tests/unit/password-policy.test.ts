import { randomInt } from "node:crypto";
import { passwordStrength } from "@/lib/password-strength";
import { failedClientRules, STRENGTH_MIN_SCORE, strengthInputs } from "@/lib/schemas/password";
import { assertStrongPassword, passwordProblems } from "@/lib/server/auth/passwords";

// The passwords people actually pick to satisfy "upper, lower, digit, symbol,
// 12+": every one meets the character rules, so only the strength estimator
// can refuse them. Shared with the integration and e2e tests of every door.
export const COMMON_PASSWORDS = [
  "Password123!", "Password1234!", "Welcome2024!", "Qwerty123456!",
  "P@ssw0rd1234", "Passw0rd!234", "Summer2024!!", "Winter2025!!", "Spring2024!!", "Autumn2023!!",
  "Letmein12345!", "Iloveyou2024!", "Football123!", "Baseball2023!", "Monkey123456!", "Dragon123456!",
  "Sunshine2024!", "Princess123!", "Michael1234!", "Superman123!", "Trustno1234!", "Changeme123!",
  "Abc123456789!", "January2024!", "Test12345678!", "Hello1234567!", "Master123456!", "Shadow123456!",
  "Qwertyuiop1!", "Asdfghjkl123!", "Zaq12wsxcde!", "1qaz2wsx3edc!Q", "Company2024!", "Secret123456!",
  "Admin123456!",
];
// The product's own names plus digits.
export const PRODUCT_PASSWORDS = ["SelAdmin2024!", "Seladmin123!", "SEL-Admin-2025", "Togather2025!", "Togather123!!", "SharedEvents2024!"];

/** A random password of the kind a password manager makes. */
export function randomStrongPassword(length = 16): string {
  const sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#$%&*+-=?@^_~"];
  const all = sets.join("");
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

const jane = { username: "jane.doe", email: "jane.doe@example.org" };

describe("password policy", () => {
  it("accepts a password that meets every rule", () => {
    expect(passwordProblems("Tulip-Harbor-93", jane)).toEqual({});
  });

  it.each([
    ["Short-1a!", "length"],
    ["lowercase-only-42!", "uppercase"],
    ["UPPERCASE-ONLY-42!", "lowercase"],
    ["No-Digits-Here-At-All!", "number"],
    ["NoSpecialChars42abc", "special"],
    ["Has space 42 Ab", "special"],
  ])("%s breaks %s", (pw, rule) => {
    expect(Object.keys(passwordProblems(pw))).toContain(rule);
  });

  it("refuses a password containing the username, case-insensitively", () => {
    expect(passwordProblems("My-JaneDoe-Pass-1", { username: "janedoe" })).toHaveProperty("username");
  });

  it.each(COMMON_PASSWORDS)("refuses the common pick %s although it meets the character rules", (pw) => {
    expect(failedClientRules(pw)).toEqual([]);
    const problems = passwordProblems(pw, jane);
    expect(Object.keys(problems)).toEqual(["common"]);
    expect(problems.common).toMatch(new RegExp(`^Password is too easy to guess \\(strength [0-3] of 4, ${STRENGTH_MIN_SCORE} needed\\): .+`));
  });

  it.each(PRODUCT_PASSWORDS)("refuses the product name plus digits: %s", (pw) => {
    expect(passwordProblems(pw, jane)).toHaveProperty("common");
  });

  it("refuses the person's own name and the node's host name plus digits", () => {
    expect(passwordProblems("Jane.Doe2024!!", jane)).toHaveProperty("common");
    const inputs = strengthInputs({ ...jane, site: "admin.quillmoor-events.org" });
    expect(passwordStrength("Quillmoor2024!", inputs).ok).toBe(false);
    expect(passwordStrength("Quillmoor2024!", strengthInputs(jane)).ok).toBe(true);
  });

  it("accepts 200 random passwords of 14-24 characters and memorable passphrases", () => {
    for (let i = 0; i < 200; i++) {
      const pw = randomStrongPassword(14 + (i % 11));
      expect({ pw, problems: passwordProblems(pw, jane) }).toEqual({ pw, problems: {} });
    }
    for (const pw of ["Correct-Horse-42!", "Blue-Coffee-Mug7", "Rainy.Tuesday.42", "horse battery Staple9!"]) expect(passwordProblems(pw, jane)).toEqual({});
  });

  it("stays fast on hostile input: 128 symbols is judged in well under a second", () => {
    const started = Date.now();
    expect(passwordProblems("@!$%4310".repeat(16))).toHaveProperty("common");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses more than 128 characters", () => {
    expect(passwordProblems("Aa1!" + "x".repeat(130))).toHaveProperty("max");
  });

  it("reports every unmet rule at once as weak_password", () => {
    try {
      assertStrongPassword("abc");
      throw new Error("should have thrown");
    } catch (e) {
      const err = e as { code: string; fieldErrors: Record<string, string> };
      expect(err.code).toBe("weak_password");
      expect(Object.keys(err.fieldErrors).sort()).toEqual(["password.common", "password.length", "password.number", "password.special", "password.uppercase"]);
    }
  });

  it("the browser checklist and the server agree on the basic rules", () => {
    expect(failedClientRules("Tulip-Harbor-93")).toEqual([]);
    expect(failedClientRules("tulip")).toEqual(["length", "uppercase", "number", "special"]);
  });
});
