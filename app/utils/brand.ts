/**
 * The vendor's brand: a name and one colour (BRAND_NAME, BRAND_COLOR). Every shade the style
 * sheet needs is derived from the one colour, so a vendor sets one value and the portal stays
 * readable: env.server.ts refuses a colour whose text on white is below 4.5:1 (WCAG AA).
 */
export const DEFAULT_BRAND = { name: 'Mitra', color: '#0f766e' } as const
export type Brand = { name: string; color: string }

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of a colour against white. */
export function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05)
}

/** `weight` of the colour mixed with white (tints) or black (shades), as #rrggbb. */
function mix(hex: string, other: [number, number, number], weight: number): string {
  const out = channels(hex).map((c, i) => Math.round(c * weight + other[i] * (1 - weight)))
  return `#${out.map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

/** The CSS custom properties that carry the brand; empty for the default colour. */
export function brandStyle(color: string): string {
  if (color.toLowerCase() === DEFAULT_BRAND.color) return ''
  const white: [number, number, number] = [255, 255, 255]
  const black: [number, number, number] = [0, 0, 0]
  return `:root{--teal-50:${mix(color, white, 0.06)};--teal-100:${mix(color, white, 0.2)};--teal-600:${mix(color, white, 0.85)};--teal-700:${color};--teal-800:${mix(color, black, 0.82)};--teal-900:${mix(color, black, 0.62)}}`
}
