import { describe, expect, it } from 'vitest';
import { columnToIndex, formatBox, indexToColumn, parseA1, quoteSheet } from './a1';

const sheets = new Set(['Sheet1', 'Leads']);
const parse = (text: string) => parseA1(text, (t) => sheets.has(t));

describe('A1 notation', () => {
  it('converts column letters both ways', () => {
    expect(columnToIndex('A')).toBe(0);
    expect(columnToIndex('Z')).toBe(25);
    expect(columnToIndex('AA')).toBe(26);
    expect(columnToIndex('ZZZ')).toBe(18277);
    for (const n of [0, 25, 26, 701, 702, 18277]) expect(columnToIndex(indexToColumn(n))).toBe(n);
  });

  it('reads a bounded range on a named sheet', () => {
    expect(parse('Sheet1!A1:C10')).toEqual({
      sheet: 'Sheet1',
      startRow: 0,
      endRow: 10,
      startCol: 0,
      endCol: 3,
    });
  });

  it('reads quoted sheet names with spaces and doubled quotes', () => {
    expect(parse("'My Sheet'!B2:C").sheet).toBe('My Sheet');
    expect(parse("'Ada''s list'!A:A").sheet).toBe("Ada's list");
  });

  it('leaves the open sides of open ranges undefined', () => {
    expect(parse('Sheet1!A:C')).toEqual({
      sheet: 'Sheet1',
      startRow: 0,
      endRow: undefined,
      startCol: 0,
      endCol: 3,
    });
    expect(parse('A2:C')).toEqual({
      sheet: undefined,
      startRow: 1,
      endRow: undefined,
      startCol: 0,
      endCol: 3,
    });
    expect(parse('Leads!2:5')).toEqual({
      sheet: 'Leads',
      startRow: 1,
      endRow: 5,
      startCol: 0,
      endCol: undefined,
    });
  });

  it('reads a bare sheet name as the whole sheet and a bare cell as one cell', () => {
    expect(parse('Leads')).toEqual({ sheet: 'Leads' });
    expect(parse('B3')).toEqual({
      sheet: undefined,
      startRow: 2,
      endRow: 3,
      startCol: 1,
      endCol: 2,
    });
  });

  it('reads reversed corners as the same box', () => {
    expect(parse('C3:A1')).toEqual(parse('A1:C3'));
  });

  it('refuses what is not a range', () => {
    expect(() => parse('Sheet1!A1:B2:C3')).toThrow(/Unable to parse range/);
    expect(() => parse("'Unclosed!A1")).toThrow(/Unable to parse range/);
    expect(() => parse('A0')).toThrow(/Unable to parse range/);
  });

  it('quotes sheet titles in returned ranges as Google does', () => {
    expect(quoteSheet('Sheet1')).toBe('Sheet1');
    expect(quoteSheet('My Sheet')).toBe("'My Sheet'");
    expect(quoteSheet('A1')).toBe("'A1'");
    expect(formatBox('My Sheet', { startRow: 0, endRow: 1000, startCol: 0, endCol: 3 })).toBe(
      "'My Sheet'!A1:C1000",
    );
    expect(formatBox('Leads', { startRow: 4, endRow: 5, startCol: 1, endCol: 2 })).toBe('Leads!B5');
  });
});
