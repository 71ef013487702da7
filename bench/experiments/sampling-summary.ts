// Summarises a V8 sampling heap profile: bytes per request by function, self and with callees.
export type SamplingNode = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: SamplingNode[] }

export function summariseSamples(head: SamplingNode, requests: number, top = 25, topInclusive = 40) {
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const where = (node: SamplingNode) => {
    const url = node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(build|app)\//, '$1/')
    return `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`
  }
  let total = 0
  const walk = (node: SamplingNode, stack: Set<string>): number => {
    const key = where(node)
    self.set(key, (self.get(key) ?? 0) + node.selfSize)
    total += node.selfSize
    let sum = node.selfSize
    for (const child of node.children) sum += walk(child, new Set([...stack, key]))
    // a recursive function counts once on its own path
    if (!stack.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + sum)
    return sum
  }
  walk(head, new Set())
  const kb = (bytes: number) => `${(bytes / requests / 1024).toFixed(1)} KB`
  const lines = [`sampled ${kb(total)} per request`, '', 'self, per request:']
  for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${kb(bytes).padStart(9)}  ${key}`)
  lines.push('', 'with callees, per request:')
  for (const [key, bytes] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, topInclusive)) lines.push(`  ${kb(bytes).padStart(9)}  ${key}`)
  return lines.join('\n')
}
