/**
 * Read-side selectors of a hall: a matter's timeline, participation by participant kind and by
 * household registration, speaking turns, vote tallies, overdue tasks, waiting demands, the
 * "116" work method, and the terms of the hall's chairs.
 *
 * @module
 */
import {
  compareInstants,
  daysBetween,
  isBefore,
  lookup,
  lookupAll,
  valuesOf,
  type DemandId,
  type Instant,
  type MatterId,
  type MotionId,
  type PersonId,
} from '../core/index.js'
import type { RegistryState } from '../community/index.js'
import type { Demand, MatterStatus, ParticipantKind, Tally, Task } from './codecs/index.js'
import type { HallState } from './state.js'

/** One line of a matter's timeline. @category Queries */
export interface TimelineEntry {
  readonly at: Instant
  readonly actor: PersonId | null
  readonly what: string
}

/**
 * A matter's full timeline, earliest first: its demands, every lifecycle step, its motions and
 * their votes, its tasks with progress, objections, coordination and supervision, and its
 * evaluations.
 *
 * @example
 * ```ts
 * import { MatterId } from 'governance-kit/codec'
 * import { matterTimeline, emptyHall } from 'governance-kit/deliberation'
 * matterTimeline(emptyHall, MatterId.make('m-garbage')) // []
 * ```
 *
 * @category Queries
 */
export const matterTimeline = (
  state: HallState,
  matterId: MatterId,
): ReadonlyArray<TimelineEntry> => {
  const matter = lookup(state.matters, matterId)
  if (matter === undefined) return []
  const entries: TimelineEntry[] = []
  for (const d of lookupAll(state.demands, matter.demands))
    entries.push({
      at: d.submittedAt,
      actor: d.submittedBy,
      what: `demand ${d.id} from ${d.resident} (${d.channel}): ${d.text}`,
    })
  for (const step of matter.steps)
    entries.push({ at: step.at, actor: step.actor, what: `${step.on} → ${step.to}` })
  for (const motion of valuesOf(state.motions)) {
    if (motion.matter !== matterId) continue
    const kind = motion.amends === null ? 'motion' : `amendment of ${motion.amends}`
    entries.push({
      at: motion.movedAt,
      actor: motion.mover,
      what: `${kind} ${motion.id} moved: ${motion.original}`,
    })
    for (const turn of motion.turns)
      entries.push({
        at: turn.at,
        actor: turn.speaker,
        what: `spoke on ${motion.id} (${turn.minutes} min)`,
      })
    if (motion.tally !== null && motion.closedAt !== null) {
      const amended = motion.text === motion.original ? '' : ` as amended: ${motion.text}`
      entries.push({
        at: motion.closedAt,
        actor: null,
        what: `${motion.id} ${motion.status}${amended} (${motion.tally.yes} yes, ${motion.tally.no} no, ${motion.tally.abstain} abstain)`,
      })
    }
  }
  for (const task of lookupAll(state.tasks, matter.tasks)) {
    const owner = task.owner.kind === 'person' ? task.owner.person : task.owner.organisation
    for (const p of task.progress)
      entries.push({
        at: p.at,
        actor: null,
        what: `task ${task.id} (${owner}): ${p.percent}% — ${p.note}`,
      })
    for (const o of task.objections)
      entries.push({
        at: o.at,
        actor: null,
        what: `task ${task.id} (${owner}) objected: ${o.reason}`,
      })
    for (const r of task.reports)
      entries.push({
        at: r.at,
        actor: r.supervisor,
        what: `supervision of ${task.id}: ${r.finding}`,
      })
    if (task.doneAt !== null)
      entries.push({ at: task.doneAt, actor: null, what: `task ${task.id} (${owner}) done` })
  }
  for (const c of matter.coordinations)
    entries.push({
      at: c.at,
      actor: null,
      what: `coordination meeting (${c.attendees.join(', ')}): ${c.settlements.map((s) => `${s.task} ${s.outcome}`).join('; ')}`,
    })
  for (const e of matter.evaluations)
    entries.push({
      at: e.at,
      actor: e.resident,
      what: `evaluated ${e.score}/5 (round ${e.round + 1})`,
    })
  // A stable sort keeps each source's own order among equal instants.
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => compareInstants(a.entry.at, b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry)
}

/**
 * What became of a resident's demand: the matter it joined, and where that matter is.
 *
 * @category Queries
 */
export const demandOutcome = (
  state: HallState,
  demand: DemandId,
):
  | {
      readonly demand: Demand
      readonly matter: {
        readonly id: MatterId
        readonly title: string
        readonly status: MatterStatus
      } | null
      readonly resolution: string | null
    }
  | undefined => {
  const d = lookup(state.demands, demand)
  if (d === undefined) return undefined
  const matter = d.matter === null ? undefined : lookup(state.matters, d.matter)
  return {
    demand: d,
    matter:
      matter === undefined ? null : { id: matter.id, title: matter.title, status: matter.status },
    resolution: matter?.resolution?.text ?? null,
  }
}

/** Counts of participation. @category Queries */
export interface ParticipationCounts {
  readonly attendances: number
  readonly turns: number
  readonly votes: number
  readonly demands: number
}

const zero = (): { attendances: number; turns: number; votes: number; demands: number } => ({
  attendances: 0,
  turns: 0,
  votes: 0,
  demands: 0,
})

/**
 * Participation in a hall (seed 004's multi-actor participation 多元参与): meetings attended,
 * speaking turns, votes and demands, by the representatives' participant kind and by household
 * registration (registered 户籍 or migrant 外来, from the registry).
 *
 * @category Queries
 */
export const participation = (
  state: HallState,
  registry: RegistryState,
): {
  readonly byKind: Readonly<Record<ParticipantKind, ParticipationCounts>>
  readonly byHousehold: Readonly<Record<'registered' | 'migrant' | 'unknown', ParticipationCounts>>
} => {
  const byKind: Record<ParticipantKind, ReturnType<typeof zero>> = {
    'party-committee': zero(),
    'residents-committee': zero(),
    resident: zero(),
    'social-organisation': zero(),
    'property-company': zero(),
    'other-social-force': zero(),
  }
  const byHousehold = { registered: zero(), migrant: zero(), unknown: zero() }
  const count = (person: PersonId, key: keyof ReturnType<typeof zero>): void => {
    const kind = lookup(state.representatives, person)?.kind
    if (kind !== undefined) byKind[kind][key] += 1
    const household = lookup(registry.persons, person)?.household.status ?? 'unknown'
    byHousehold[household][key] += 1
  }
  for (const meeting of valuesOf(state.meetings))
    for (const p of meeting.present) count(p, 'attendances')
  for (const motion of valuesOf(state.motions)) {
    for (const turn of motion.turns) count(turn.speaker, 'turns')
    for (const vote of motion.votes) count(vote.person, 'votes')
  }
  for (const demand of valuesOf(state.demands)) count(demand.resident, 'demands')
  return { byKind, byHousehold }
}

/** Speaking turns per person, over every motion (or one), most first. @category Queries */
export const speakingTurns = (
  state: HallState,
  motion?: MotionId,
): ReadonlyArray<{
  readonly person: PersonId
  readonly turns: number
  readonly minutes: number
}> => {
  const byPerson = new Map<PersonId, { turns: number; minutes: number }>()
  for (const m of valuesOf(state.motions)) {
    if (motion !== undefined && m.id !== motion) continue
    for (const turn of m.turns) {
      const seen = byPerson.get(turn.speaker) ?? { turns: 0, minutes: 0 }
      byPerson.set(turn.speaker, { turns: seen.turns + 1, minutes: seen.minutes + turn.minutes })
    }
  }
  return [...byPerson]
    .map(([person, t]) => ({ person, ...t }))
    .sort((a, b) => b.turns - a.turns || a.person.localeCompare(b.person))
}

/** Every closed vote's tally, by motion, in the order moved. @category Queries */
export const voteTallies = (
  state: HallState,
): ReadonlyArray<{
  readonly motion: MotionId
  readonly text: string
  readonly status: string
  readonly tally: Tally
  readonly eligible: number
}> =>
  valuesOf(state.motions)
    .filter((m) => m.tally !== null)
    .sort((a, b) => compareInstants(a.movedAt, b.movedAt))
    .map((m) => ({
      motion: m.id,
      text: m.text,
      status: m.status,
      tally: m.tally ?? { yes: 0, no: 0, abstain: 0 },
      eligible: lookup(state.meetings, m.meeting)?.eligible.length ?? 0,
    }))

/** Tasks not done (nor withdrawn) whose due date is before `asOf`. @category Queries */
export const overdueTasks = (state: HallState, asOf: Instant): ReadonlyArray<Task> =>
  valuesOf(state.tasks)
    .filter((t) => t.status !== 'done' && t.status !== 'withdrawn' && isBefore(t.due, asOf))
    .sort((a, b) => compareInstants(a.due, b.due))

/**
 * Demands that have waited `days` days or more without joining a matter, as of `asOf`.
 *
 * @category Queries
 */
export const waitingDemands = (
  state: HallState,
  asOf: Instant,
  days: number,
): ReadonlyArray<Demand> =>
  valuesOf(state.demands)
    .filter(
      (d) =>
        d.matter === null &&
        !isBefore(asOf, d.submittedAt) &&
        daysBetween(d.submittedAt, asOf) >= days,
    )
    .sort((a, b) => compareInstants(a.submittedAt, b.submittedAt))

/**
 * The six main steps of Guangzhou's "116" work method (一个议事厅、一套议事制度、六大环节, seed
 * 004). The seed names the method, not the steps; the library maps them onto its four stages.
 *
 * @category Queries
 */
export const sixSteps: ReadonlyArray<{ readonly step: string; readonly reached: MatterStatus }> = [
  { step: 'collect demands 收集需求', reached: 'collected' },
  { step: 'set the topic 确定议题', reached: 'on-agenda' },
  { step: 'deliberate 协商议事', reached: 'deliberating' },
  { step: 'decide 形成决议', reached: 'decided' },
  { step: 'carry out 组织实施', reached: 'coordinating' },
  { step: 'supervise and evaluate 监督评议', reached: 'supervising' },
]

/**
 * Whether a hall follows "116": one hall, one rule set (every open hall has its charter), and
 * which of the six steps its matters have reached.
 *
 * @category Queries
 */
export const oneOneSix = (
  state: HallState,
): {
  readonly hall: boolean
  readonly charter: boolean
  readonly steps: ReadonlyArray<{ readonly step: string; readonly reached: boolean }>
} => {
  const reached = new Set<string>()
  for (const m of valuesOf(state.matters)) for (const s of m.steps) reached.add(s.to)
  return {
    hall: state.hall !== null,
    charter: state.hall !== null,
    steps: sixSteps.map((s) => ({ step: s.step, reached: reached.has(s.reached) })),
  }
}

/** One term of a hall's chair 主持人任期, as {@link chairTerms} gives it. @category Queries */
export interface ChairTerm {
  readonly chair: PersonId
  readonly since: Instant
  /** When the chair was handed to the next one; null for the chair now. */
  readonly until: Instant | null
  /** The registrar who handed the chair over to them; null for the chair the hall opened with. */
  readonly handedOverBy: PersonId | null
  /** The basis recorded with that handover; null for the chair the hall opened with. */
  readonly basis: string | null
}

/**
 * The hall's chairs 主持人, earliest first: the chair it opened with, then one term per handover
 * (`handOverChair`), each with who handed the chair over and on what basis. Empty for a hall not
 * opened.
 *
 * @example
 * ```ts
 * import { chairTerms, emptyHall } from 'governance-kit/deliberation'
 * chairTerms(emptyHall) // []
 * // after Wu left the street and the registrar handed the chair to Sun:
 * // [{ chair: 'p-wu', since: …, until: '2024-07-01T…', handedOverBy: null, basis: null },
 * //  { chair: 'p-sun', since: '2024-07-01T…', until: null, handedOverBy: 'p-clerk', basis: '…' }]
 * ```
 *
 * @category Queries
 */
export const chairTerms = (state: HallState): ReadonlyArray<ChairTerm> => {
  const hall = state.hall
  if (hall === null) return []
  const first = state.handovers[0]
  const terms: ChairTerm[] = [
    {
      chair: first?.from ?? hall.chair,
      since: hall.openedAt,
      until: first?.at ?? null,
      handedOverBy: null,
      basis: null,
    },
  ]
  for (const [i, h] of state.handovers.entries())
    terms.push({
      chair: h.to,
      since: h.at,
      until: state.handovers[i + 1]?.at ?? null,
      handedOverBy: h.by,
      basis: h.basis,
    })
  return terms
}
