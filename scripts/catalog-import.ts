// `npm run catalog:import -- --supplier <email domain or id> --file <csv> [--mode full|incremental]`
// Stages a catalog version exactly as an upload does (the same reader, checks and all-or-nothing
// staging) and prints, as its last line, the JSON summary scripts read:
// {"rows":…,"valid":…,"invalid":…,"new":…,"changed":…,"deactivated":…}
import { parseArgs } from 'node:util'
import { submitCatalogFromCommand } from '../app/modules/suppliers/suppliers.server'
import { closeDb } from '../app/utils/db.server'
import { DomainError } from '../app/utils/errors'
import { translateLoose } from '../app/utils/i18n'

const { values } = parseArgs({ options: { supplier: { type: 'string' }, file: { type: 'string' }, mode: { type: 'string', default: 'full' } } })
const usage = 'usage: npm run catalog:import -- --supplier <email domain or id> --file <csv> [--mode full|incremental]'
if (!values.supplier || !values.file || (values.mode !== 'full' && values.mode !== 'incremental')) {
  console.error(usage)
  process.exit(2)
}

let exitCode = 0
try {
  let last = 0
  const summary = await submitCatalogFromCommand(values.supplier, values.file, values.mode, {
    onProgress: (rows) => {
      if (process.stderr.isTTY && rows - last >= 100_000) {
        last = rows
        process.stderr.write(`${rows} rows…\n`)
      }
    },
  })
  if (summary.failure) {
    console.error(translateLoose('en', summary.failure.key, summary.failure.params ?? {}))
    exitCode = 1
  } else if (summary.invalid > 0) {
    console.error(`version ${summary.versionId}: ${summary.invalid} invalid rows; see the version page for the report`)
    exitCode = 1
  } else console.error(`version ${summary.versionId} staged and waiting for procurement's review`)
  console.log(JSON.stringify({ rows: summary.rows, valid: summary.valid, invalid: summary.invalid, new: summary.new, changed: summary.changed, deactivated: summary.deactivated }))
} catch (error) {
  if (error instanceof DomainError) {
    console.error(translateLoose('en', error.messageKey, error.params))
    exitCode = 2
  } else throw error
} finally {
  closeDb()
}
process.exit(exitCode)
