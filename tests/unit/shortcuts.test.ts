import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { comboKeys, SHORTCUTS } from "@/lib/client/shortcut-list";
import { matches, parseCombo } from "@/lib/client/shortcuts";

// The `?` overlay lists the registry; the type of useShortcut() keeps every
// registration in it. This keeps the other direction: no entry without a handler.

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe("shortcut registry", () => {
  const root = path.resolve(__dirname, "../..");
  const used = new Set(
    ["components", "app", "lib"].flatMap((d) => sources(path.join(root, d))).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/useShortcut\(\s*"([^"]+)"/g)].map((m) => m[1])),
  );

  it("has a useShortcut() registration for every entry not handled by the dialogs", () => {
    const expected = Object.entries(SHORTCUTS)
      .filter(([, s]) => !("builtIn" in s))
      .map(([c]) => c)
      .sort();
    expect([...used].sort()).toEqual(expected);
  });

  it("shows each combo as the keys to press and matches the key presses it names", () => {
    expect(comboKeys("mod+k")).toEqual(["Ctrl", "K"]);
    expect(comboKeys("mod+k", true)).toEqual(["⌘", "K"]);
    expect(comboKeys("shift+r")).toEqual(["Shift", "R"]);
    expect(comboKeys("escape")).toEqual(["Esc"]);
    expect(comboKeys("?")).toEqual(["?"]);
    const press = { ctrlKey: false, metaKey: false, shiftKey: false, altKey: false };
    expect(matches(parseCombo("mod+e"), { ...press, key: "e", metaKey: true })).toBe(true);
    expect(matches(parseCombo("shift+r"), { ...press, key: "R", shiftKey: true })).toBe(true);
    expect(matches(parseCombo("?"), { ...press, key: "?", shiftKey: true })).toBe(true);
    expect(matches(parseCombo("mod+n"), { ...press, key: "n" })).toBe(false);
  });
});
