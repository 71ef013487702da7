import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'

describe('parseCsv', () => {
  it('parses a header and rows, without a trailing empty row', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ])
  })

  it('handles quoted commas, doubled quotes and line breaks inside quotes', () => {
    const text = 'name,note\r\n"PT Maju, Jaya","He said ""halo"""\r\n"multi\r\nline",x\r\n'
    expect(parseCsv(text)).toEqual([
      ['name', 'note'],
      ['PT Maju, Jaya', 'He said "halo"'],
      ['multi\r\nline', 'x'],
    ])
  })

  it('keeps empty fields and whitespace as written, and reads a last line without a line break', () => {
    expect(parseCsv(',  PT Maju  ,\n"",x')).toEqual([
      ['', '  PT Maju  ', ''],
      ['', 'x'],
    ])
  })

  it('accepts CRLF, lone CR and a byte-order mark, keeps accented text', () => {
    expect(parseCsv('\ufeffa,b\rKoperasi Bahtêra Glöbal,1\r\n')).toEqual([
      ['a', 'b'],
      ['Koperasi Bahtêra Glöbal', '1'],
    ])
  })

  it('keeps blank lines in the middle as one empty field, and returns nothing for empty text', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']])
    expect(parseCsv('')).toEqual([])
  })

  it('rejects an unterminated quoted field', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/)
  })
})
