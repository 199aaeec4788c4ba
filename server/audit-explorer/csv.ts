// CSV writing for audit exports (RFC 4180) with a guard against formula
// injection: spreadsheet apps execute a cell that starts with = + - @ (or a tab
// or carriage return before one), and agent names, paths and rule ids are
// attacker-influenced. Such text cells get a leading apostrophe (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

export type TCsvValue = string | number | boolean | null | undefined;

export function csvCell(value: TCsvValue): string {
  if (value === null || value === undefined) return "";
  // Numbers we produce ourselves are data, never formulas; only text is guarded.
  let text = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly TCsvValue[]): string {
  return values.map(csvCell).join(",");
}

/** Header plus rows, CRLF line ends as RFC 4180 says. */
export function toCsv(header: readonly string[], rows: readonly (readonly TCsvValue[])[]): string {
  return [csvRow(header), ...rows.map(csvRow)].join("\r\n") + "\r\n";
}
