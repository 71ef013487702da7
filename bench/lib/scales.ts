// The three dataset sizes. Everything else (contacts, leads, activities, users) is derived from these in
// proportion, in bench/generators/crm.ts.

export const SCALE_NAMES = ['S', 'M', 'L'] as const
export type ScaleName = (typeof SCALE_NAMES)[number]

export type ScaleSpec = {
  name: ScaleName
  partners: number
  accounts: number
  opportunities: number
}

export const SCALES: Record<ScaleName, ScaleSpec> = {
  S: { name: 'S', partners: 100, accounts: 10_000, opportunities: 10_000 },
  M: { name: 'M', partners: 1_000, accounts: 100_000, opportunities: 100_000 },
  L: { name: 'L', partners: 10_000, accounts: 1_000_000, opportunities: 1_000_000 },
}

export function isScaleName(value: string): value is ScaleName {
  return (SCALE_NAMES as readonly string[]).includes(value)
}

export function parseScales(arg: string): ScaleName[] {
  const names = arg
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
  for (const n of names) if (!isScaleName(n)) throw new Error(`unknown scale "${n}" (use S, M, L or a list like S,M)`)
  return [...new Set(names as ScaleName[])].sort((a, b) => SCALE_NAMES.indexOf(a) - SCALE_NAMES.indexOf(b))
}
