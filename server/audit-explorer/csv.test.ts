import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csv", () => {
  it("quotes separators, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("neutralizes formula injection in text cells", () => {
    for (const evil of ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      const cell = csvCell(evil);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted.startsWith("'"), evil).toBe(true);
      expect(unquoted.slice(1)).toBe(evil);
    }
    expect(csvCell("=cmd|' /C calc'!A0,x")).toBe("\"'=cmd|' /C calc'!A0,x\"");
  });

  it("leaves numbers we produce alone", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(1830)).toBe("1830");
  });

  it("writes a header and CRLF rows", () => {
    expect(toCsv(["a", "b"], [[1, "x"], [null, "=1"]])).toBe("a,b\r\n1,x\r\n,'=1\r\n");
  });
});
