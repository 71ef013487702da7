import type { IconName } from '../../components/nav-icon'
import type { MessageKey } from '../../utils/i18n'
import { scopeOf, type Actor, type Capability } from './actor'

export type NavItem = { to: string; label: MessageKey; icon: IconName }

type Scope = 'any' | 'own_org'
type Entry = { to: (actor: NavActor) => string; label: (actor: NavActor) => MessageKey; icon?: IconName; needs?: Capability | Capability[]; scope?: Scope }
type NavActor = Pick<Actor, 'orgKind' | 'role' | 'orgId'>

/**
 * The menu as data: an entry shows when the actor holds its capability (at the scope the page
 * needs), straight from the permission map, so no one is offered a link that answers 403 or 404.
 * Pages still check for themselves. Order is the order on screen.
 */
const MENU: Entry[] = [
  { to: () => '/', label: (a) => (scopeOf(a, 'read:dashboard') ? 'nav.dashboard' : 'nav.home'), icon: 'home' },
  { to: () => '/approvals', label: () => 'nav.approvals', needs: ['approve:deal_registration', 'approve:supplier_application', 'approve:catalog', 'approve:mdf'], scope: 'any', icon: 'inbox' },
  { to: () => '/deals', label: () => 'nav.deals', needs: 'read:deal_registration', icon: 'handshake' },
  { to: () => '/mdf', label: () => 'nav.mdf', needs: 'read:mdf', icon: 'money' },
  { to: () => '/library', label: () => 'nav.library', needs: 'read:library', icon: 'folder' },
  { to: () => '/events', label: () => 'nav.events', needs: 'read:event', icon: 'calendar' },
  { to: () => '/training', label: () => 'nav.training', needs: 'read:training', icon: 'cap' },
  { to: () => '/training/manage', label: () => 'nav.trainingManage', needs: 'grant:certificate', icon: 'cap' },
  { to: () => '/plans', label: () => 'nav.plans', needs: 'read:plan', icon: 'clipboard' },
  { to: () => '/partners', label: () => 'nav.partners', needs: 'read:reports', icon: 'users' },
  { to: () => '/reports', label: () => 'nav.reports', needs: 'read:reports', icon: 'chart' },
  { to: () => '/organisations?kind=supplier', label: () => 'nav.suppliers', needs: 'read:organisation', scope: 'any', icon: 'truck' },
  { to: (a) => `/organisations/${a.orgId}`, label: (a) => (a.orgKind === 'supplier' ? 'nav.companyProfile' : 'nav.team'), needs: 'read:organisation', scope: 'own_org', icon: 'building' },
  { to: () => '/suppliers', label: () => 'nav.supplierReviews', needs: 'manage:supplier', scope: 'any', icon: 'clipboard' },
  { to: () => '/supplier/catalog', label: () => 'nav.catalog', needs: 'submit:catalog', scope: 'own_org', icon: 'folder' },
  { to: () => '/supplier/documents', label: () => 'nav.supplierDocuments', needs: 'upload:supplier_document', scope: 'own_org', icon: 'book' },
  { to: () => '/supplier/api-keys', label: () => 'nav.apiKeys', needs: 'manage:api_key', scope: 'own_org', icon: 'settings' },
  { to: () => '/programme', label: () => 'nav.programme', needs: 'read:home', scope: 'own_org', icon: 'book' },
  { to: () => '/accounts', label: () => 'nav.accounts', needs: 'read:crm', icon: 'briefcase' },
  { to: () => '/contacts', label: () => 'nav.contacts', needs: 'read:crm', icon: 'contact' },
  { to: () => '/opportunities', label: () => 'nav.opportunities', needs: 'read:crm', icon: 'target' },
  { to: () => '/leads', label: () => 'nav.leads', needs: 'read:crm', icon: 'spark' },
  { to: () => '/pipelines', label: () => 'nav.pipelines', needs: 'read:crm', icon: 'columns' },
  { to: () => '/organisations', label: () => 'nav.settings', needs: 'manage:organisation', icon: 'settings' },
  { to: () => '/settings/deal-rules', label: () => 'nav.dealRules', needs: 'manage:settings', icon: 'scale' },
  { to: () => '/settings/tiers', label: () => 'nav.tiers', needs: 'manage:settings', icon: 'scale' },
  { to: () => '/settings/approval-slas', label: () => 'nav.approvalSlas', needs: 'manage:settings', icon: 'settings' },
]

export function navigationFor(actor: NavActor): NavItem[] {
  return MENU.filter((e) => {
    if (!e.needs) return true
    // a list of capabilities: any one of them opens the page (the approval queue has several kinds)
    return (Array.isArray(e.needs) ? e.needs : [e.needs]).some((need) => {
      const held = scopeOf(actor, need)
      return held !== null && (!e.scope || held === e.scope)
    })
  }).map((e) => ({ to: e.to(actor), label: e.label(actor), icon: e.icon ?? 'dot' }))
}
