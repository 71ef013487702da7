import { defineMachine } from '../../kit/machine'

// An event is scheduled until its organiser cancels it; a cancelled event stays visible (and in
// calendar feeds as CANCELLED, so calendar apps remove it) but takes no more answers.
export const EVENT_STATUSES = ['scheduled', 'cancelled'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

export const eventMachine = defineMachine({
  statuses: EVENT_STATUSES,
  transitions: {
    edit: { from: ['scheduled'], to: 'scheduled', by: 'organiser' },
    cancel: { from: ['scheduled'], to: 'cancelled', by: 'organiser' },
    respond: { from: ['scheduled'], to: 'scheduled', by: 'guest' },
  },
})
export type EventEvent = (typeof eventMachine.events)[number]
