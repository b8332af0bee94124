// Password samples shared by the policy's unit test and the tests of every
// door that sets a password (accept, reset, change, the API).
import { randomInt } from "node:crypto";

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

