import type { MessageKey } from '../../utils/i18n'
import { scopeOf, type Actor, type Capability } from './actor'

export type NavItem = { to: string; label: MessageKey }

type Scope = 'any' | 'own_org'
type Entry = { to: (actor: NavActor) => string; label: (actor: NavActor) => MessageKey; needs?: Capability; scope?: Scope }
type NavActor = Pick<Actor, 'orgKind' | 'role' | 'orgId'>

/**
 * The menu as data: an entry shows when the actor holds its capability (at the scope the page
 * needs), straight from the permission map, so no one is offered a link that answers 403 or 404.
 * Pages still check for themselves. Order is the order on screen.
 */
const MENU: Entry[] = [
  { to: () => '/', label: (a) => (scopeOf(a, 'read:dashboard') ? 'nav.dashboard' : 'nav.home') },
  { to: () => '/deals/approvals', label: () => 'nav.approvals', needs: 'approve:deal_registration' },
  { to: () => '/deals', label: () => 'nav.deals', needs: 'read:deal_registration' },
  { to: () => '/training', label: () => 'nav.training', needs: 'read:training' },
  { to: () => '/training/manage', label: () => 'nav.trainingManage', needs: 'grant:certificate' },
  { to: () => '/organisations?kind=partner', label: () => 'nav.partners', needs: 'read:organisation', scope: 'any' },
  { to: () => '/organisations?kind=supplier', label: () => 'nav.suppliers', needs: 'read:organisation', scope: 'any' },
  { to: (a) => `/organisations/${a.orgId}`, label: (a) => (a.orgKind === 'supplier' ? 'nav.companyProfile' : 'nav.team'), needs: 'read:organisation', scope: 'own_org' },
  { to: () => '/accounts', label: () => 'nav.accounts', needs: 'read:crm' },
  { to: () => '/contacts', label: () => 'nav.contacts', needs: 'read:crm' },
  { to: () => '/opportunities', label: () => 'nav.opportunities', needs: 'read:crm' },
  { to: () => '/leads', label: () => 'nav.leads', needs: 'read:crm' },
  { to: () => '/organisations', label: () => 'nav.settings', needs: 'manage:organisation' },
  { to: () => '/settings/deal-rules', label: () => 'nav.dealRules', needs: 'manage:settings' },
  { to: () => '/settings/tiers', label: () => 'nav.tiers', needs: 'manage:settings' },
]

export function navigationFor(actor: NavActor): NavItem[] {
  return MENU.filter((e) => {
    if (!e.needs) return true
    const held = scopeOf(actor, e.needs)
    return held !== null && (!e.scope || held === e.scope)
  }).map((e) => ({ to: e.to(actor), label: e.label(actor) }))
}
