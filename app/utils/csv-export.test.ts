import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'
import { csvCell, toCsv } from './csv-export'

describe('toCsv', () => {
  it('writes RFC 4180: CRLF records, quotes only where needed, doubled quotes inside', () => {
    expect(toCsv([['name', 'note'], ['PT Maju, Jaya', 'He said "halo"'], ['multi\nline', 'plain']])).toBe(
      'name,note\r\n"PT Maju, Jaya","He said ""halo"""\r\n"multi\nline",plain\r\n',
    )
  })

  it('writes null and undefined as empty cells, and numbers as numbers', () => {
    expect(toCsv([[null, undefined, 0, 12.5, -3, Number.NaN]])).toBe(',,0,12.5,-3,\r\n')
  })

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+62 21 555', "'+62 21 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a text cell that a spreadsheet would run: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })

  it('leaves ordinary text alone, including formula characters after the first one', () => {
    expect(csvCell('PT Sinar = Jaya')).toBe('PT Sinar = Jaya')
    expect(csvCell('budi@maju.co.id')).toBe('budi@maju.co.id')
    expect(csvCell('')).toBe('')
  })

  it('reads back through parseCsv to the same text, neutralised cells with their quote mark', () => {
    const rows = [
      ['Akun', 'Catatan'],
      ['PT "Maju", Jaya', 'baris\r\nkedua'],
      ['=1+1', '-5'],
    ]
    expect(parseCsv(toCsv(rows, { bom: true }))).toEqual([
      ['Akun', 'Catatan'],
      ['PT "Maju", Jaya', 'baris\r\nkedua'],
      ["'=1+1", "'-5"],
    ])
  })

  it('starts with a byte-order mark only when asked', () => {
    expect(toCsv([['a']], { bom: true })).toBe('\uFEFFa\r\n')
    expect(toCsv([['a']]).charCodeAt(0)).toBe('a'.charCodeAt(0))
  })
})
