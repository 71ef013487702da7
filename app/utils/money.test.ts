import { describe, expect, it } from 'vitest'
import { formatMoney, minorToInput, parseAmountToMinor } from './money'

describe('money', () => {
  it('shows IDR without decimals in both languages', () => {
    expect(formatMoney(12_500_000, 'IDR', 'id').replace(/\s/g, ' ')).toBe('Rp 12.500.000')
    expect(formatMoney(12_500_000, 'IDR', 'en')).toContain('12,500,000')
    expect(formatMoney(12_500_000, 'IDR', 'en')).not.toContain('.00')
  })

  it('keeps cents for USD', () => {
    expect(formatMoney(125_050, 'USD', 'en')).toBe('$1,250.50')
  })

  it('formats each amount in its own currency and language, however the calls interleave', () => {
    const calls = [
      [125_050, 'USD', 'en', '$1,250.50'],
      [125_050, 'USD', 'id', 'US$1.250,50'],
      [125_050, 'JPY', 'en', '¥125,050'],
      [125_050, 'KWD', 'en', 'KWD 125.050'],
      [125_050, 'IDR', 'id', 'Rp 125.050'],
    ] as const
    for (let round = 0; round < 2; round++) for (const [minor, currency, locale, shown] of calls) expect(formatMoney(minor, currency, locale).replace(/\s/g, ' ')).toBe(shown)
  })

  it('parses typed amounts into integer minor units, refusing too many decimals', () => {
    expect(parseAmountToMinor('12.500.000', 'IDR', 'id')).toBe(12_500_000)
    expect(parseAmountToMinor('12500000', 'IDR', 'en')).toBe(12_500_000)
    expect(parseAmountToMinor('Rp 12.500.000', 'IDR', 'id')).toBe(12_500_000)
    expect(parseAmountToMinor('1.250,50', 'USD', 'id')).toBe(125_050)
    expect(parseAmountToMinor('1,250.50', 'USD', 'en')).toBe(125_050)
    expect(parseAmountToMinor('0.1', 'USD', 'en')).toBe(10)
    expect(parseAmountToMinor('12,5', 'IDR', 'id')).toBeNull()
    expect(parseAmountToMinor('abc', 'IDR', 'id')).toBeNull()
    expect(parseAmountToMinor('-5', 'IDR', 'id')).toBeNull()
    expect(parseAmountToMinor('99999999999999999999', 'IDR', 'id')).toBeNull()
  })

  it('round-trips the edit form value', () => {
    expect(parseAmountToMinor(minorToInput(125_050, 'USD'), 'USD', 'en')).toBe(125_050)
    expect(parseAmountToMinor(minorToInput(12_500_000, 'IDR'), 'IDR', 'id')).toBe(12_500_000)
  })
})
