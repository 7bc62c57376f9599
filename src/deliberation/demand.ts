/**
 * Demand feedback 需求反馈, the first stage: a resident's demand reaches the hall (ordering right
 * 点单权, voice right 发声权) from the resident, their building head 楼门长 or the hall's duty rota
 * (the 12345 hotline, visits 走访), and the chair, building heads and party-group leaders of the
 * hall's place aggregate waiting demands into a matter 议题, and the chair sets the topic
 * 确定议题 on a scheduled meeting's agenda.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  checkAll,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  type DemandId,
  type DomainError,
  type MatterId,
  type MeetingId,
  type PersonId,
} from '../core/index.js'
import { holdsRole, isWithin, rolesOf, type Person } from '../community/index.js'
import { MAX_AGENDA, type Channel, type Matter, type Meeting } from './codecs/index.js'
import { matterMachine, meetingMachine } from './machine.js'
import { actsAsChair, actsAsRepresentative, chairOnly, livesAtHall } from './residency.js'
import { deliberationRules } from './rules.js'
import {
  moveMatter,
  type HallContext,
  type HallEvents,
  type HallHandler,
  type HallReducer,
  type HallState,
} from './state.js'

// Who brings and aggregates demands, and which demands wait

/**
 * Whether the actor may bring the resident's demand: the resident themselves; their building head
 * (channel `building-head`); or the hall's duty rota — the chair and the representatives who act
 * now (see residency.ts) — for the hotline and visits.
 */
export const mayBring = (
  actor: PersonId,
  channel: Channel,
  resident: Person,
  s: HallState,
  x: HallContext,
): boolean => {
  const onRota = actsAsChair(x.registry, x, actor) || actsAsRepresentative(s, x, actor)
  const relayedByHead =
    resident.home !== null && holdsRole(x.registry, actor, 'building-head', resident.home)
  return (
    actor === resident.id ||
    (channel === 'building-head' && relayedByHead) ||
    ((channel === 'hotline' || channel === 'visit') && onRota)
  )
}

/**
 * Whether `person` may aggregate demands: the chair who acts now, or a building head or
 * party-group leader of the hall's place.
 */
export const mayAggregate = (x: HallContext, person: PersonId): boolean => {
  const { registry, hall } = x
  return (
    actsAsChair(registry, x, person) ||
    rolesOf(registry, person).some((a) => {
      if (a.role === 'building-head' && a.scope.level !== 'organisation')
        return isWithin(registry, a.scope, hall.place)
      if (a.role !== 'group-leader' || a.scope.level !== 'organisation') return false
      const group = lookup(registry.organisations, a.scope.id)
      return group !== undefined && isWithin(registry, group.seat, hall.place)
    })
  )
}

/**
 * The guard `previous-meeting-over` of a matter on an agenda going on `meeting`'s: it is on
 * another meeting's agenda, and that meeting is adjourned or cancelled.
 */
export const previousMeetingOver = (s: HallState, matter: Matter, meeting: MeetingId): boolean =>
  matter.meeting !== null &&
  matter.meeting !== meeting &&
  meetingMachine.final.includes(lookup(s.meetings, matter.meeting)?.status ?? 'scheduled')

/** Whether a meeting's agenda has room for a matter (`agenda-full`): it is there, or not full. */
export const agendaHasRoom = (meeting: Meeting, matter: MatterId): boolean =>
  meeting.agenda.includes(matter) || meeting.agenda.length < MAX_AGENDA

/** The rule `demand-aggregated`: each demand named exists, waits, and is named once. */
const waiting = (s: HallState, demands: ReadonlyArray<DemandId>): E.Either<DomainError, void> => {
  const seen = new Set<string>()
  return checkAll(
    ...demands.map(
      (id) => () =>
        pipe(
          found(lookup(s.demands, id), 'demand', id),
          E.flatMap((demand) => {
            const twice = seen.has(id)
            seen.add(id)
            return refuseBy(
              deliberationRules.demandAggregated,
              twice || demand.matter !== null,
              () => `Demand ${id} already belongs to a matter`,
            )
          }),
        ),
    ),
  )
}

// Handlers

const submitDemand: HallHandler<'submitDemand'> = (c, s, x) =>
  pipe(
    found(lookup(x.registry.persons, c.resident), 'person', c.resident),
    E.tap((resident) =>
      refuseWhen(!mayBring(c.actor, c.channel, resident, s, x), () =>
        forbidden(c.actor, c.type, [
          `the resident ${c.resident}`,
          `building-head over their home (channel building-head)`,
          `hall-chair or representative of ${x.hall.id} (channel hotline or visit)`,
        ]),
      ),
    ),
    E.tap((resident) =>
      refuseBy(
        deliberationRules.notAResident,
        !livesAtHall(x.registry, x.hall, c.resident),
        () => `${resident.name} does not live at ${x.hall.name}`,
      ),
    ),
    E.tap(() =>
      refuseWhen(lookup(s.demands, c.demand) !== undefined, () =>
        alreadyExists('demand', c.demand),
      ),
    ),
    E.map((): HallEvents => [
      {
        type: 'demandSubmitted',
        ...stamp(c),
        demand: c.demand,
        resident: c.resident,
        channel: c.channel,
        text: c.text,
      },
    ]),
  )

const aggregateDemands: HallHandler<'aggregateDemands'> = (c, s, x) =>
  pipe(
    refuseWhen(!mayAggregate(x, c.actor), () =>
      forbidden(c.actor, c.type, [
        `hall-chair of ${x.hall.id}`,
        `building-head or group-leader within ${x.hall.place.level}:${x.hall.place.id}`,
      ]),
    ),
    E.tap(() =>
      refuseWhen(lookup(s.matters, c.matter) !== undefined, () =>
        alreadyExists('matter', c.matter),
      ),
    ),
    E.tap(() =>
      refuseBy(
        deliberationRules.noDemands,
        c.demands.length === 0,
        () => 'A matter is aggregated from at least one demand',
      ),
    ),
    E.tap(() => waiting(s, c.demands)),
    E.map((): HallEvents => [
      {
        type: 'demandsAggregated',
        ...stamp(c),
        matter: c.matter,
        status: matterMachine.initial,
        title: c.title,
        demands: c.demands,
      },
    ]),
  )

/** Sets the topic: the chair puts a matter on a scheduled meeting's agenda. */
const putOnAgenda: HallHandler<'putOnAgenda'> = (c, s, x) =>
  pipe(
    chairOnly(c, x),
    E.flatMap(() => found(lookup(s.matters, c.matter), 'matter', c.matter)),
    E.bindTo('matter'),
    E.bindW('meeting', () => found(lookup(s.meetings, c.meeting), 'meeting', c.meeting)),
    E.tap(({ meeting }) =>
      refuseBy(
        deliberationRules.meetingNotScheduled,
        meeting.status !== 'scheduled',
        () => `Meeting ${c.meeting} is ${meeting.status}`,
      ),
    ),
    E.tap(({ meeting }) =>
      refuseBy(
        deliberationRules.agendaFull,
        !agendaHasRoom(meeting, c.matter),
        () => `A meeting's agenda holds ${MAX_AGENDA} matters`,
      ),
    ),
    E.flatMap(({ matter }) =>
      matterMachine.next(matter.status, c.type, {
        [deliberationRules.previousMeetingOver.id]: previousMeetingOver(s, matter, c.meeting),
      }),
    ),
    E.map((status): HallEvents => [
      { type: 'matterPutOnAgenda', ...stamp(c), matter: c.matter, status, meeting: c.meeting },
    ]),
  )

/** The handlers of demand feedback. */
export const demandHandlers = { submitDemand, aggregateDemands, putOnAgenda }

// Reducers

const demandSubmitted: HallReducer<'demandSubmitted'> = (draft, e) => {
  insert(draft.demands, e.demand, {
    id: e.demand,
    resident: e.resident,
    channel: e.channel,
    text: e.text,
    submittedBy: e.actor,
    submittedAt: e.at,
    matter: null,
  })
}

/** A new matter, and each of its demands now belongs to it. */
const demandsAggregated: HallReducer<'demandsAggregated'> = (draft, e) => {
  insert(draft.matters, e.matter, {
    id: e.matter,
    title: e.title,
    status: e.status,
    meeting: null,
    demands: [...e.demands],
    resolution: null,
    tasks: [],
    coordinations: [],
    evaluations: [],
    reopened: 0,
    steps: [{ to: e.status, on: e.type, at: e.at, actor: e.actor }],
  })
  for (const id of e.demands) {
    const demand = draftOf(draft.demands, id)
    if (demand !== undefined) demand.matter = e.matter
  }
}

const matterPutOnAgenda: HallReducer<'matterPutOnAgenda'> = (draft, e) => {
  const matter = moveMatter(draft, e, e)
  if (matter !== undefined) matter.meeting = e.meeting
  const meeting = draftOf(draft.meetings, e.meeting)
  if (meeting !== undefined && !meeting.agenda.includes(e.matter)) meeting.agenda.push(e.matter)
}

/** The reducers of demand feedback. */
export const demandReducers = { demandSubmitted, demandsAggregated, matterPutOnAgenda }
