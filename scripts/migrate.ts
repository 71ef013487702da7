import { migrateDatabase } from '../db/migrate'
import { closeDb, openSqlite, sqliteFileFromUrl } from '../app/utils/db.server'
import { getEnv } from '../app/utils/env.server'
import { reindexMatchingIfStale } from './reindex-matching'

const file = sqliteFileFromUrl(getEnv().DATABASE_URL)
const sqlite = openSqlite(file)
migrateDatabase(sqlite)
sqlite.close()
// the conflict-check index follows the matcher's key scheme: rebuilt once when an older scheme built it
const index = await reindexMatchingIfStale()
closeDb()
if (index.reindexed && index.accounts + index.registrations > 0) console.log(`conflict-check index rebuilt: ${index.accounts} accounts, ${index.registrations} registrations in ${index.seconds.toFixed(1)} s`)
console.log(`database migrated: ${file}`)
