/**
 * Read-side selectors of dispute coordination. A case is its own stream, so the ladder's
 * measures take the cases an app has loaded (a street's, a district's) and count over them.
 *
 * @module
 */
import { daysBetween, type Instant } from '../core/index.js'
import type { Case, ConfirmationApplication, Level, Party } from './codecs.js'
import { partiesAwaiting } from './kit.js'
import { ladder } from './machine.js'

/** One line of a case's timeline. */
export interface CaseTimelineEntry {
  readonly at: Instant
  readonly level: Level
  readonly what: string
}

/**
 * A case's timeline, earliest first: every step with its level and note, and every session with
 * who attended. Each application for judicial confirmation names the party that applied and the
 * parties still awaited; the mediator's signature names the committee whose seal it carries.
 *
 * @example
 * ```ts
 * import { caseTimeline } from 'governance-kit'
 * // caseTimeline(state.case) — for a case loaded with engine.load(caseStream(id))
 * ```
 */
export const caseTimeline = (c: Case): ReadonlyArray<CaseTimelineEntry> => {
  // Sessions are kept in the order their sessionHeld steps were taken.
  let session = 0
  return c.steps.map((step) => {
    const held = step.on === 'sessionHeld' ? c.sessions[session++] : undefined
    const who =
      held === undefined
        ? ''
        : ` — mediators ${held.mediators.join(', ') || 'none'}; attended ${held.attended.join(', ') || 'nobody'}`
    return {
      at: step.at,
      level: step.level,
      what: `${step.on} → ${step.to}${step.note === null ? '' : ` (${step.note})`}${who}`,
    }
  })
}

/** Where a case's joint application for judicial confirmation 司法确认 stands. */
export interface JudicialConfirmationStatus {
  /** When the agreement took effect (the 30-day window runs from here). */
  readonly effectiveAt: Instant
  /** The parties that have applied, in the order they applied, with who applied and when. */
  readonly applied: ReadonlyArray<ConfirmationApplication>
  /** The parties that have not applied yet, by index in the case's `parties`. */
  readonly awaiting: ReadonlyArray<{ readonly party: number; readonly ref: Party }>
  /** When the last party applied and the joint request stood (null until then). */
  readonly requestedAt: Instant | null
}

/**
 * Who has applied for judicial confirmation 司法确认 and who has not (People's Mediation Law art.
 * 33: the parties apply jointly); null while no agreement is in effect.
 *
 * @example
 * ```ts
 * import { judicialConfirmationStatus } from 'governance-kit'
 * // judicialConfirmationStatus(state.case)?.awaiting — the parties still to apply
 * ```
 */
export const judicialConfirmationStatus = (c: Case): JudicialConfirmationStatus | null => {
  const agreement = c.agreement
  if (agreement === null || agreement.effectiveAt === null) return null
  return {
    effectiveAt: agreement.effectiveAt,
    applied: agreement.applications,
    awaiting: partiesAwaiting(c.parties, agreement.applications),
    requestedAt: agreement.confirmationRequestedAt,
  }
}

/** The ladder's measures over a set of cases. */
export interface LadderReport {
  /** Cases still open, by the level they are at (escalated cases waiting are counted apart). */
  readonly openPerLevel: Readonly<Record<Level, number>>
  /** Escalated cases the next level's office has not accepted yet, by that next level. */
  readonly awaitingAcceptance: Readonly<Record<Level, number>>
  /** Cases closed, by the level they closed at. */
  readonly closedPerLevel: Readonly<Record<Level, number>>
  /**
   * The share of closed cases that closed at each level (in [0, 1], null when none closed): the
   * measure behind 小事不出网格、大事不出社区、难事不出街道.
   */
  readonly closedShare: Readonly<Record<Level, number | null>>
  /** Mean whole days from filing to closing, over closed cases (null when none closed). */
  readonly meanDaysToClose: number | null
  /** Agreements fulfilled and breached. */
  readonly fulfilled: number
  readonly breached: number
}

const perLevel = (): Record<Level, number> => ({ grid: 0, community: 0, street: 0 })

/**
 * Cases open per level, the share closed at each level, the mean time from filing to closing,
 * and agreements fulfilled against breached. A case is closed when it is fulfilled, breached,
 * declined, referred out or withdrawn; an agreed case stays open until its fulfilment or breach
 * is recorded.
 */
export const ladderReport = (cases: ReadonlyArray<Case>): LadderReport => {
  const open = perLevel()
  const awaiting = perLevel()
  const closed = perLevel()
  let days = 0
  let fulfilled = 0
  let breached = 0
  // A case passed twice counts once.
  const unique = [...new Map(cases.map((c) => [c.id, c])).values()]
  for (const c of unique) {
    if (c.status === 'escalated') awaiting[c.level] += 1
    else if (c.closedAt === null || c.closedLevel === null) open[c.level] += 1
    else {
      closed[c.closedLevel] += 1
      days += daysBetween(c.filedAt, c.closedAt)
    }
    if (c.status === 'fulfilled') fulfilled += 1
    if (c.steps.some((s) => s.to === 'breached')) breached += 1
  }
  const total = ladder.reduce((sum, level) => sum + closed[level], 0)
  const share = (level: Level): number | null => (total === 0 ? null : closed[level] / total)
  return {
    openPerLevel: open,
    awaitingAcceptance: awaiting,
    closedPerLevel: closed,
    closedShare: { grid: share('grid'), community: share('community'), street: share('street') },
    meanDaysToClose: total === 0 ? null : days / total,
    fulfilled,
    breached,
  }
}
