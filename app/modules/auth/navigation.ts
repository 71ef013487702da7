import type { MessageKey } from '../../utils/i18n'
import type { Actor } from './actor'

export type NavItem = { to: string; label: MessageKey }

/**
 * The menu for each audience. An entry appears once its module exists; the pages behind
 * each entry still check permissions themselves.
 */
export function navigationFor(actor: Pick<Actor, 'orgKind' | 'role' | 'orgId'>): NavItem[] {
  if (actor.orgKind === 'partner') {
    return [
      { to: '/', label: 'nav.home' },
      { to: '/deals', label: 'nav.deals' },
      { to: `/organisations/${actor.orgId}`, label: 'nav.team' },
    ]
  }
  if (actor.orgKind === 'supplier') {
    return [
      { to: '/', label: 'nav.home' },
      { to: `/organisations/${actor.orgId}`, label: 'nav.companyProfile' },
    ]
  }
  const items: NavItem[] = [{ to: '/', label: 'nav.dashboard' }]
  if (actor.role === 'admin' || actor.role === 'partner_manager') items.push({ to: '/deals/approvals', label: 'nav.approvals' })
  if (actor.role !== 'procurement_manager') items.push({ to: '/deals', label: 'nav.deals' })
  if (actor.role !== 'sales') {
    items.push({ to: '/organisations?kind=partner', label: 'nav.partners' }, { to: '/organisations?kind=supplier', label: 'nav.suppliers' })
  }
  items.push(
    { to: '/accounts', label: 'nav.accounts' },
    { to: '/contacts', label: 'nav.contacts' },
    { to: '/opportunities', label: 'nav.opportunities' },
    { to: '/leads', label: 'nav.leads' },
  )
  if (actor.role === 'admin') items.push({ to: '/organisations', label: 'nav.settings' }, { to: '/settings/deal-rules', label: 'nav.dealRules' })
  return items
}
