// One catalog import as the command runs it (the same reader, checks, staging and diff), in a process of its own
// so its peak memory is its own: prints {"ms":…,"maxRssMiB":…,"summary":{…}} as its last line.
import { submitCatalogFromCommand } from '../../app/modules/suppliers/suppliers.server'
import { closeDb } from '../../app/utils/db.server'

const [supplier, file] = process.argv.slice(2)
const started = performance.now()
const summary = await submitCatalogFromCommand(supplier!, file!, 'full')
const ms = performance.now() - started
closeDb()
console.log(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, summary: { rows: summary.rows, valid: summary.valid, invalid: summary.invalid, new: summary.new, failure: summary.failure ?? null } }))
