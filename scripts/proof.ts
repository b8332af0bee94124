// npm run proof [-- ITEM...] [--seed N|random] [--runs N] [--rounds N] [--no-build]
// Runs the proof suite (docs/RELIABILITY.md) and prints its figures. Items:
// matrix, fuzz, races, faults, secrets; none named = all of them, in long
// mode (a random seed, 10,000 generated requests and calls, 5 fault rounds).
// The quick versions of the same tests run in `npm test`.
import { spawnSync } from "node:child_process";
import { readFigures, PROOF_DIR } from "../tests/proof/report";

const ITEMS = ["matrix", "fuzz", "races", "faults", "secrets"] as const;
type Item = (typeof ITEMS)[number];

const RACE_TESTS = [
  "tests/integration/invitations.test.ts",
  "tests/integration/users-create.test.ts",
  "tests/integration/users-state.test.ts",
  "tests/integration/users-update.test.ts",
  "tests/integration/users-concurrent-edits.test.ts",
  "tests/integration/single-use-tokens.test.ts",
  "tests/integration/password-reset.test.ts",
];

function parseArgs(argv: string[]) {
  const items: Item[] = [];
  const opts: { seed?: string; runs?: string; rounds?: string; build: boolean } = { build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seed") opts.seed = argv[++i];
    else if (a === "--runs") opts.runs = argv[++i];
    else if (a === "--rounds") opts.rounds = argv[++i];
    else if (a === "--no-build") opts.build = false;
    else if ((ITEMS as readonly string[]).includes(a)) items.push(a as Item);
    else throw new Error(`unknown argument ${a} (items: ${ITEMS.join(", ")}; options: --seed, --runs, --rounds, --no-build)`);
  }
  const long = items.length === 0;
  return {
    items: long ? [...ITEMS] : items,
    env: {
      PROOF_SEED: opts.seed ?? (long ? "random" : ""),
      PROOF_RUNS: opts.runs ?? (long ? "10000" : ""),
      PROOF_FAULT_ROUNDS: opts.rounds ?? (long ? "5" : ""),
    },
    build: opts.build,
  };
}

function run(cmd: string, args: string[], env: Record<string, string>): boolean {
  console.log(`\n$ ${[cmd, ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

const jest = (files: string[], env: Record<string, string>) => run("npx", ["jest", "--runInBand", ...files], env);
const playwright = (args: string[], env: Record<string, string>) => run("npx", ["playwright", "test", ...args], env);

function main() {
  const { items, env, build } = parseArgs(process.argv.slice(2));
  const started = new Date().toISOString();
  const needsBuild = items.some((i) => i !== "races");
  const ok: Record<string, boolean> = {};
  if (needsBuild && build && !run("npx", ["next", "build"], env)) process.exit(1);
  for (const item of items) {
    if (item === "matrix") ok.matrix = jest(["tests/proof/action-matrix.test.ts"], env) && playwright(["e2e/proof-matrix.spec.ts", "--project=console"], env);
    if (item === "fuzz") ok.fuzz = jest(["tests/proof/action-fuzz.test.ts"], env) && playwright(["e2e/proof-fuzz.spec.ts", "--project=console"], env);
    if (item === "races") ok.races = jest(RACE_TESTS, env);
    if (item === "faults") ok.faults = playwright(["e2e/proof-faults.spec.ts", "--project=console"], env) && jest(["tests/email/resend.test.ts"], env);
    // The scan reads the whole e2e run's evidence: every spec runs first.
    if (item === "secrets") ok.secrets = playwright(["--project=secrets"], env);
  }
  printFigures(started);
  for (const [item, passed] of Object.entries(ok)) console.log(`${passed ? "PASS" : "FAIL"}  proof:${item}`);
  if (Object.values(ok).some((p) => !p)) process.exit(1);
}

const fmt = (v: unknown) => (typeof v === "object" ? JSON.stringify(v) : String(v));

/** One line per measurement written since `since`. */
function printFigures(since: string) {
  const figures = Object.values(readFigures()).filter((f) => String(f.at) >= since);
  console.log(`\nFigures (${PROOF_DIR}):`);
  for (const f of figures.sort((a, b) => String(a.name).localeCompare(String(b.name)))) {
    const shown = Object.entries(f).filter(([k]) => !["name", "at", "mismatchList", "leakList"].includes(k));
    console.log(`  ${String(f.name).padEnd(26)} ${shown.map(([k, v]) => `${k}=${fmt(v)}`).join("  ")}`);
  }
}

main();
