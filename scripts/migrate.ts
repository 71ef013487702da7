import { migrateDatabase } from '../db/migrate'
import { openSqlite, sqliteFileFromUrl } from '../app/utils/db.server'
import { getEnv } from '../app/utils/env.server'

const file = sqliteFileFromUrl(getEnv().DATABASE_URL)
const sqlite = openSqlite(file)
migrateDatabase(sqlite)
sqlite.close()
console.log(`database migrated: ${file}`)
