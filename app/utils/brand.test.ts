import { describe, expect, it } from 'vitest'
import { brandStyle, contrastOnWhite, DEFAULT_BRAND } from './brand'

describe('brand colour', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastOnWhite('#000000')).toBeCloseTo(21, 0)
    expect(contrastOnWhite('#ffffff')).toBeCloseTo(1, 5)
    expect(contrastOnWhite(DEFAULT_BRAND.color)).toBeGreaterThan(4.5)
  })

  it('derives every shade from one colour, and adds nothing for the default', () => {
    expect(brandStyle(DEFAULT_BRAND.color)).toBe('')
    const css = brandStyle('#1d4ed8')
    expect(css).toContain('--teal-700:#1d4ed8')
    const shades = [...css.matchAll(/--teal-(\d+):(#[0-9a-f]{6})/g)].map((m) => [Number(m[1]), contrastOnWhite(m[2])] as const)
    expect(shades.map(([n]) => n)).toEqual([50, 100, 600, 700, 800, 900])
    // darker shades read better on white, lighter ones less: the order holds
    for (let i = 1; i < shades.length; i++) expect(shades[i][1]).toBeGreaterThan(shades[i - 1][1])
  })
})
