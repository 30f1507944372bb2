/** Reading back the post-campaign report's CSV, and the arithmetic the tests check it with. */

/** RFC 4180, as the report writes it (CRLF, quoted cells with doubled quotes). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) out.push([...row, cell]);
  return out;
}

/** Rounded to cents. */
export const cents = (v: number) => Math.round(v * 100) / 100;

/** The picked numbers of the items, added up. */
export const sum = <T>(items: T[], pick: (item: T) => number) =>
  items.reduce((total, i) => total + pick(i), 0);
