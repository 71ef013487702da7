import { defineMachine } from '../../kit/machine'

// The deal-registration workflow as one table. Every status change goes through
// dealMachine.next(), so an illegal move is refused in one place with a clear error, and the
// deal page offers exactly the events dealMachine.allowed() returns for the reader.
export const DEAL_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'converted', 'expired'] as const
export type DealStatus = (typeof DEAL_STATUSES)[number]

/** Who plays which part on a registration: its partner organisation, a partner manager, or the system (jobs). */
export type DealPart = 'partner' | 'manager' | 'system'

export const dealMachine = defineMachine({
  statuses: DEAL_STATUSES,
  transitions: {
    submit: { from: ['draft'], to: 'submitted', by: 'partner' },
    resubmit: { from: ['returned'], to: 'submitted', by: 'partner' },
    withdraw: { from: ['draft', 'submitted', 'returned', 'approved'], to: 'withdrawn', by: 'partner' },
    approve: { from: ['submitted'], to: 'approved', by: 'manager' },
    reject: { from: ['submitted'], to: 'rejected', by: 'manager' },
    return: { from: ['submitted'], to: 'returned', by: 'manager' },
    convert: { from: ['approved'], to: 'converted', by: 'manager' },
    expire: { from: ['approved'], to: 'expired', by: 'system' },
  },
})

export const DEAL_EVENTS = dealMachine.events
export type DealEvent = (typeof DEAL_EVENTS)[number]

/** Statuses in which a registration still claims the customer (conflict checks look at these). */
export const OPEN_STATUSES: readonly DealStatus[] = ['submitted', 'returned', 'approved']
/** Statuses the partner may still edit. */
export const EDITABLE_STATUSES: readonly DealStatus[] = ['draft', 'returned']
