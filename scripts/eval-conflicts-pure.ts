/**
 * In-memory evaluation of the conflict check on a labelled pairs file, following "How to evaluate" in
 * shared/data/conflicts/README.md, with no database: the Map below plays the role of the (key, account_id) table.
 *
 *   npx tsx scripts/eval-conflicts-pure.ts <pairs.csv> [--threshold=0.8] [--cap=2000] [--errors] [--cv=5] [--no-stats]
 *
 * --errors   lists the rows decided wrongly (to look at, not to special-case).
 * --no-stats  scores with the built-in word rarity instead of word counts over the loaded accounts.
 * --cv=k     k-fold check of the threshold choice: for each fold, picks the threshold that does best on the
 *            other k-1 folds and reports the held-out fold with it, so a threshold that only fits the file shows.
 *
 * The last line is always `precision=0.xxx recall=0.xxx` for the chosen (default) threshold over all rows.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseCsv } from '../app/utils/csv'
import {
  DEFAULT_CONFLICT_THRESHOLD,
  blockingKeys,
  prepareCompany,
  rarityFromStats,
  wordKeys,
  scoreCompanyMatch,
  type PreparedCompany,
} from '../app/modules/matching/company-match'

const COLUMNS = ['candidate_name', 'candidate_domain', 'existing_name', 'existing_domain', 'is_match'] as const

export type Row = { candidateName: string; candidateDomain: string; existingName: string; existingDomain: string; isMatch: boolean }

function parseArgs(argv: string[]) {
  const opts = { file: '', threshold: DEFAULT_CONFLICT_THRESHOLD, cap: 2000, errors: false, cv: 0, noStats: false }
  for (const arg of argv) {
    if (arg.startsWith('--threshold=')) opts.threshold = Number(arg.slice(12))
    else if (arg.startsWith('--cap=')) opts.cap = Number(arg.slice(6))
    else if (arg === '--errors') opts.errors = true
    else if (arg === '--no-stats') opts.noStats = true
    else if (arg.startsWith('--cv=')) opts.cv = Number(arg.slice(5))
    else if (!arg.startsWith('--')) opts.file = arg
    else throw new Error(`unknown option ${arg}`)
  }
  if (!opts.file) throw new Error('usage: tsx scripts/eval-conflicts-pure.ts <pairs.csv> [--threshold=x] [--cap=n] [--errors] [--cv=k]')
  return opts
}

export function readRows(file: string): Row[] {
  const table = parseCsv(readFileSync(file, 'utf8'))
  const header = table[0]?.map((h) => h.trim()) ?? []
  const col = COLUMNS.map((name) => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`${file}: missing column ${name}`)
    return i
  })
  const rows: Row[] = []
  for (const cells of table.slice(1)) {
    if (cells.length === 1 && cells[0] === '') continue // blank line
    const get = (k: number) => cells[col[k]!] ?? ''
    rows.push({
      candidateName: get(0),
      candidateDomain: get(1),
      existingName: get(2),
      existingDomain: get(3),
      isMatch: get(4).trim() === '1',
    })
  }
  return rows
}

type Account = { id: string; prepared: PreparedCompany }

/** The (key -> account ids) table and the lookup the database would do: skip keys above the cap, union the rest. */
class BlockingIndex {
  private readonly byKey = new Map<string, string[]>()
  /** Word counts over the accounts, as the database keeps them (rarity statistics). */
  readonly words = new Map<string, number>()
  records = 0
  keyCount = 0

  constructor(private readonly cap: number) {}

  add(account: Account) {
    this.records++
    for (const key of wordKeys(account.prepared)) this.words.set(key, (this.words.get(key) ?? 0) + 1)
    for (const key of blockingKeys(account.prepared)) {
      this.keyCount++
      const ids = this.byKey.get(key)
      if (ids) ids.push(account.id)
      else this.byKey.set(key, [account.id])
    }
  }

  lookup(candidate: PreparedCompany): Set<string> {
    const hits = new Set<string>()
    for (const key of blockingKeys(candidate)) {
      const ids = this.byKey.get(key)
      if (!ids || ids.length > this.cap) continue
      for (const id of ids) hits.add(id)
    }
    return hits
  }
}

type Outcome = { row: Row; ownScore: number | null; found: boolean }

function metrics(outcomes: Outcome[], threshold: number) {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const o of outcomes) {
    const reported = o.ownScore !== null && o.ownScore >= threshold
    if (o.row.isMatch && reported) tp++
    else if (o.row.isMatch) fn++
    else if (reported) fp++
  }
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) }
}

/** Threshold choice used by --cv: meet the targets (recall >= .95, precision >= .90) if possible, then best F1;
 * among equals, the value nearest the middle of the plateau. */
function bestThreshold(outcomes: Outcome[]): number {
  const grid: number[] = []
  for (let t = 0.5; t <= 0.995; t += 0.01) grid.push(Math.round(t * 100) / 100)
  const rank = (t: number) => {
    const m = metrics(outcomes, t)
    const f1 = m.precision + m.recall === 0 ? 0 : (2 * m.precision * m.recall) / (m.precision + m.recall)
    return (m.recall >= 0.95 && m.precision >= 0.9 ? 1 : 0) * 10 + f1
  }
  const ranks = grid.map(rank)
  const top = Math.max(...ranks)
  const plateau = grid.filter((_, i) => ranks[i]! >= top - 1e-12)
  return plateau[Math.floor(plateau.length / 2)]!
}

/**
 * The conflict check over labelled rows, as the README describes, with an in-memory key index and word counts in
 * place of the database: every distinct existing record is one account, each candidate is looked up and scored.
 */
export function evaluateRows(rows: Row[], opts: { cap?: number; noStats?: boolean } = {}) {
  const cap = opts.cap ?? 2000
  // load every distinct (existing_name, existing_domain) as one account
  const accountIdOf = new Map<string, string>()
  const index = new BlockingIndex(cap)
  let accounts = 0
  for (const row of rows) {
    const identity = JSON.stringify([row.existingName, row.existingDomain])
    if (accountIdOf.has(identity)) continue
    const id = `acc${++accounts}`
    accountIdOf.set(identity, id)
    index.add({ id, prepared: prepareCompany({ name: row.existingName, domain: row.existingDomain }) })
  }
  const preparedById = new Map<string, PreparedCompany>()
  for (const row of rows) {
    const id = accountIdOf.get(JSON.stringify([row.existingName, row.existingDomain]))!
    if (!preparedById.has(id)) preparedById.set(id, prepareCompany({ name: row.existingName, domain: row.existingDomain }))
  }

  const rarity = opts.noStats ? undefined : rarityFromStats({ total: index.records, count: (t) => index.words.get(`w:${t}`) })

  // the conflict check per row; keep the row's own account score so thresholds can be compared without re-running
  const outcomes: Outcome[] = []
  let candidatesScored = 0
  const started = performance.now()
  for (const row of rows) {
    const candidate = prepareCompany({ name: row.candidateName, domain: row.candidateDomain })
    const ownId = accountIdOf.get(JSON.stringify([row.existingName, row.existingDomain]))!
    const hits = index.lookup(candidate)
    let ownScore: number | null = null
    for (const id of hits) {
      candidatesScored++
      const { score } = scoreCompanyMatch(candidate, preparedById.get(id)!, { rarity })
      if (id === ownId) ownScore = score
    }
    outcomes.push({ row, ownScore, found: hits.has(ownId) })
  }
  const elapsed = performance.now() - started

  return { outcomes, accounts, index, candidatesScored, elapsed }
}

/** Precision and recall at the default threshold (the figures `npm run eval:conflicts` prints). */
export function evaluateFile(file: string, opts: { cap?: number; noStats?: boolean } = {}) {
  return metrics(evaluateRows(readRows(file), opts).outcomes, DEFAULT_CONFLICT_THRESHOLD)
}

function main() {
  const opts = parseArgs(process.argv.slice(2))
  const rows = readRows(opts.file)

  const { outcomes, accounts, index, candidatesScored, elapsed } = evaluateRows(rows, opts)
  const missedByBlocking = outcomes.filter((o) => o.row.isMatch && !o.found).length
  console.log(
    `rows=${rows.length} accounts=${accounts} keys/account=${(index.keyCount / accounts).toFixed(1)} ` +
      `candidates/lookup=${(candidatesScored / rows.length).toFixed(1)} matches-missed-by-blocking=${missedByBlocking} ` +
      `ms/lookup=${(elapsed / rows.length).toFixed(3)}`,
  )

  if (opts.errors) {
    for (const o of outcomes) {
      const reported = o.ownScore !== null && o.ownScore >= opts.threshold
      if (reported === o.row.isMatch) continue
      const label = o.row.isMatch ? 'FN' : 'FP'
      const r = o.row
      console.log(`${label} score=${o.ownScore ?? 'not-found'}  ${JSON.stringify(r.candidateName)} <${r.candidateDomain}>  vs  ${JSON.stringify(r.existingName)} <${r.existingDomain}>`)
    }
  }

  if (opts.cv > 1) {
    // deterministic interleaved folds: row i belongs to fold i mod k
    for (let k = 0; k < opts.cv; k++) {
      const train = outcomes.filter((_, i) => i % opts.cv !== k)
      const test = outcomes.filter((_, i) => i % opts.cv === k)
      const t = bestThreshold(train)
      const tr = metrics(train, t)
      const te = metrics(test, t)
      console.log(
        `fold ${k + 1}/${opts.cv}: threshold=${t.toFixed(2)} ` +
          `train precision=${tr.precision.toFixed(3)} recall=${tr.recall.toFixed(3)} | ` +
          `held-out precision=${te.precision.toFixed(3)} recall=${te.recall.toFixed(3)} (tp=${te.tp} fp=${te.fp} fn=${te.fn})`,
      )
    }
  }

  const m = metrics(outcomes, opts.threshold)
  console.log(`threshold=${opts.threshold} tp=${m.tp} fp=${m.fp} fn=${m.fn}`)
  console.log(`precision=${m.precision.toFixed(3)} recall=${m.recall.toFixed(3)}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
