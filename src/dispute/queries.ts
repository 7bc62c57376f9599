/**
 * Read-side selectors of dispute coordination. A case is its own stream, so the ladder's
 * measures take the cases an app has loaded (a street's, a district's) and count over them.
 *
 * @module
 */
import {
  daysBetween,
  daysHavePassed,
  inZone,
  instant,
  instantToMillis,
  periodEnd,
  type Instant,
} from '../core/index.js'
import type { Case, ConfirmationApplication, Level, Party } from './codecs.js'
import { CONFIRMATION_DAYS, partiesAwaiting, timeLimitOf } from './kit.js'
import { assigningStates, caseMachine, closedStates, ladder } from './machine.js'
import type { CaseState } from './state.js'

/** One line of a case's timeline. @category Queries */
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
 * // @check types-only
 * import { caseTimeline, type Case } from 'governance-kit/dispute'
 * declare const kase: Case // engine.load(caseStream(id)).state.case, once filed
 * caseTimeline(kase)
 * ```
 *
 * @category Queries
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

/** Where a case's joint application for judicial confirmation 司法确认 stands. @category Queries */
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
 * // @check types-only
 * import { judicialConfirmationStatus, type Case } from 'governance-kit/dispute'
 * declare const kase: Case // engine.load(caseStream(id)).state.case, once filed
 * judicialConfirmationStatus(kase)?.awaiting // the parties still to apply
 * ```
 *
 * @category Queries
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

/** The ladder's measures over a set of cases. @category Queries */
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
 *
 * @category Queries
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

// ---------------------------------------------------------------------------------------------
// What is due

/** A party of a case awaited for an act, by index in the case's `parties`. @category Queries */
export interface AwaitedParty {
  readonly party: number
  readonly ref: Party
}

/**
 * One thing a dispute case is waiting for at an instant (see {@link dueInCase}), by `kind`:
 *
 * - `time-limit` — the level's time limit 时限: the office's days for the case at its level,
 *   counted from `since` (when the level's office took the case); from `dueBy` (24:00 of the last
 *   day) the mediator may escalate it unasked (`escalation-needs-request`);
 * - `judicial-confirmation` — the 30-day window for the joint application for judicial
 *   confirmation 司法确认 (art. 33), from the agreement taking effect, with the parties that have
 *   not applied; from `dueBy` an application is refused (`within-30-days`);
 * - `consent` — the parties whose consent to mediation is awaited (自愿: the case waits for them);
 * - `mediator-assignment` — the level's office has no mediator assigned to the case;
 * - `escalation-acceptance` — the case was escalated and waits for the office of its new level;
 * - `escalation-request` — a party asked for the case to go up the ladder, and the mediator has
 *   not escalated it yet;
 * - `signatures` — the parties that have not signed the drafted agreement 调解协议;
 * - `countersignature` — the mediator's signature with the mediation committee's seal
 *   (人民调解委员会印章) on the drafted agreement;
 * - `outcome` — an agreement in effect whose fulfilment or breach is still to be recorded.
 *
 * Only the time limit and the 30-day window have a `dueBy` (the first instant past the period,
 * written in the calendar zone, 北京时间) and can be `overdue`; the law sets no date for the rest.
 *
 * @category Queries
 */
export type CaseDueItem =
  | {
      readonly kind: 'time-limit'
      /** The level whose time limit runs. */
      readonly level: Level
      /** When the level's office took the case: the limit's days count from the day after. */
      readonly since: Instant
      /** The limit in days. */
      readonly days: number
      /** 24:00 of the limit's last day: from then the mediator may escalate unasked. */
      readonly dueBy: Instant
      /** Whether the limit has passed at the instant asked about. */
      readonly overdue: boolean
    }
  | {
      readonly kind: 'judicial-confirmation'
      /** When the agreement took effect: the 30 days count from the day after. */
      readonly effectiveAt: Instant
      /** 24:00 of the 30th day: from then an application is refused. */
      readonly dueBy: Instant
      /** The parties that have not applied yet. */
      readonly awaiting: ReadonlyArray<AwaitedParty>
      /** Whether the window has passed at the instant asked about. */
      readonly overdue: boolean
    }
  | {
      readonly kind: 'consent'
      /** When the case was filed. */
      readonly since: Instant
      /** The parties that have not consented yet. */
      readonly awaiting: ReadonlyArray<AwaitedParty>
    }
  | {
      readonly kind: 'mediator-assignment'
      /** The level whose office assigns. */
      readonly level: Level
      /** When the level's office took the case. */
      readonly since: Instant
    }
  | {
      readonly kind: 'escalation-acceptance'
      /** The level the case was escalated to, whose office accepts it. */
      readonly level: Level
      /** When it was escalated. */
      readonly since: Instant
    }
  | {
      readonly kind: 'escalation-request'
      /** The level the case is at, whose mediator escalates it. */
      readonly level: Level
    }
  | {
      readonly kind: 'signatures'
      /** When the agreement was drafted. */
      readonly since: Instant
      /** The parties that have not signed yet. */
      readonly awaiting: ReadonlyArray<AwaitedParty>
    }
  | {
      readonly kind: 'countersignature'
      /** When the agreement was drafted. */
      readonly since: Instant
    }
  | {
      readonly kind: 'outcome'
      /** When the agreement took effect. */
      readonly effectiveAt: Instant
    }

/** The first instant after a period (milliseconds), written in the calendar zone. */
const instantOf = (millis: number): Instant =>
  inZone(instant(new Date(millis).toISOString().replace(/\.000Z$/, 'Z')))

/**
 * What is due or overdue on a dispute case at the instant `at`, read from the case's state alone
 * (no clock: `at` is given): its time limit 时限 at its level, the window for judicial
 * confirmation 司法确认, and what its lifecycle waits for (consents, a mediator, the next level's
 * acceptance, a requested escalation, signatures, the mediator's signature and seal, the
 * agreement's outcome). Sorted by `dueBy`, earliest first, items without one last, in that order.
 * A closed case (fulfilled, breached, declined, referred out, withdrawn) and an unfiled stream
 * have nothing due.
 *
 * The time limit is computed as the rule `escalation-needs-request` computes it, and the window as
 * `within-30-days` does (both with `periodEnd`): an item is `overdue` exactly when the rule
 * lets a mediator escalate unasked, or refuses an application. The time limit is listed while the
 * case may be escalated (accepted, in mediation, failed) at the grid or the community, with a
 * limit set. A mediator's assignment is read as the case records it: an assignment whose post has
 * since ended in the registry still counts here.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { instant } from 'governance-kit'
 * import { dueInCase, type CaseState } from 'governance-kit/dispute'
 * declare const state: CaseState // a case accepted at the grid on 1 April at 09:00
 * dueInCase(state, instant('2024-04-09T00:00:00+08:00'))
 * // → [{ kind: 'time-limit', level: 'grid', days: 7, dueBy: '2024-04-09T00:00:00+08:00', overdue: true, … }]
 * ```
 *
 * @category Queries
 */
export const dueInCase = (state: CaseState, at: Instant): ReadonlyArray<CaseDueItem> => {
  const c = state.case
  if (c === null || closedStates.has(c.status)) return []
  const items: CaseDueItem[] = []
  const escalable = caseMachine.can(c.status, 'escalateCase')
  // The same limit as `escalation-needs-request` reads.
  const limit = timeLimitOf(c)
  if (escalable && limit !== null)
    items.push({
      kind: 'time-limit',
      level: c.level,
      since: c.levelSince,
      days: limit,
      dueBy: instantOf(periodEnd(c.levelSince, limit)),
      overdue: daysHavePassed(c.levelSince, limit, at),
    })
  const agreement = c.agreement
  if (
    c.status === 'agreed' &&
    agreement !== null &&
    agreement.effectiveAt !== null &&
    agreement.confirmationRequestedAt === null
  )
    items.push({
      kind: 'judicial-confirmation',
      effectiveAt: agreement.effectiveAt,
      dueBy: instantOf(periodEnd(agreement.effectiveAt, CONFIRMATION_DAYS)),
      awaiting: partiesAwaiting(c.parties, agreement.applications),
      // `within-30-days` refuses from 24:00 of the 30th day (`withinDays`).
      overdue: daysHavePassed(agreement.effectiveAt, 30, at),
    })
  if (c.status === 'filed')
    items.push({
      kind: 'consent',
      since: c.filedAt,
      awaiting: partiesAwaiting(
        c.parties,
        c.consents.map((party) => ({ party })),
      ),
    })
  if (c.status === 'escalated')
    items.push({ kind: 'escalation-acceptance', level: c.level, since: c.levelSince })
  // The office assigns while the case is filed, accepted or in mediation (`case-not-open`).
  else if (c.mediators.length === 0 && assigningStates.has(c.status))
    items.push({ kind: 'mediator-assignment', level: c.level, since: c.levelSince })
  if (escalable && c.escalationRequested) items.push({ kind: 'escalation-request', level: c.level })
  if (c.status === 'drafting' && agreement !== null) {
    const unsigned = partiesAwaiting(c.parties, agreement.signatures)
    if (unsigned.length > 0)
      items.push({ kind: 'signatures', since: agreement.draftedAt, awaiting: unsigned })
    if (agreement.mediatorSignature === null)
      items.push({ kind: 'countersignature', since: agreement.draftedAt })
  }
  if (c.status === 'agreed' && agreement !== null && agreement.effectiveAt !== null)
    items.push({ kind: 'outcome', effectiveAt: agreement.effectiveAt })
  const dueOf = (item: CaseDueItem): number =>
    'dueBy' in item ? instantToMillis(item.dueBy) : Number.POSITIVE_INFINITY
  // Array.prototype.sort is stable: items with the same dueBy (or none) keep their order.
  return items.sort((a, b) => {
    const d = dueOf(a) - dueOf(b)
    return Number.isNaN(d) ? 0 : d
  })
}
