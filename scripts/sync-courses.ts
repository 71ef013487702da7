// `npm run courses:sync`: loads content/courses/ into the database. A changed file becomes a new
// version of its course (earlier versions kept); a removed file retires its course.
import { syncCourses } from '../app/modules/training/training.server'
import { closeDb } from '../app/utils/db.server'

const report = await syncCourses()
console.log(`courses: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.retired.length} retired`)
for (const [what, ids] of Object.entries(report)) if (ids.length && what !== 'unchanged') console.log(`  ${what}: ${ids.join(', ')}`)
closeDb()
