import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireCapability } from '../modules/auth/require-actor.server'
import { reportFilters } from '../modules/reports/reports.schema'
import { lastTwelveMonths, pipelineReportCsv, REPORT_TABLES, type ReportTable } from '../modules/reports/reports.server'
import { csvResponse } from '../utils/csv-export'
import { handle } from '../utils/route.server'

/** One table of the pipeline report as CSV (?table=funnel|partners|regions|months), with the page's filters. */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:reports')
  const url = new URL(request.url)
  const wanted = url.searchParams.get('table')
  const table: ReportTable = (REPORT_TABLES as readonly string[]).includes(wanted ?? '') ? (wanted as ReportTable) : 'funnel'
  const filters = reportFilters(url, lastTwelveMonths())
  return csvResponse(await pipelineReportCsv(actor, table, filters), `pipeline-${table}-${filters.from}-${filters.to}.csv`)
})
