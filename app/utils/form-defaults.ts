/** Record values (numbers, nulls, dates as strings) as the string defaults a form field shows. */
export function asDefaults(values: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!values) return undefined
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v)
  return out
}
