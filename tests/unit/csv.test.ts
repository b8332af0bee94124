import { parse } from "csv-parse/sync";
import { csvLines } from "@/lib/server/csv";

describe("csvLines", () => {
  it("writes RFC 4180 lines that end in a newline and read back as written", () => {
    const rows = [["a", 'say "hi"', "x,y", "two\nlines", " padded ", null, 7]];
    const text = csvLines(rows, { spreadsheetSafe: false });
    expect(text.endsWith("\n")).toBe(true);
    expect(parse(text)).toEqual([["a", 'say "hi"', "x,y", "two\nlines", " padded ", "", "7"]]);
    expect(csvLines([], { spreadsheetSafe: true })).toBe("");
    // Batches join into one file.
    expect(parse(csvLines([["1"]], { spreadsheetSafe: false }) + csvLines([["2"]], { spreadsheetSafe: false }))).toEqual([["1"], ["2"]]);
  });

  it("neutralises every cell a spreadsheet would run, even one with a newline in it", () => {
    const cells = ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil")\nname', "a=1", "1-2"];
    const [row] = parse(csvLines([cells], { spreadsheetSafe: true }));
    expect(row).toEqual(["'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", `'=HYPERLINK("http://evil")\nname`, "a=1", "1-2"]);
  });

  it("keeps every value as it was in an archive", () => {
    expect(parse(csvLines([["=1+2", "-1"]], { spreadsheetSafe: false }))).toEqual([["=1+2", "-1"]]);
  });
});
