// `npm run jobs`: runs every periodic job once (cron-friendly) and prints what each did.
import { JOBS } from '../app/jobs/index.server'
import { runDueJobs } from '../app/jobs/runner.server'
import { closeDb } from '../app/utils/db.server'

const result = await runDueJobs(JOBS, Date.now(), { force: true })
for (const [name, outcome] of Object.entries(result)) console.log(`${name}: ${outcome}`)
closeDb()
