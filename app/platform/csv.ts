// CSV, both ways, per RFC 4180. Pure: no I/O.
//
// parseCsv reads quoted fields (commas, CR/LF and doubled quotes inside quotes), CRLF or LF line
// ends, and reports the 1-based line on which each record starts, so a bad row can be named.
// toCsv writes CRLF records, quotes only when needed, and defuses spreadsheet formulas: a cell that
// starts with = + - @ (or a tab or carriage return) is prefixed with ' so Excel or Sheets shows it
// as text instead of running it (OWASP "CSV injection").

export type CsvRecord = { line: number; fields: string[] };

export class CsvSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

/** Splits CSV text into records. Blank lines are skipped. Throws CsvSyntaxError on a malformed quote. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedField = false; // the current field was quoted (so an empty "" still counts)
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === "" && !quotedField;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    quotedField = false;
  };

  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          const after = text[i + 1];
          if (after !== undefined && after !== "," && after !== "\n" && after !== "\r") {
            throw new CsvSyntaxError("a closing quote must be followed by a comma or the end of the line", line);
          }
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== "") throw new CsvSyntaxError('a quote may only open a field (write "" inside a quoted field)', line);
      inQuotes = true;
      quotedField = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      quotedField = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (inQuotes) throw new CsvSyntaxError("a quoted field is never closed", recordLine);
  if (field !== "" || fields.length > 0 || quotedField) endRecord();
  return records;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, defused and quoted as needed. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value == null ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends (RFC 4180), ending with a line break. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
