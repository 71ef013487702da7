// What a V8 heap snapshot holds, by constructor: count and self size, largest first.
//   node bench/heap-summary.mjs FILE.heapsnapshot [--top 30]
import fs from 'node:fs'

const file = process.argv[2]
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 30
const snap = JSON.parse(fs.readFileSync(file, 'utf8'))
const fields = snap.snapshot.meta.node_fields
const types = snap.snapshot.meta.node_types[0]
const width = fields.length
const [TYPE, NAME, SELF] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f))
const groups = new Map()
let total = 0
for (let i = 0; i < snap.nodes.length; i += width) {
  const type = types[snap.nodes[i + TYPE]]
  const name = type === 'object' || type === 'closure' || type === 'native' ? snap.strings[snap.nodes[i + NAME]] : `(${type})`
  const key = `${name}`.slice(0, 80)
  const size = snap.nodes[i + SELF]
  total += size
  const g = groups.get(key) ?? { n: 0, size: 0 }
  g.n++
  g.size += size
  groups.set(key, g)
}
console.log(`${file}: ${(total / 1048576).toFixed(1)} MiB of live objects`)
console.log('| constructor or type | count | self size | share |')
console.log('|---|---:|---:|---:|')
for (const [k, g] of [...groups.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  console.log(`| ${k.replace(/\|/g, '\\|')} | ${g.n.toLocaleString('en')} | ${(g.size / 1048576).toFixed(2)} MiB | ${((100 * g.size) / total).toFixed(1)} % |`)
}
