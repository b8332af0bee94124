// Every door into the app, read from the filesystem: pages (app/**/page.tsx),
// route handlers with the HTTP methods they export (app/**/route.ts) and the
// exported functions of every "use server" file. The access table and the
// malformed-input generators are checked against this list, so a door added
// without an entry there fails the proof tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export type DoorKind = "page" | "route" | "action";
export type Door = {
  kind: DoorKind;
  /** "page /admin/users/[id]", "GET /api/v1/admin/users", "action createUserAction" */
  key: string;
  /** The URL pattern (pages, routes) or the exported name (actions). */
  target: string;
  /** Source file, relative to the repository root. */
  file: string;
};

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const SOURCE_DIRS = ["app", "components", "lib"];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|js|jsx|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** app/admin/(console)/users/[id]/page.tsx -> /admin/users/[id] (route groups vanish). */
export function urlOf(file: string): string {
  const segments = path.dirname(file).split(path.sep).slice(1);
  const url = "/" + segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@")).join("/");
  return url === "/" ? "/" : url.replace(/\/$/, "");
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** The names a module exports (export const/function/class, export { a as b }). */
export function exportedNames(sf: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : [];
    const exported = mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) if (!el.isTypeOnly) names.push(el.name.text);
    } else if (exported && ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (exported && (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
      names.push(mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? "default" : st.name.text);
    }
  }
  return names;
}

const isUseServer = (st: ts.Statement) => ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression) && st.expression.text === "use server";

/** A "use server" directive anywhere but the top of a file: an inline server action the table cannot see. */
function inlineUseServer(sf: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node) => {
    if (found) return;
    if ((ts.isBlock(node) || ts.isSourceFile(node)) && node !== sf && node.statements.some(isUseServer)) found = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}

export type Scan = { doors: Door[]; inlineServerActions: string[] };

/** Reads the doors of the checkout at `root`. */
export function scanDoors(root = process.cwd()): Scan {
  const doors: Door[] = [];
  const inlineServerActions: string[] = [];
  for (const dir of SOURCE_DIRS) {
    let files: string[];
    try {
      files = walk(path.join(root, dir));
    } catch {
      continue;
    }
    for (const abs of files) {
      const file = path.relative(root, abs);
      const base = path.basename(file);
      const text = readFileSync(abs, "utf8");
      if (dir === "app" && /^page\.(tsx|ts|jsx|js)$/.test(base)) {
        const url = urlOf(file);
        doors.push({ kind: "page", key: `page ${url}`, target: url, file });
        continue;
      }
      if (!text.includes("use server") && !(dir === "app" && /^route\.(ts|js)$/.test(base))) continue;
      const sf = parse(file, text);
      if (dir === "app" && /^route\.(ts|js)$/.test(base)) {
        const url = urlOf(file);
        for (const m of exportedNames(sf).filter((n) => HTTP_METHODS.has(n))) doors.push({ kind: "route", key: `${m} ${url}`, target: url, file });
      }
      if (sf.statements.some(isUseServer)) {
        for (const name of exportedNames(sf)) doors.push({ kind: "action", key: `action ${name}`, target: name, file });
      } else if (inlineUseServer(sf)) {
        inlineServerActions.push(file);
      }
    }
  }
  doors.sort((a, b) => a.key.localeCompare(b.key));
  return { doors, inlineServerActions };
}

/** Keys that appear twice (two "use server" files exporting one name would be ambiguous in the table). */
export function duplicateKeys(doors: Door[]): string[] {
  const seen = new Set<string>();
  return doors.filter((d) => (seen.has(d.key) ? true : (seen.add(d.key), false))).map((d) => `${d.key} (${d.file})`);
}
