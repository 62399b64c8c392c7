import { describe, expect, it } from "vitest";
import { CsvSyntaxError, csvCell, parseCsv, toCsv } from "../../app/platform/csv";

describe("parseCsv", () => {
  it.each([
    ["plain fields", "a,b,c", [[1, ["a", "b", "c"]]]],
    ["empty fields", "a,,c,", [[1, ["a", "", "c", ""]]]],
    ["quoted comma", '"a,b",c', [[1, ["a,b", "c"]]]],
    ["escaped quotes", '"say ""hi""",x', [[1, ['say "hi"', "x"]]]],
    ["newline inside quotes keeps the record's first line", '"line1\nline2",x\ny,z', [[1, ["line1\nline2", "x"]], [3, ["y", "z"]]]],
    ["CRLF line ends", "a,b\r\nc,d\r\n", [[1, ["a", "b"]], [2, ["c", "d"]]]],
    ["blank lines are skipped but counted", "a\n\n\nb", [[1, ["a"]], [4, ["b"]]]],
    ["a quoted empty field is a record", '""', [[1, [""]]]],
    ["byte-order mark", "\uFEFFname,email", [[1, ["name", "email"]]]],
    ["no trailing newline", "a,b", [[1, ["a", "b"]]]],
    ["spaces are kept", " a , b ", [[1, [" a ", " b "]]]],
    ["empty input", "", []],
  ] as const)("%s", (_name, text, expected) => {
    expect(parseCsv(text).map((r) => [r.line, r.fields])).toEqual(expected);
  });

  it.each([
    ["an unclosed quote", 'a,b\n"never closed,x', 2],
    ["text after a closing quote", '"a"b,c', 1],
    ["a quote in the middle of a bare field", 'a\nab"c,d', 2],
  ])("rejects %s with its line number", (_name, text, line) => {
    const error = (() => { try { parseCsv(text); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(line);
  });
});

describe("toCsv", () => {
  it.each([
    ["plain", "Acme", "Acme"],
    ["comma", "Acme, Inc", '"Acme, Inc"'],
    ["quote", 'say "hi"', '"say ""hi"""'],
    ["newline", "a\nb", '"a\nb"'],
    ["formula =", "=1+1", "'=1+1"],
    ["formula +", "+1", "'+1"],
    ["formula -", "-1", "'-1"],
    ["formula @", "@SUM(A1)", "'@SUM(A1)"],
    ["formula with a comma is defused and quoted", "=HYPERLINK(\"x\",1)", '"\'=HYPERLINK(""x"",1)"'],
    ["null", null, ""],
    ["number", 42, "42"],
  ] as const)("%s", (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes CRLF records that parse back", () => {
    const rows = [["name", "note"], ["Ada", "likes, commas"], ["Bo", 'quotes "and"\nnewlines']];
    const text = toCsv(rows);
    expect(text).toBe('name,note\r\nAda,"likes, commas"\r\nBo,"quotes ""and""\nnewlines"\r\n');
    expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
  });
});
