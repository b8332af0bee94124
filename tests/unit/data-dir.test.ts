// Where the embedded database keeps its data when DATA_DIR is not set: the
// checkout's ./data, except under root in a folder closed to other users
// (the database's system user could not reach it there).
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDirFor, ROOT_DATA_HOME } from "../../scripts/lib/embedded-db";

describe("the data folder", () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(path.join(os.tmpdir(), "sel-data-dir-"));
    mkdirSync(path.join(base, "open", "checkout"), { recursive: true, mode: 0o755 });
    mkdirSync(path.join(base, "closed", "checkout"), { recursive: true });
    // mkdtemp makes base 700; open it so only "closed" is closed.
    chmodSync(base, 0o755);
    chmodSync(path.join(base, "open"), 0o755);
    chmodSync(path.join(base, "closed"), 0o700);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("is DATA_DIR when set, relative to the folder the command runs in", () => {
    expect(dataDirFor("/srv/app", { DATA_DIR: "/var/lib/x" }, 0)).toBe("/var/lib/x");
    expect(dataDirFor("/srv/app", { DATA_DIR: "state" }, 1000)).toBe("/srv/app/state");
  });

  it("is ./data for a normal user, and for root in a folder open to others", () => {
    expect(dataDirFor(path.join(base, "closed", "checkout"), {}, 1000)).toBe(path.join(base, "closed", "checkout", "data"));
    expect(dataDirFor(path.join(base, "open", "checkout"), {}, 0)).toBe(path.join(base, "open", "checkout", "data"));
  });

  it("moves to /var/lib/sel-admin for root in a closed folder, the same for every command of that checkout", () => {
    const closed = path.join(base, "closed", "checkout");
    const dir = dataDirFor(closed, {}, 0);
    expect(dir).toMatch(new RegExp(`^${ROOT_DATA_HOME}/checkout-[0-9a-f]{8}$`));
    expect(dataDirFor(closed, {}, 0)).toBe(dir);
    const other = path.join(base, "closed", "other");
    mkdirSync(other);
    expect(dataDirFor(other, {}, 0)).not.toBe(dir);
  });
});
