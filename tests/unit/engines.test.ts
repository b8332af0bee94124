// `npm install` prints EBADENGINE for every installed package whose `engines`
// excludes the running Node. This holds the lock file to package.json's own
// `engines`: each Node release line it admits, at its lowest version, must
// satisfy every package npm installs, so a supported machine installs
// without a warning (docs/decisions.md, "Node engines").
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";

const root = path.join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean; os?: string[]; cpu?: string[] }>;
};

/** The lowest version of each release line the range admits (^20.19 || ^22.12 || >=24 gives 20.19.0, 22.12.0, 24.0.0). */
function lowestOfEachLine(range: string): string[] {
  return new semver.Range(range).set.map((comparators) => {
    const low = comparators.find((c) => c.operator === ">=" || c.operator === "");
    if (!low) throw new Error(`engines.node ${range}: no lower bound in ${comparators.join(" ")}`);
    return low.semver.version;
  });
}

describe("Node engines", () => {
  const supported = lowestOfEachLine(pkg.engines.node);

  it("package.json names at least Node 20 (the machines' Node)", () => {
    expect(supported[0]).toMatch(/^20\./);
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it.each(supported)("every installed package accepts Node %s", (node) => {
    const refused = Object.entries(lock.packages)
      .filter(([where]) => where !== "")
      // Packages for other machines are never installed here (npm skips them without a warning).
      .filter(([, p]) => !(p.optional && (p.os || p.cpu)))
      .map(([where, p]) => ({ where, version: p.version, node: Array.isArray(p.engines) ? undefined : p.engines?.node }))
      .filter((p) => p.node && !semver.satisfies(node, p.node, { includePrerelease: true }))
      .map((p) => `${p.where.replace(/^.*node_modules\//, "")}@${p.version} wants node ${p.node}`);
    expect(refused).toEqual([]);
  });
});
