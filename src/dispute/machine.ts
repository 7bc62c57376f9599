/**
 * The dispute mechanism's lifecycle, declared once as data: a case of people's mediation, and
 * the escalation ladder's levels.
 *
 * @module
 */
import { defineMachine } from '../core/index.js'
import { disputeRules } from './rules.js'

/** Every state from which a case may still go to court or arbitration, or be withdrawn. */
const open = ['filed', 'accepted', 'in-mediation', 'failed', 'escalated'] as const

/**
 * A case of people's mediation 人民调解 (the People's Mediation Law as the public reference):
 * filed → accepted once every party consents (mediation is voluntary: a refusal closes it as
 * declined) → in mediation (sessions) → agreement drafted → agreed (调解协议 in effect) once
 * every party has signed and the mediator has signed it with the mediation committee's seal,
 * whichever comes last (`signed-and-sealed`, art. 29/30) → fulfilled or breached; or mediation
 * failed; escalated up the ladder and accepted by the next level's office; referred out (court,
 * arbitration); withdrawn. While agreed, each party applies for judicial confirmation within 30
 * days (`within-30-days`); the joint application is kept on the agreement, not as a state.
 *
 * @category Lifecycle
 */
export const caseMachine = defineMachine({
  id: 'case',
  states: [
    'filed',
    'accepted',
    'in-mediation',
    'drafting',
    'agreed',
    'fulfilled',
    'breached',
    'failed',
    'escalated',
    'declined',
    'referred-out',
    'withdrawn',
  ],
  initial: 'filed',
  final: ['fulfilled', 'declined', 'referred-out', 'withdrawn'],
  transitions: [
    { from: 'filed', on: 'giveConsent', to: 'accepted', guard: disputeRules.everyPartyConsents.id },
    { from: 'filed', on: 'giveConsent', to: 'filed' },
    { from: 'filed', on: 'refuseMediation', to: 'declined' },
    { from: ['accepted', 'in-mediation'], on: 'holdSession', to: 'in-mediation' },
    { from: 'in-mediation', on: 'draftAgreement', to: 'drafting' },
    { from: 'drafting', on: 'signAgreement', to: 'agreed', guard: disputeRules.signedAndSealed.id },
    { from: 'drafting', on: 'signAgreement', to: 'drafting' },
    {
      from: 'drafting',
      on: 'countersignAgreement',
      to: 'agreed',
      guard: disputeRules.signedAndSealed.id,
    },
    { from: 'drafting', on: 'countersignAgreement', to: 'drafting' },
    { from: ['in-mediation', 'drafting'], on: 'recordFailure', to: 'failed' },
    {
      from: 'agreed',
      on: 'requestJudicialConfirmation',
      to: 'agreed',
      guard: disputeRules.withinThirtyDays.id,
    },
    { from: 'agreed', on: 'recordFulfilment', to: 'fulfilled' },
    { from: 'agreed', on: 'recordBreach', to: 'breached' },
    { from: ['accepted', 'in-mediation', 'failed'], on: 'escalateCase', to: 'escalated' },
    { from: 'escalated', on: 'acceptEscalation', to: 'accepted' },
    { from: [...open, 'drafting', 'agreed', 'breached'], on: 'referOut', to: 'referred-out' },
    { from: [...open, 'drafting'], on: 'withdrawCase', to: 'withdrawn' },
  ],
})

/**
 * The escalation ladder 小事不出网格、大事不出社区、难事不出街道: grid → community → street, one
 * level at a time, never down. A cross-community case's community level is the joint mediation
 * office that both communities staff (seed 001).
 *
 * @category Lifecycle
 */
export const ladder = ['grid', 'community', 'street'] as const

/**
 * The case states in which a case is over for the ladder's closing shares: the final states, and
 * a breach (which may still go to court, but is no longer the mediators').
 *
 * @category Lifecycle
 */
export const closedStates: ReadonlySet<string> = new Set<string>([...caseMachine.final, 'breached'])

/**
 * The case states in which the office of the case's level assigns mediators (`case-not-open`):
 * filed, accepted or in mediation — not from the draft agreement on, nor while the case is
 * escalated and awaits acceptance.
 *
 * @category Lifecycle
 */
export const assigningStates: ReadonlySet<string> = new Set<string>([
  'filed',
  'accepted',
  'in-mediation',
])
