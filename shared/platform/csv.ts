/**
 * One CSV text cell, as every report's CSV writes it: text a spreadsheet would run as a formula
 * (a leading `=`, `+`, `-`, `@`, tab or carriage return) is defused with a leading apostrophe, and
 * the cell is quoted when it holds a quote, a comma, a line break or edge whitespace.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
