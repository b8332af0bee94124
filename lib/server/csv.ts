import "server-only";
import Papa from "papaparse";

// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
// return) as a formula; failed logins log whatever name was typed. Such a
// cell gets a leading ' (OWASP CSV injection). papaparse's own pattern for
// this ends in `.*$`, which lets a cell with a newline in it through, so the
// check is only on the first character.
const FORMULA = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV of `rows`, every line ending in "\n" (papaparse leaves the
 * last one open, so batches can be joined). `spreadsheetSafe` neutralises
 * formulas, for files people open; an archive keeps every value as it was.
 */
export function csvLines(rows: readonly (readonly unknown[])[], opts: { spreadsheetSafe: boolean }): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(rows as unknown[][], { newline: "\n", escapeFormulae: opts.spreadsheetSafe ? FORMULA : false })}\n`;
}
