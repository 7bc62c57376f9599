/**
 * The deliberation decider (协商议事): one hall per stream (`hall/<hall>`), carrying community
 * matters through seed 002's four stages — demand feedback, deliberation under rules of order,
 * interest coordination, supervision and evaluation — with the street registry as context (who
 * lives where, who is migrant or registered, who holds which post).
 *
 * Rules (the `rule` of each {@link RuleViolation}), beside the tables' `IllegalTransition`s and
 * guards (`quorum`, `previous-meeting-over`, `no-pending-amendment`, `carried`, `tasks-settled`,
 * `tasks-done`, `pass-mark-met`):
 * - `hall-balance`: an appointment, removal or charter change would leave migrant and local
 *   representatives further apart than the charter's tolerance (and further out of balance than
 *   before, so a roster tipped by a household change can still be mended).
 * - `seats-full`: an appointment or charter change would leave more representatives than the
 *   charter's seats.
 * - `council-charter`: a council's charter without seats, or without a balance rule whose
 *   tolerance is at most a quarter of the seats (migrants and locals in about equal numbers), or an
 *   amendment that takes a council's charter its mark.
 * - `appointed-twice`: one appointment names a person twice.
 * - `not-a-resident`: a demand for, or a resident representative who, does not live at the
 *   hall's place; and a resident representative who has moved away or left the street
 *   moves, seconds, asks for the floor, votes or withdraws their motion (they keep the seat until
 *   removed, and act no more; back at the hall's place, they act again).
 * - `chair-in-street`: a hall is opened, or its chair handed, to someone who does not live in the
 *   street; or the chair acts after leaving it (`recordDeparture`) since they became chair, even
 *   once back (`moveResident`): every chair-only command is refused until a registrar hands the
 *   chair over (to them again, or to another).
 * - `same-chair`: the chair is handed over to the person who holds it and acts as chair.
 * - `demand-aggregated`: a demand already belongs to a matter (or is named twice).
 * - `no-demands`: a matter is aggregated from no demand.
 * - `meeting-not-scheduled` / `meeting-not-open`: the meeting is not in the state the command needs.
 * - `agenda-full`: a meeting's agenda already holds {@link MAX_AGENDA} matters.
 * - `not-on-agenda`: a motion is about a matter that is not on the meeting's agenda.
 * - `matter-not-deliberating`: a main motion is moved on a matter already decided.
 * - `amendment-target`: an amendment names a motion that is not a pending main motion of the
 *   meeting, or one that already has an amendment pending.
 * - `second-by-another`: the mover seconds their own motion.
 * - `floor-requested`: the floor is given to someone who has not asked, or asked twice.
 * - `equal-turns`: someone would speak twice on a motion while someone who asked has not spoken
 *   once (the rule against one-voice rule 一言堂).
 * - `turn-limit`: someone would speak more turns on a motion than the charter allows.
 * - `one-main-motion`: a second main motion on a matter while one is pending.
 * - `floor-waiting`: a vote is opened while someone who asked for the floor has not had it.
 * - `one-vote`: a representative votes twice on a motion.
 * - `vote-in-progress`: a meeting is adjourned while a vote is open.
 * - `task-of-matter`: a settlement names a task of another matter.
 * - `coordination-attendance`: a coordination meeting without the party committee and residents.
 * - `matter-not-coordinating`: an objection is raised after the matter left coordination.
 * - `not-under-supervision`: a supervision report on a matter not under supervision.
 * - `supervises-own-task`: a supervisor reports on a task they own (or lead the owner of).
 * - `earlier-than-last-event`: a command is dated before the hall's last event.
 * - `one-evaluation`: a resident evaluates a matter twice in one round.
 * - `no-evaluations`: an evaluation is closed with no evaluation in its round.
 *
 * Authority: the hall is opened, and its chair handed over (`handOverChair`), by a registrar over
 * its place; the chair, while their residency in the street is unbroken since they became chair,
 * alone manages the roster, the charter, schedules, the agenda, meetings, the floor, votes, tasks,
 * coordination and evaluation rounds; only representatives present at a meeting's opening move,
 * second, ask for the floor and vote (a resident representative only while living at the hall's
 * place), and the mover alone withdraws a motion; a demand comes from the resident, their
 * building head, or the hall's duty rota (the chair and representatives who act) for the hotline
 * and visits; demands are aggregated by the chair, building heads and party-group leaders of the hall's place; only a task's owner (or a
 * leader of the owning organisation) reports on it; only supervisors file supervision reports;
 * only residents of the hall's place evaluate. Who acts now is read with the predicates of
 * `residency.ts` ({@link chairActs}, {@link representativeActs}, {@link livesAtHall}), never
 * checked anew in each command.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { castDraft, type Draft } from 'immer'
import {
  alreadyExists,
  checkAll,
  decideAfter,
  defineMechanism,
  draftOf,
  forbidden,
  insert,
  isBefore,
  lookup,
  lookupAll,
  notFound,
  refuseWhen,
  remove,
  ruleViolation,
  streamId,
  valuesOf,
  type Check,
  type DomainError,
  type HallId,
  type Mechanism,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import {
  actsFor,
  authorise,
  hasParty,
  hasPlace,
  partyNotFound,
  holdsRole,
  isWithin,
  loadRegistryContext,
  rolesOf,
  type RegistryContext,
  type RegistryState,
} from '../community/index.js'
import {
  DeliberationCommand,
  DeliberationEvent,
  MAX_AGENDA,
  type Charter,
  type Hall,
  type Matter,
  type MatterStatus,
  type Meeting,
  type Motion,
  type MotionStatus,
  type ParticipantKind,
  type Task,
  type TaskOwner,
  type TaskStatus,
} from './codecs.js'
import { matterMachine, meetingMachine, motionMachine, taskMachine } from './machine.js'
import { emptyHall, type HallState } from './state.js'
import {
  actingRepresentatives,
  actsAsChair,
  chairActs,
  livesAtHall,
  livesInStreetOfHall,
  representativeActs,
} from './residency.js'

type Cmd<T extends DeliberationCommand['type']> = Extract<DeliberationCommand, { readonly type: T }>
type Decision = E.Either<DomainError, ReadonlyArray<DeliberationEvent>>

/** Checks, then the events: {@link decideAfter} typed for this mechanism's events. */
const decideWith: (checks: ReadonlyArray<Check>, events: () => Decision) => Decision = decideAfter

/** The stream of a hall: `hall/<hall>`. */
export const hallStream = (hall: HallId) => streamId('hall', hall)

const stamp = (c: DeliberationCommand) => ({ at: c.at, actor: c.actor })

/**
 * The check that the actor chairs the hall now: anyone else is `Forbidden`; the chair who has left
 * the street since becoming chair, back or not, is refused by `chair-in-street` (their authority
 * ended with their residency, and a registrar hands the chair over). {@link chairActs} alone
 * carries the rule.
 */
const chairOnly =
  (c: DeliberationCommand, x: Context): Check =>
  () =>
    c.actor !== x.hall.chair
      ? E.left(forbidden(c.actor, c.type, [`hall-chair of ${x.hall.id}`]))
      : refuseWhen(!chairActs(x.registry, x), () =>
          ruleViolation(
            'chair-in-street',
            `${c.actor}, the chair of ${x.hall.name}, ${
              livesInStreetOfHall(x.registry, x.hall, c.actor)
                ? 'has left the street since becoming chair'
                : 'no longer lives in the street'
            }: a registrar hands the chair over (handOverChair)`,
          ),
        )

const ownerExists =
  (registry: RegistryState, owner: TaskOwner): Check =>
  () =>
    refuseWhen(!hasParty(registry, owner), () => partyNotFound(owner))

/** Migrant and local (registered) representatives, counted through the registry. */
const balanceOf = (
  registry: RegistryState,
  people: ReadonlyArray<PersonId>,
): { readonly migrant: number; readonly local: number } => {
  let migrant = 0
  for (const p of people)
    if (lookup(registry.persons, p)?.household.status === 'migrant') migrant += 1
  return { migrant, local: people.length - migrant }
}

/** How far a roster is beyond its charter's tolerance (0 or less when in balance, or no rule). */
const excessOf = (
  registry: RegistryState,
  charter: Charter,
  people: ReadonlyArray<PersonId>,
): number => {
  if (charter.balance === null) return 0
  const { migrant, local } = balanceOf(registry, people)
  return Math.abs(migrant - local) - charter.balance.tolerance
}

/**
 * The balance rule: migrant and local representatives within the charter's tolerance. A change
 * that leaves the roster out of balance is refused if it takes it further from balance than it
 * was (a roster put out of balance by a household change 落户 can be mended, never made worse).
 */
const balanced =
  (
    registry: RegistryState,
    before: { readonly charter: Charter; readonly people: ReadonlyArray<PersonId> },
    after: { readonly charter: Charter; readonly people: ReadonlyArray<PersonId> },
  ): Check =>
  () => {
    const excess = excessOf(registry, after.charter, after.people)
    const { migrant, local } = balanceOf(registry, after.people)
    return refuseWhen(
      excess > 0 && excess > excessOf(registry, before.charter, before.people),
      () =>
        ruleViolation(
          'hall-balance',
          `${migrant} migrant and ${local} local representatives are more than ${after.charter.balance?.tolerance ?? 0} apart`,
        ),
    )
  }

/** The seats rule: no more representatives than the charter's seats. */
const withinSeats =
  (charter: Charter, people: ReadonlyArray<PersonId>): Check =>
  () =>
    refuseWhen(charter.seats !== undefined && people.length > charter.seats, () =>
      ruleViolation(
        'seats-full',
        `${people.length} representatives would not fit the hall's ${charter.seats ?? 0} seats`,
      ),
    )

/**
 * The council-charter rule: a council's charter has a balance rule and seats, and an amendment of
 * a council's charter keeps it one.
 */
const councilCharterKept =
  (charter: Charter, before: Charter | null): Check =>
  () =>
    refuseWhen(
      (before?.council === true && charter.council !== true) ||
        (charter.council === true &&
          (charter.balance === null ||
            charter.seats === undefined ||
            // About equal numbers: the tolerance is at most a quarter of the seats.
            charter.balance.tolerance * 4 > charter.seats)),
      () =>
        ruleViolation(
          'council-charter',
          "A council's charter keeps its council mark, its seats and a balance rule whose tolerance is at most a quarter of the seats",
        ),
    )

/** Everyone on the roster, acting or not: what the seats count. */
const representativeIds = (s: HallState): ReadonlyArray<PersonId> =>
  valuesOf(s.representatives).map((r) => r.person)

/**
 * The representatives who act now (a resident representative who has moved away does not): what
 * quorum and the balance rule count.
 */
const actingIds = (s: HallState, x: Context): ReadonlyArray<PersonId> =>
  actingRepresentatives(s, x.registry).map((r) => r.person)

/** Whether `person` sits on the hall and acts now (see {@link representativeActs}). */
const actsAsRepresentative = (s: HallState, x: Context, person: PersonId): boolean => {
  const seat = lookup(s.representatives, person)
  return seat !== undefined && representativeActs(x.registry, x.hall, seat)
}

const found = <T>(value: T | undefined, entity: string, id: string): E.Either<DomainError, T> =>
  value === undefined ? E.left(notFound(entity, id)) : E.right(value)

// ---------------------------------------------------------------------------------------------
// The hall

const openHall = (c: Cmd<'openHall'>, s: HallState, registry: RegistryState): Decision =>
  decideWith(
    [
      () => refuseWhen(s.hall !== null, () => alreadyExists('hall', c.hall)),
      () => refuseWhen(!hasPlace(registry, c.place), () => notFound(c.place.level, c.place.id)),
      () =>
        refuseWhen(lookup(registry.persons, c.chair) === undefined, () =>
          notFound('person', c.chair),
        ),
      () => authorise(registry, c.actor, c.type, [{ role: 'registrar', scope: c.place }]),
      // A chair who could not act (see chairActs) would open a hall nobody chairs.
      () =>
        refuseWhen(!livesInStreetOfHall(registry, c, c.chair), () =>
          ruleViolation('chair-in-street', `The chair ${c.chair} does not live in the street`),
        ),
      councilCharterKept(c.charter, null),
    ],
    () =>
      E.right([
        {
          type: 'hallOpened',
          ...stamp(c),
          hall: c.hall,
          street: c.street,
          name: c.name,
          place: c.place,
          charter: c.charter,
          chair: c.chair,
        },
      ]),
  )

/**
 * Hands the chair over (主持人移交): a registrar over the hall's place, as at the opening, names a
 * chair who lives in the street (as a chair must to act); the basis is recorded with who handed
 * over, from whom, to whom and when. The chair may be handed back to the person who holds it only
 * when they act no more (a chair who left and came back): that handover is their new start.
 */
const handOverChair = (c: Cmd<'handOverChair'>, x: Context): Decision => {
  const successor = lookup(x.registry.persons, c.chair)
  return decideWith(
    [
      () => refuseWhen(successor === undefined, () => notFound('person', c.chair)),
      () => authorise(x.registry, c.actor, c.type, [{ role: 'registrar', scope: x.hall.place }]),
      () =>
        refuseWhen(c.chair === x.hall.chair && chairActs(x.registry, x), () =>
          ruleViolation('same-chair', `${c.chair} chairs ${x.hall.name} already`),
        ),
      () =>
        // The residency a chair needs to act (see chairActs), as at the opening.
        refuseWhen(!livesInStreetOfHall(x.registry, x.hall, c.chair), () =>
          ruleViolation(
            'chair-in-street',
            `${successor?.name ?? c.chair} does not live in the street of ${x.hall.name}`,
          ),
        ),
    ],
    () =>
      E.right([
        {
          type: 'chairHandedOver',
          ...stamp(c),
          from: x.hall.chair,
          to: c.chair,
          basis: c.basis,
        },
      ]),
  )
}

const amendCharter = (c: Cmd<'amendCharter'>, s: HallState, x: Context): Decision =>
  decideWith(
    [
      chairOnly(c, x),
      councilCharterKept(c.charter, x.hall.charter),
      balanced(
        x.registry,
        { charter: x.hall.charter, people: actingIds(s, x) },
        { charter: c.charter, people: actingIds(s, x) },
      ),
      withinSeats(c.charter, representativeIds(s)),
    ],
    () => E.right([{ type: 'charterAmended', ...stamp(c), charter: c.charter }]),
  )

/** The checks of one appointment, apart from the balance rule. */
const appointmentChecks = (
  s: HallState,
  x: Context,
  a: {
    readonly person: PersonId
    readonly kind: ParticipantKind
    readonly organisation: OrganisationId | null
  },
): ReadonlyArray<Check> => [
  () =>
    refuseWhen(lookup(x.registry.persons, a.person) === undefined, () =>
      notFound('person', a.person),
    ),
  () =>
    refuseWhen(
      a.organisation !== null && lookup(x.registry.organisations, a.organisation) === undefined,
      () => notFound('organisation', a.organisation ?? ''),
    ),
  () =>
    refuseWhen(lookup(s.representatives, a.person) !== undefined, () =>
      alreadyExists('representative', a.person),
    ),
  () =>
    refuseWhen(a.kind === 'resident' && !livesAtHall(x.registry, x.hall, a.person), () =>
      ruleViolation('not-a-resident', `${a.person} does not live at ${x.hall.name}`),
    ),
]

const appointRepresentatives = (
  c: Cmd<'appointRepresentative'> | Cmd<'appointRepresentatives'>,
  s: HallState,
  x: Context,
): Decision => {
  const appointments =
    c.type === 'appointRepresentative'
      ? [{ person: c.person, kind: c.kind, organisation: c.organisation }]
      : c.representatives
  const people = appointments.map((a) => a.person)
  return decideWith(
    [
      chairOnly(c, x),
      () =>
        refuseWhen(new Set(people).size !== people.length, () =>
          ruleViolation('appointed-twice', 'A person is named twice in one appointment'),
        ),
      ...appointments.flatMap((a) => appointmentChecks(s, x, a)),
      balanced(
        x.registry,
        { charter: x.hall.charter, people: actingIds(s, x) },
        { charter: x.hall.charter, people: [...actingIds(s, x), ...people] },
      ),
      withinSeats(x.hall.charter, [...representativeIds(s), ...people]),
    ],
    () =>
      E.right(
        appointments.map((a): DeliberationEvent => ({
          type: 'representativeAppointed',
          ...stamp(c),
          person: a.person,
          kind: a.kind,
          organisation: a.organisation,
        })),
      ),
  )
}

const removeRepresentative = (c: Cmd<'removeRepresentative'>, s: HallState, x: Context): Decision =>
  decideWith(
    [
      chairOnly(c, x),
      () =>
        refuseWhen(lookup(s.representatives, c.person) === undefined, () =>
          notFound('representative', c.person),
        ),
      balanced(
        x.registry,
        { charter: x.hall.charter, people: actingIds(s, x) },
        { charter: x.hall.charter, people: actingIds(s, x).filter((p) => p !== c.person) },
      ),
    ],
    () => E.right([{ type: 'representativeRemoved', ...stamp(c), person: c.person }]),
  )

const appointSupervisor = (c: Cmd<'appointSupervisor'>, s: HallState, x: Context): Decision =>
  decideWith(
    [
      chairOnly(c, x),
      () =>
        refuseWhen(lookup(x.registry.persons, c.person) === undefined, () =>
          notFound('person', c.person),
        ),
      () =>
        refuseWhen(lookup(s.supervisors, c.person) !== undefined, () =>
          alreadyExists('supervisor', c.person),
        ),
    ],
    () => E.right([{ type: 'supervisorAppointed', ...stamp(c), person: c.person, body: c.body }]),
  )

const setSchedule = (c: Cmd<'setSchedule'>, _s: HallState, x: Context): Decision =>
  decideWith([chairOnly(c, x)], () =>
    E.right([{ type: 'scheduleSet', ...stamp(c), schedule: c.schedule }]),
  )

// ---------------------------------------------------------------------------------------------
// Stage 1: demand feedback

const submitDemand = (c: Cmd<'submitDemand'>, s: HallState, x: Context): Decision => {
  const resident = lookup(x.registry.persons, c.resident)
  if (resident === undefined) return E.left(notFound('person', c.resident))
  // The duty rota: the chair and the representatives who act now (see residency.ts).
  const onRota = actsAsChair(x.registry, x, c.actor) || actsAsRepresentative(s, x, c.actor)
  const relayedByHead =
    resident.home !== null && holdsRole(x.registry, c.actor, 'building-head', resident.home)
  const allowed =
    c.actor === c.resident ||
    (c.channel === 'building-head' && relayedByHead) ||
    ((c.channel === 'hotline' || c.channel === 'visit') && onRota)
  return decideWith(
    [
      () =>
        refuseWhen(!allowed, () =>
          forbidden(c.actor, c.type, [
            `the resident ${c.resident}`,
            `building-head over their home (channel building-head)`,
            `hall-chair or representative of ${x.hall.id} (channel hotline or visit)`,
          ]),
        ),
      () =>
        refuseWhen(!livesAtHall(x.registry, x.hall, c.resident), () =>
          ruleViolation('not-a-resident', `${resident.name} does not live at ${x.hall.name}`),
        ),
      () =>
        refuseWhen(lookup(s.demands, c.demand) !== undefined, () =>
          alreadyExists('demand', c.demand),
        ),
    ],
    () =>
      E.right([
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
}

/**
 * Whether `person` may aggregate demands: the chair who acts now, or a building head or
 * party-group leader of the hall's place.
 */
const mayAggregate = (x: Context, person: PersonId): boolean => {
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

const aggregateDemands = (c: Cmd<'aggregateDemands'>, s: HallState, x: Context): Decision => {
  const seen = new Set<string>()
  return decideWith(
    [
      () =>
        refuseWhen(!mayAggregate(x, c.actor), () =>
          forbidden(c.actor, c.type, [
            `hall-chair of ${x.hall.id}`,
            `building-head or group-leader within ${x.hall.place.level}:${x.hall.place.id}`,
          ]),
        ),
      () =>
        refuseWhen(lookup(s.matters, c.matter) !== undefined, () =>
          alreadyExists('matter', c.matter),
        ),
      () =>
        refuseWhen(c.demands.length === 0, () =>
          ruleViolation('no-demands', 'A matter is aggregated from at least one demand'),
        ),
      ...c.demands.map((id) => () => {
        const demand = lookup(s.demands, id)
        if (demand === undefined) return E.left(notFound('demand', id))
        const twice = seen.has(id)
        seen.add(id)
        return refuseWhen(twice || demand.matter !== null, () =>
          ruleViolation('demand-aggregated', `Demand ${id} already belongs to a matter`),
        )
      }),
    ],
    () =>
      E.right([
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
}

const putOnAgenda = (c: Cmd<'putOnAgenda'>, s: HallState, x: Context): Decision => {
  const matter = lookup(s.matters, c.matter)
  const meeting = lookup(s.meetings, c.meeting)
  return decideWith(
    [
      chairOnly(c, x),
      () => found(matter, 'matter', c.matter),
      () => found(meeting, 'meeting', c.meeting),
      () =>
        refuseWhen(meeting?.status !== 'scheduled', () =>
          ruleViolation(
            'meeting-not-scheduled',
            `Meeting ${c.meeting} is ${meeting?.status ?? ''}`,
          ),
        ),
      () =>
        refuseWhen(
          meeting !== undefined &&
            !meeting.agenda.includes(c.matter) &&
            meeting.agenda.length >= MAX_AGENDA,
          () => ruleViolation('agenda-full', `A meeting's agenda holds ${MAX_AGENDA} matters`),
        ),
    ],
    () =>
      E.map((status: MatterStatus): ReadonlyArray<DeliberationEvent> => [
        { type: 'matterPutOnAgenda', ...stamp(c), matter: c.matter, status, meeting: c.meeting },
      ])(
        matterMachine.next(matter?.status ?? 'collected', c.type, {
          'previous-meeting-over':
            matter?.meeting !== null &&
            matter?.meeting !== c.meeting &&
            meetingMachine.final.includes(
              lookup(s.meetings, matter?.meeting ?? c.meeting)?.status ?? 'scheduled',
            ),
        }),
      ),
  )
}

// ---------------------------------------------------------------------------------------------
// Stage 2: the meeting

const scheduleMeeting = (c: Cmd<'scheduleMeeting'>, s: HallState, x: Context): Decision =>
  decideWith(
    [
      chairOnly(c, x),
      () =>
        refuseWhen(lookup(s.meetings, c.meeting) !== undefined, () =>
          alreadyExists('meeting', c.meeting),
        ),
    ],
    () =>
      E.right([
        { type: 'meetingScheduled', ...stamp(c), meeting: c.meeting, scheduledFor: c.scheduledFor },
      ]),
  )

/** Whether `present` representatives make the quorum of `total`. */
const quorate = (charter: Charter, present: number, total: number): boolean =>
  total > 0 && present * charter.quorum.denominator >= charter.quorum.numerator * total

/** The matters of an agenda in `from`, moved by `on` through the matter table. */
const agendaMoves = (
  s: HallState,
  meeting: Meeting,
  from: MatterStatus,
  on: 'openMeeting' | 'adjournMeeting',
) =>
  meeting.agenda.flatMap((id) => {
    const matter = lookup(s.matters, id)
    // A matter moved to another meeting's agenda is that meeting's to deliberate.
    if (matter?.status !== from || matter.meeting !== meeting.id) return []
    const next = matterMachine.next(matter.status, on)
    return E.isRight(next) ? [{ matter: id, status: next.right }] : []
  })

const openMeeting = (c: Cmd<'openMeeting'>, s: HallState, x: Context): Decision => {
  const meeting = lookup(s.meetings, c.meeting)
  if (meeting === undefined) return E.left(notFound('meeting', c.meeting))
  const present = [...new Set(c.present)]
  // Quorum counts the representatives who act now, present and in all.
  const eligible = present.filter((p) => actsAsRepresentative(s, x, p))
  const total = actingIds(s, x).length
  return decideWith(
    [
      chairOnly(c, x),
      ...present.map(
        (p): Check =>
          () =>
            refuseWhen(lookup(x.registry.persons, p) === undefined, () => notFound('person', p)),
      ),
      () =>
        meetingMachine.next(meeting.status, c.type, {
          quorum: quorate(x.hall.charter, eligible.length, total),
        }),
    ],
    () =>
      E.right([
        {
          type: 'meetingOpened',
          ...stamp(c),
          meeting: c.meeting,
          present,
          eligible,
          charter: x.hall.charter,
          matters: agendaMoves(s, meeting, 'on-agenda', 'openMeeting'),
        },
      ]),
  )
}

const cancelMeeting = (c: Cmd<'cancelMeeting'>, s: HallState, x: Context): Decision => {
  const meeting = lookup(s.meetings, c.meeting)
  if (meeting === undefined) return E.left(notFound('meeting', c.meeting))
  return decideWith([chairOnly(c, x), () => meetingMachine.next(meeting.status, c.type)], () =>
    E.right([{ type: 'meetingCancelled', ...stamp(c), meeting: c.meeting, reason: c.reason }]),
  )
}

const motionsOf = (s: HallState, meeting: Meeting): ReadonlyArray<Motion> =>
  lookupAll(s.motions, meeting.motions)

const adjournMeeting = (c: Cmd<'adjournMeeting'>, s: HallState, x: Context): Decision => {
  const meeting = lookup(s.meetings, c.meeting)
  if (meeting === undefined) return E.left(notFound('meeting', c.meeting))
  return decideWith(
    [
      chairOnly(c, x),
      () => meetingMachine.next(meeting.status, c.type),
      () =>
        refuseWhen(
          motionsOf(s, meeting).some((m) => m.status === 'voting'),
          () => ruleViolation('vote-in-progress', 'Close the open vote before adjourning'),
        ),
    ],
    () =>
      E.right([
        {
          type: 'meetingAdjourned',
          ...stamp(c),
          meeting: c.meeting,
          matters: agendaMoves(s, meeting, 'deliberating', 'adjournMeeting'),
          motions: motionsOf(s, meeting).flatMap((m) => {
            const next = motionMachine.next(m.status, 'adjournMeeting')
            return E.isRight(next) ? [{ motion: m.id, status: next.right }] : []
          }),
        },
      ]),
  )
}

/**
 * The open meeting a motion belongs to, and the check that the actor may act in it: present at
 * opening and still a representative (a removed one acts no more: `Forbidden`), and — for a
 * resident representative — still living at the hall's place (`not-a-resident`).
 */
const eligibleIn =
  (c: DeliberationCommand, meeting: Meeting | undefined, s: HallState, x: Context): Check =>
  () => {
    if (meeting === undefined) return E.right(undefined)
    if (!meeting.eligible.includes(c.actor) || lookup(s.representatives, c.actor) === undefined)
      return E.left(forbidden(c.actor, c.type, [`representative present at meeting ${meeting.id}`]))
    return stillResident(c, s, x)()
  }

/**
 * The check that the actor, if a representative, still acts (rule `not-a-resident`): a resident
 * representative who has moved away or left the street keeps the seat and acts no more.
 */
const stillResident =
  (c: DeliberationCommand, s: HallState, x: Context): Check =>
  () => {
    const seat = lookup(s.representatives, c.actor)
    return refuseWhen(seat !== undefined && !representativeActs(x.registry, x.hall, seat), () =>
      ruleViolation(
        'not-a-resident',
        `${c.actor}, a resident representative, no longer lives at ${x.hall.name} and acts no more`,
      ),
    )
  }

const meetingOpen =
  (meeting: Meeting | undefined): Check =>
  () =>
    refuseWhen(meeting !== undefined && meeting.status !== 'open', () =>
      ruleViolation('meeting-not-open', `Meeting ${meeting?.id ?? ''} is ${meeting?.status ?? ''}`),
    )

/** A motion, its meeting, and NotFound for either. */
const motionAndMeeting = (
  s: HallState,
  id: Cmd<'secondMotion'>['motion'],
): E.Either<DomainError, { readonly motion: Motion; readonly meeting: Meeting }> => {
  const motion = lookup(s.motions, id)
  if (motion === undefined) return E.left(notFound('motion', id))
  const meeting = lookup(s.meetings, motion.meeting)
  return meeting === undefined
    ? E.left(notFound('meeting', motion.meeting))
    : E.right({ motion, meeting })
}

const pendingAmendmentOf = (s: HallState, meeting: Meeting, motion: Motion): Motion | undefined =>
  motionsOf(s, meeting).find(
    (m) => m.amends === motion.id && !motionMachine.final.includes(m.status),
  )

const moveMotion = (c: Cmd<'moveMotion'>, s: HallState, x: Context): Decision => {
  const meeting = lookup(s.meetings, c.meeting)
  if (meeting === undefined) return E.left(notFound('meeting', c.meeting))
  const matter = lookup(s.matters, c.matter)
  if (matter === undefined) return E.left(notFound('matter', c.matter))
  const target = c.amends === undefined ? undefined : lookup(s.motions, c.amends)
  return decideWith(
    [
      meetingOpen(meeting),
      eligibleIn(c, meeting, s, x),
      () =>
        refuseWhen(lookup(s.motions, c.motion) !== undefined, () =>
          alreadyExists('motion', c.motion),
        ),
      () =>
        refuseWhen(!meeting.agenda.includes(c.matter) || matter.meeting !== c.meeting, () =>
          ruleViolation('not-on-agenda', `${matter.title} is not on the agenda of ${c.meeting}`),
        ),
      () =>
        refuseWhen(!matterMachine.can(matter.status, 'adoptResolution'), () =>
          ruleViolation('matter-not-deliberating', `${matter.title} is ${matter.status}`),
        ),
      () =>
        // One main motion at a time on a matter (rules of order: one main question pending).
        refuseWhen(
          c.amends === undefined &&
            // Pending motions left by an adjourned meeting were postponed with it.
            motionsOf(s, meeting).some(
              (m) =>
                m.matter === c.matter &&
                m.amends === null &&
                !motionMachine.final.includes(m.status),
            ),
          () =>
            ruleViolation('one-main-motion', `${matter.title} already has a main motion pending`),
        ),
      () =>
        refuseWhen(c.amends !== undefined && c.outcome !== undefined, () =>
          ruleViolation(
            'amendment-target',
            'An amendment changes words; the outcome stays that of the motion it amends',
          ),
        ),
      () =>
        c.amends === undefined
          ? E.right(undefined)
          : refuseWhen(
              target === undefined ||
                target.meeting !== c.meeting ||
                target.matter !== c.matter ||
                target.amends !== null ||
                motionMachine.final.includes(target.status) ||
                target.status === 'voting' ||
                pendingAmendmentOf(s, meeting, target) !== undefined,
              () =>
                ruleViolation(
                  'amendment-target',
                  `${c.amends ?? ''} is not a pending main motion of this meeting without a pending amendment`,
                ),
            ),
    ],
    () =>
      E.right([
        {
          type: 'motionMoved',
          ...stamp(c),
          motion: c.motion,
          meeting: c.meeting,
          matter: c.matter,
          text: c.text,
          amends: c.amends ?? null,
          // An amendment changes words; the duties stay those of the motion it amends.
          outcome: c.outcome ?? target?.outcome ?? { kind: 'resolution', duties: [] },
        },
      ]),
  )
}

const secondMotion = (c: Cmd<'secondMotion'>, s: HallState, x: Context): Decision =>
  E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) =>
    decideWith(
      [
        meetingOpen(meeting),
        eligibleIn(c, meeting, s, x),
        () =>
          refuseWhen(c.actor === motion.mover, () =>
            ruleViolation(
              'second-by-another',
              'A motion is seconded by someone other than its mover',
            ),
          ),
      ],
      () =>
        E.map((status: MotionStatus): ReadonlyArray<DeliberationEvent> => [
          { type: 'motionSeconded', ...stamp(c), motion: c.motion, status },
        ])(motionMachine.next(motion.status, c.type)),
    ),
  )(motionAndMeeting(s, c.motion))

const requestFloor = (c: Cmd<'requestFloor'>, s: HallState, x: Context): Decision =>
  E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) =>
    decideWith(
      [
        meetingOpen(meeting),
        eligibleIn(c, meeting, s, x),
        () => motionMachine.next(motion.status, c.type),
        () =>
          refuseWhen(motion.requests.includes(c.actor), () =>
            ruleViolation('floor-requested', `${c.actor} is already waiting for the floor`),
          ),
        () => {
          const limit = rulesOf(meeting, x.hall).turnsPerMotion
          return refuseWhen(turnsOf(motion, c.actor) >= limit, () =>
            ruleViolation(
              'turn-limit',
              `${c.actor} has had the ${limit} turn(s) the charter allows`,
            ),
          )
        },
      ],
      () => E.right([{ type: 'floorRequested', ...stamp(c), motion: c.motion }]),
    ),
  )(motionAndMeeting(s, c.motion))

/**
 * The rules a meeting runs under: the charter it opened with (motions exist only in opened
 * meetings, so the hall's current charter is a fallback that does not arise).
 */
const rulesOf = (meeting: Meeting, hall: Hall): Charter => meeting.charter ?? hall.charter

const turnsOf = (motion: Motion, person: PersonId): number =>
  motion.turns.filter((t) => t.speaker === person).length

const grantFloor = (c: Cmd<'grantFloor'>, s: HallState, x: Context): Decision =>
  E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) => {
    const charter = rulesOf(meeting, x.hall)
    const spoken = turnsOf(motion, c.speaker)
    return decideWith(
      [
        chairOnly(c, x),
        meetingOpen(meeting),
        () =>
          refuseWhen(!motion.requests.includes(c.speaker), () =>
            ruleViolation('floor-requested', `${c.speaker} has not asked for the floor`),
          ),
        () =>
          refuseWhen(spoken >= charter.turnsPerMotion, () =>
            ruleViolation(
              'turn-limit',
              `${c.speaker} has spoken ${spoken} time(s); the charter allows ${charter.turnsPerMotion}`,
            ),
          ),
        () => {
          const unheard = motion.requests.filter((p) => p !== c.speaker && turnsOf(motion, p) === 0)
          return refuseWhen(spoken > 0 && unheard.length > 0, () =>
            ruleViolation(
              'equal-turns',
              `${c.speaker} has spoken; ${unheard.join(', ')} asked and ha${unheard.length > 1 ? 've' : 's'} not`,
            ),
          )
        },
      ],
      () =>
        E.map((status: MotionStatus): ReadonlyArray<DeliberationEvent> => [
          {
            type: 'floorGranted',
            ...stamp(c),
            motion: c.motion,
            speaker: c.speaker,
            minutes: charter.minutesPerTurn,
            waiting: motion.requests.filter((p) => p !== c.speaker),
            status,
          },
        ])(motionMachine.next(motion.status, c.type)),
    )
  })(motionAndMeeting(s, c.motion))

const openVoting = (c: Cmd<'openVoting'>, s: HallState, x: Context): Decision =>
  E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) =>
    decideWith(
      [
        chairOnly(c, x),
        meetingOpen(meeting),
        // The chair does not cut the debate short: everyone who asked is heard first.
        () =>
          refuseWhen(motion.requests.length > 0, () =>
            ruleViolation(
              'floor-waiting',
              `${motion.requests.join(', ')} asked for the floor and ha${motion.requests.length > 1 ? 've' : 's'} not had it`,
            ),
          ),
        () => {
          if (motion.amends === null) {
            const status = lookup(s.matters, motion.matter)?.status ?? 'closed'
            return refuseWhen(!matterMachine.can(status, 'adoptResolution'), () =>
              ruleViolation('matter-not-deliberating', `${motion.matter} is ${status}`),
            )
          }
          const target = lookup(s.motions, motion.amends)
          return refuseWhen(
            target === undefined || motionMachine.final.includes(target.status),
            () => ruleViolation('amendment-target', `${motion.amends ?? ''} is no longer pending`),
          )
        },
      ],
      () =>
        E.map((status: MotionStatus): ReadonlyArray<DeliberationEvent> => [
          { type: 'votingOpened', ...stamp(c), motion: c.motion, status },
        ])(
          motionMachine.next(motion.status, c.type, {
            'no-pending-amendment': pendingAmendmentOf(s, meeting, motion) === undefined,
          }),
        ),
    ),
  )(motionAndMeeting(s, c.motion))

const castVote = (c: Cmd<'castVote'>, s: HallState, x: Context): Decision =>
  E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) =>
    decideWith(
      [
        meetingOpen(meeting),
        eligibleIn(c, meeting, s, x),
        () => motionMachine.next(motion.status, c.type),
        () =>
          refuseWhen(
            motion.votes.some((v) => v.person === c.actor),
            () => ruleViolation('one-vote', `${c.actor} has already voted on ${c.motion}`),
          ),
      ],
      () => E.right([{ type: 'voteCast', ...stamp(c), motion: c.motion, choice: c.choice }]),
    ),
  )(motionAndMeeting(s, c.motion))

/** The tally of a motion's votes. */
export const tallyOf = (motion: Pick<Motion, 'votes'>) => ({
  yes: motion.votes.filter((v) => v.choice === 'yes').length,
  no: motion.votes.filter((v) => v.choice === 'no').length,
  abstain: motion.votes.filter((v) => v.choice === 'abstain').length,
})

/**
 * Whether a tally carries under a threshold: abstentions are not votes cast; a simple majority
 * needs more yes than no, two thirds needs yes at least twice no; a tie, or no vote, fails.
 */
export const carries = (
  threshold: Charter['threshold'],
  tally: { readonly yes: number; readonly no: number },
): boolean =>
  tally.yes > 0 &&
  (threshold === 'simple-majority' ? tally.yes > tally.no : tally.yes >= 2 * tally.no)

const closeVoting = (c: Cmd<'closeVoting'>, s: HallState, x: Context): Decision =>
  E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) => {
    const tally = tallyOf(motion)
    const charter = rulesOf(meeting, x.hall)
    return decideWith([chairOnly(c, x), meetingOpen(meeting)], () =>
      E.chainW((status: MotionStatus) => {
        const matter = lookup(s.matters, motion.matter)
        const decided =
          status === 'adopted' && motion.amends === null && matter !== undefined
            ? matterMachine.next(matter.status, 'adoptResolution')
            : undefined
        if (decided !== undefined && E.isLeft(decided)) return decided
        return E.right([
          {
            type: 'votingClosed' as const,
            ...stamp(c),
            motion: c.motion,
            tally,
            status,
            decided:
              decided === undefined ? null : { matter: motion.matter, status: decided.right },
          },
        ])
      })(motionMachine.next(motion.status, c.type, { carried: carries(charter.threshold, tally) })),
    )
  })(motionAndMeeting(s, c.motion))

const endMotion =
  (type: 'motionWithdrawn' | 'motionPostponed') =>
  (c: Cmd<'withdrawMotion'> | Cmd<'postponeMotion'>, s: HallState, x: Context): Decision =>
    E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) =>
      decideWith(
        [
          meetingOpen(meeting),
          c.type === 'withdrawMotion'
            ? () =>
                refuseWhen(c.actor !== motion.mover, () =>
                  forbidden(c.actor, c.type, [`mover of ${motion.id}`]),
                )
            : chairOnly(c, x),
          ...(c.type === 'withdrawMotion' ? [stillResident(c, s, x)] : []),
        ],
        () =>
          E.map((status: MotionStatus): ReadonlyArray<DeliberationEvent> => [
            { type, ...stamp(c), motion: c.motion, status },
          ])(motionMachine.next(motion.status, c.type)),
      ),
    )(motionAndMeeting(s, c.motion))

const referMotion = (c: Cmd<'referMotion'>, s: HallState, x: Context): Decision =>
  E.chainW(({ motion, meeting }: { readonly motion: Motion; readonly meeting: Meeting }) =>
    decideWith([chairOnly(c, x), meetingOpen(meeting)], () =>
      E.map((status: MotionStatus): ReadonlyArray<DeliberationEvent> => [
        { type: 'motionReferred', ...stamp(c), motion: c.motion, status, to: c.to },
      ])(motionMachine.next(motion.status, c.type)),
    ),
  )(motionAndMeeting(s, c.motion))

// ---------------------------------------------------------------------------------------------
// Stage 3: interest coordination

const assignTask = (c: Cmd<'assignTask'>, s: HallState, x: Context): Decision => {
  const matter = lookup(s.matters, c.matter)
  if (matter === undefined) return E.left(notFound('matter', c.matter))
  return decideWith(
    [
      chairOnly(c, x),
      ownerExists(x.registry, c.owner),
      () => refuseWhen(lookup(s.tasks, c.task) !== undefined, () => alreadyExists('task', c.task)),
    ],
    () =>
      E.map((status: MatterStatus): ReadonlyArray<DeliberationEvent> => [
        {
          type: 'taskAssigned',
          ...stamp(c),
          matter: c.matter,
          status,
          task: c.task,
          owner: c.owner,
          description: c.description,
          due: c.due,
        },
      ])(matterMachine.next(matter.status, c.type)),
  )
}

const ownerOnly =
  (c: DeliberationCommand, task: Task, registry: RegistryState): Check =>
  () =>
    refuseWhen(!actsFor(registry, c.actor, task.owner), () =>
      forbidden(c.actor, c.type, [
        task.owner.kind === 'person'
          ? `owner ${task.owner.person} of task ${task.id}`
          : `a leader of ${task.owner.organisation}, owner of task ${task.id}`,
      ]),
    )

const ownerStep = (
  c: Cmd<'acceptTask'> | Cmd<'reportProgress'> | Cmd<'finishTask'> | Cmd<'objectToTask'>,
  s: HallState,
  x: Context,
): Decision => {
  const task = lookup(s.tasks, c.task)
  if (task === undefined) return E.left(notFound('task', c.task))
  const stage = lookup(s.matters, task.matter)?.status
  return decideWith(
    [
      ownerOnly(c, task, x.registry),
      // Objections are settled by coordination, so they are raised while the matter is there.
      () =>
        refuseWhen(c.type === 'objectToTask' && stage !== 'coordinating', () =>
          ruleViolation(
            'matter-not-coordinating',
            `Objections are raised while ${task.matter} is in coordination (it is ${stage ?? 'gone'})`,
          ),
        ),
    ],
    () =>
      E.map((status: TaskStatus): ReadonlyArray<DeliberationEvent> => {
        const base = { ...stamp(c), task: c.task, status }
        switch (c.type) {
          case 'acceptTask':
            return [{ type: 'taskAccepted', ...base }]
          case 'reportProgress':
            return [{ type: 'progressReported', ...base, percent: c.percent, note: c.note }]
          case 'finishTask':
            return [{ type: 'taskFinished', ...base }]
          case 'objectToTask':
            return [{ type: 'taskObjected', ...base, reason: c.reason }]
        }
      })(taskMachine.next(task.status, c.type)),
  )
}

const settlementTrigger = {
  upheld: 'upholdTask',
  reassigned: 'reassignTask',
  withdrawn: 'withdrawTask',
} as const

const holdCoordination = (c: Cmd<'holdCoordination'>, s: HallState, x: Context): Decision => {
  const matter = lookup(s.matters, c.matter)
  if (matter === undefined) return E.left(notFound('matter', c.matter))
  const moves: Array<{ task: Task['id']; status: TaskStatus }> = []
  return decideWith(
    [
      chairOnly(c, x),
      () => matterMachine.next(matter.status, c.type),
      () =>
        refuseWhen(
          !c.attendees.includes('party-committee') || !c.attendees.includes('resident'),
          () =>
            ruleViolation(
              'coordination-attendance',
              'A coordination meeting (党政群共商共治) has the party committee and residents at it',
            ),
        ),
      ...c.settlements.map((settlement) => () => {
        const task = lookup(s.tasks, settlement.task)
        if (task === undefined) return E.left(notFound('task', settlement.task))
        if (task.matter !== c.matter || moves.some((m) => m.task === task.id))
          return E.left(
            ruleViolation(
              'task-of-matter',
              `Task ${task.id} is not an unsettled task of ${c.matter}`,
            ),
          )
        const checked = checkAll(
          settlement.outcome === 'reassigned'
            ? ownerExists(x.registry, settlement.owner)
            : () => E.right(undefined),
        )
        if (E.isLeft(checked)) return checked
        const next = taskMachine.next(task.status, settlementTrigger[settlement.outcome])
        if (E.isRight(next)) moves.push({ task: task.id, status: next.right })
        return next
      }),
    ],
    () =>
      E.right([
        {
          type: 'coordinationHeld',
          ...stamp(c),
          matter: c.matter,
          attendees: c.attendees,
          settlements: c.settlements,
          tasks: moves,
        },
      ]),
  )
}

const tasksOf = (s: HallState, matter: Matter): ReadonlyArray<Task> =>
  lookupAll(s.tasks, matter.tasks)

// ---------------------------------------------------------------------------------------------
// Stage 4: supervision and evaluation

const beginSupervision = (c: Cmd<'beginSupervision'>, s: HallState, x: Context): Decision => {
  const matter = lookup(s.matters, c.matter)
  if (matter === undefined) return E.left(notFound('matter', c.matter))
  return decideWith([chairOnly(c, x)], () =>
    E.map((status: MatterStatus): ReadonlyArray<DeliberationEvent> => [
      { type: 'supervisionBegun', ...stamp(c), matter: c.matter, status },
    ])(
      matterMachine.next(matter.status, c.type, {
        // No objection pending, and something left to supervise.
        'tasks-settled':
          tasksOf(s, matter).every((t) => t.status !== 'objected') &&
          tasksOf(s, matter).some((t) => t.status !== 'withdrawn'),
      }),
    ),
  )
}

const fileSupervisionReport = (
  c: Cmd<'fileSupervisionReport'>,
  s: HallState,
  x: Context,
): Decision => {
  const task = lookup(s.tasks, c.task)
  if (task === undefined) return E.left(notFound('task', c.task))
  return decideWith(
    [
      () =>
        refuseWhen(lookup(s.supervisors, c.actor) === undefined, () =>
          forbidden(c.actor, c.type, [`supervisor of ${x.hall.id}`]),
        ),
      () => {
        const stage = lookup(s.matters, task.matter)?.status
        return refuseWhen(stage !== 'supervising' && stage !== 'evaluating', () =>
          ruleViolation(
            'not-under-supervision',
            `${task.matter} is ${stage ?? 'gone'}, not under supervision`,
          ),
        )
      },
      () =>
        refuseWhen(actsFor(x.registry, c.actor, task.owner), () =>
          ruleViolation(
            'supervises-own-task',
            `${c.actor} owns task ${task.id}, or leads its owner`,
          ),
        ),
    ],
    () => E.right([{ type: 'supervisionReported', ...stamp(c), task: c.task, finding: c.finding }]),
  )
}

const openEvaluation = (c: Cmd<'openEvaluation'>, s: HallState, x: Context): Decision => {
  const matter = lookup(s.matters, c.matter)
  if (matter === undefined) return E.left(notFound('matter', c.matter))
  const tasks = tasksOf(s, matter)
  return decideWith([chairOnly(c, x)], () =>
    E.map((status: MatterStatus): ReadonlyArray<DeliberationEvent> => [
      { type: 'evaluationOpened', ...stamp(c), matter: c.matter, status },
    ])(
      matterMachine.next(matter.status, c.type, {
        'tasks-done':
          tasks.some((t) => t.status === 'done') &&
          tasks.every((t) => taskMachine.final.includes(t.status)),
      }),
    ),
  )
}

const evaluate = (c: Cmd<'evaluate'>, s: HallState, x: Context): Decision => {
  const matter = lookup(s.matters, c.matter)
  if (matter === undefined) return E.left(notFound('matter', c.matter))
  return decideWith(
    [
      () =>
        refuseWhen(!livesAtHall(x.registry, x.hall, c.actor), () =>
          forbidden(c.actor, c.type, [`resident of ${x.hall.place.level}:${x.hall.place.id}`]),
        ),
      () => matterMachine.next(matter.status, c.type),
      () =>
        refuseWhen(
          matter.evaluations.some((e) => e.resident === c.actor && e.round === matter.reopened),
          () => ruleViolation('one-evaluation', `${c.actor} has evaluated this round`),
        ),
    ],
    () => E.right([{ type: 'evaluationSubmitted', ...stamp(c), matter: c.matter, score: c.score }]),
  )
}

const closeEvaluation = (c: Cmd<'closeEvaluation'>, s: HallState, x: Context): Decision => {
  const matter = lookup(s.matters, c.matter)
  if (matter === undefined) return E.left(notFound('matter', c.matter))
  const round = matter.evaluations.filter((e) => e.round === matter.reopened)
  const average = round.length === 0 ? 0 : round.reduce((sum, e) => sum + e.score, 0) / round.length
  return decideWith(
    [
      chairOnly(c, x),
      () =>
        refuseWhen(matter.status === 'evaluating' && round.length === 0, () =>
          ruleViolation('no-evaluations', 'No resident has evaluated this round'),
        ),
    ],
    () =>
      E.map((status: MatterStatus): ReadonlyArray<DeliberationEvent> => [
        {
          type: 'evaluationClosed',
          ...stamp(c),
          matter: c.matter,
          status,
          average,
          evaluations: round.length,
        },
      ])(
        matterMachine.next(matter.status, c.type, {
          'pass-mark-met': average >= x.hall.charter.passMark,
        }),
      ),
  )
}

// ---------------------------------------------------------------------------------------------

/** The hall, its chair's handovers and the registry, once the hall is open. */
interface Context {
  readonly hall: Hall
  /** The hall's handovers: when the chair now was named (see `chairSince`). */
  readonly handovers: HallState['handovers']
  readonly registry: RegistryState
}

/** Decides a deliberation command against its hall's state, with the registry as context. */
export const decideDeliberation = (
  c: DeliberationCommand,
  s: HallState,
  context: RegistryContext,
): E.Either<DomainError, ReadonlyArray<DeliberationEvent>> => {
  const registry = context.registry
  if (registry.street === null || registry.street.id !== c.street)
    return E.left(notFound('street registry', c.street))
  // A hall's record runs forward: a vote is not dated before its meeting opened, a demand not
  // before the topic it joined.
  if (s.lastAt !== null && isBefore(c.at, s.lastAt))
    return E.left(
      ruleViolation(
        'earlier-than-last-event',
        `${c.at} is before the hall's last event (${s.lastAt})`,
      ),
    )
  if (c.type === 'openHall') return openHall(c, s, registry)
  // A hall answers to its own street's registry, never to one named by the command.
  if (s.hall === null || s.hall.street !== c.street)
    return E.left(notFound('hall', `${c.hall} of ${c.street}`))
  const x: Context = { hall: s.hall, handovers: s.handovers, registry }
  switch (c.type) {
    case 'handOverChair':
      return handOverChair(c, x)
    case 'amendCharter':
      return amendCharter(c, s, x)
    case 'appointRepresentative':
    case 'appointRepresentatives':
      return appointRepresentatives(c, s, x)
    case 'removeRepresentative':
      return removeRepresentative(c, s, x)
    case 'appointSupervisor':
      return appointSupervisor(c, s, x)
    case 'setSchedule':
      return setSchedule(c, s, x)
    case 'submitDemand':
      return submitDemand(c, s, x)
    case 'aggregateDemands':
      return aggregateDemands(c, s, x)
    case 'putOnAgenda':
      return putOnAgenda(c, s, x)
    case 'scheduleMeeting':
      return scheduleMeeting(c, s, x)
    case 'openMeeting':
      return openMeeting(c, s, x)
    case 'cancelMeeting':
      return cancelMeeting(c, s, x)
    case 'adjournMeeting':
      return adjournMeeting(c, s, x)
    case 'moveMotion':
      return moveMotion(c, s, x)
    case 'secondMotion':
      return secondMotion(c, s, x)
    case 'requestFloor':
      return requestFloor(c, s, x)
    case 'grantFloor':
      return grantFloor(c, s, x)
    case 'openVoting':
      return openVoting(c, s, x)
    case 'castVote':
      return castVote(c, s, x)
    case 'closeVoting':
      return closeVoting(c, s, x)
    case 'withdrawMotion':
      return endMotion('motionWithdrawn')(c, s, x)
    case 'postponeMotion':
      return endMotion('motionPostponed')(c, s, x)
    case 'referMotion':
      return referMotion(c, s, x)
    case 'assignTask':
      return assignTask(c, s, x)
    case 'acceptTask':
    case 'reportProgress':
    case 'finishTask':
    case 'objectToTask':
      return ownerStep(c, s, x)
    case 'holdCoordination':
      return holdCoordination(c, s, x)
    case 'beginSupervision':
      return beginSupervision(c, s, x)
    case 'fileSupervisionReport':
      return fileSupervisionReport(c, s, x)
    case 'openEvaluation':
      return openEvaluation(c, s, x)
    case 'evaluate':
      return evaluate(c, s, x)
    case 'closeEvaluation':
      return closeEvaluation(c, s, x)
  }
}

// ---------------------------------------------------------------------------------------------
// The reducer

/** Moves a matter to the state an event records, and keeps the step. */
const moveMatter = (
  draft: Draft<HallState>,
  move: { readonly matter: Matter['id']; readonly status: MatterStatus },
  e: DeliberationEvent,
): Draft<Matter> | undefined => {
  const matter = draftOf(draft.matters, move.matter)
  if (matter === undefined) return undefined
  matter.status = move.status
  matter.steps.push({ to: move.status, on: e.type, at: e.at, actor: e.actor })
  return matter
}

/** The reducer of a hall as an immer recipe; it trusts its events and never refuses one. */
export const applyDeliberationEvent = (draft: Draft<HallState>, e: DeliberationEvent): void => {
  draft.lastAt = e.at
  switch (e.type) {
    case 'hallOpened':
      draft.hall = {
        id: e.hall,
        street: e.street,
        name: e.name,
        place: e.place,
        charter: e.charter,
        chair: e.chair,
        openedAt: e.at,
      }
      return
    case 'chairHandedOver':
      if (draft.hall !== null) draft.hall.chair = e.to
      draft.handovers.push({ from: e.from, to: e.to, by: e.actor, at: e.at, basis: e.basis })
      return
    case 'charterAmended':
      if (draft.hall !== null) draft.hall.charter = e.charter
      return
    case 'representativeAppointed':
      insert(draft.representatives, e.person, {
        person: e.person,
        kind: e.kind,
        organisation: e.organisation,
        since: e.at,
      })
      return
    case 'representativeRemoved':
      remove(draft.representatives, e.person)
      return
    case 'supervisorAppointed':
      insert(draft.supervisors, e.person, { person: e.person, body: e.body, since: e.at })
      return
    case 'scheduleSet': {
      const at = draft.schedules.findIndex((sc) => sc.name === e.schedule.name)
      if (at >= 0) draft.schedules.splice(at, 1)
      draft.schedules.push(castDraft(e.schedule))
      return
    }
    case 'demandSubmitted':
      insert(draft.demands, e.demand, {
        id: e.demand,
        resident: e.resident,
        channel: e.channel,
        text: e.text,
        submittedBy: e.actor,
        submittedAt: e.at,
        matter: null,
      })
      return
    case 'demandsAggregated':
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
      return
    case 'matterPutOnAgenda': {
      const matter = moveMatter(draft, e, e)
      if (matter !== undefined) matter.meeting = e.meeting
      const meeting = draftOf(draft.meetings, e.meeting)
      if (meeting !== undefined && !meeting.agenda.includes(e.matter)) meeting.agenda.push(e.matter)
      return
    }
    case 'meetingScheduled':
      insert(draft.meetings, e.meeting, {
        id: e.meeting,
        scheduledFor: e.scheduledFor,
        agenda: [],
        status: meetingMachine.initial,
        present: [],
        eligible: [],
        charter: null,
        motions: [],
        openedAt: null,
        adjournedAt: null,
      })
      return
    case 'meetingOpened': {
      const meeting = draftOf(draft.meetings, e.meeting)
      if (meeting !== undefined) {
        meeting.status = 'open'
        meeting.present = [...e.present]
        meeting.eligible = [...e.eligible]
        meeting.charter = castDraft(e.charter)
        meeting.openedAt = e.at
      }
      for (const move of e.matters) moveMatter(draft, move, e)
      return
    }
    case 'meetingCancelled': {
      const meeting = draftOf(draft.meetings, e.meeting)
      if (meeting !== undefined) meeting.status = 'cancelled'
      return
    }
    case 'meetingAdjourned': {
      const meeting = draftOf(draft.meetings, e.meeting)
      if (meeting !== undefined) {
        meeting.status = 'adjourned'
        meeting.adjournedAt = e.at
      }
      for (const move of e.matters) moveMatter(draft, move, e)
      for (const move of e.motions) {
        const motion = draftOf(draft.motions, move.motion)
        if (motion !== undefined) motion.status = move.status
      }
      return
    }
    case 'motionMoved': {
      insert(draft.motions, e.motion, {
        id: e.motion,
        meeting: e.meeting,
        matter: e.matter,
        mover: e.actor,
        text: e.text,
        original: e.text,
        amends: e.amends,
        outcome: castDraft(e.outcome),
        status: motionMachine.initial,
        movedAt: e.at,
        seconder: null,
        requests: [],
        turns: [],
        votes: [],
        tally: null,
        closedAt: null,
      })
      draftOf(draft.meetings, e.meeting)?.motions.push(e.motion)
      return
    }
    case 'motionSeconded': {
      const motion = draftOf(draft.motions, e.motion)
      if (motion === undefined) return
      motion.status = e.status
      motion.seconder = e.actor
      return
    }
    case 'floorRequested':
      draftOf(draft.motions, e.motion)?.requests.push(e.actor)
      return
    case 'floorGranted': {
      const motion = draftOf(draft.motions, e.motion)
      if (motion === undefined) return
      motion.status = e.status
      motion.requests = motion.requests.filter((p) => p !== e.speaker)
      motion.turns.push({
        speaker: e.speaker,
        at: e.at,
        minutes: e.minutes,
        waiting: [...e.waiting],
      })
      return
    }
    case 'votingOpened':
    case 'motionWithdrawn':
    case 'motionPostponed':
    case 'motionReferred': {
      const motion = draftOf(draft.motions, e.motion)
      if (motion !== undefined) motion.status = e.status
      return
    }
    case 'voteCast':
      draftOf(draft.motions, e.motion)?.votes.push({ person: e.actor, choice: e.choice })
      return
    case 'votingClosed': {
      const motion = draftOf(draft.motions, e.motion)
      if (motion === undefined) return
      motion.status = e.status
      motion.tally = { ...e.tally }
      motion.closedAt = e.at
      // An adopted amendment changes the words of the motion it amends.
      if (e.status === 'adopted' && motion.amends !== null) {
        const amended = draftOf(draft.motions, motion.amends)
        if (amended !== undefined && !motionMachine.final.includes(amended.status))
          amended.text = motion.text
      }
      if (e.decided !== null) {
        const matter = moveMatter(draft, e.decided, e)
        if (matter !== undefined)
          matter.resolution = {
            motion: motion.id,
            text: motion.text,
            outcome: motion.outcome,
            at: e.at,
          }
      }
      return
    }
    case 'taskAssigned': {
      insert(draft.tasks, e.task, {
        id: e.task,
        matter: e.matter,
        owner: castDraft(e.owner),
        description: e.description,
        due: e.due,
        status: taskMachine.initial,
        progress: [],
        objections: [],
        reports: [],
        doneAt: null,
      })
      moveMatter(draft, e, e)?.tasks.push(e.task)
      return
    }
    case 'taskAccepted':
    case 'taskFinished': {
      const task = draftOf(draft.tasks, e.task)
      if (task === undefined) return
      task.status = e.status
      if (e.type === 'taskFinished') task.doneAt = e.at
      return
    }
    case 'progressReported': {
      const task = draftOf(draft.tasks, e.task)
      if (task === undefined) return
      task.status = e.status
      task.progress.push({ percent: e.percent, note: e.note, at: e.at })
      return
    }
    case 'taskObjected': {
      const task = draftOf(draft.tasks, e.task)
      if (task === undefined) return
      task.status = e.status
      task.objections.push({ reason: e.reason, at: e.at })
      return
    }
    case 'coordinationHeld': {
      draftOf(draft.matters, e.matter)?.coordinations.push({
        at: e.at,
        attendees: [...e.attendees],
        settlements: castDraft([...e.settlements]),
      })
      for (const move of e.tasks) {
        const task = draftOf(draft.tasks, move.task)
        if (task !== undefined) task.status = move.status
      }
      for (const settlement of e.settlements) {
        const task = draftOf(draft.tasks, settlement.task)
        if (task !== undefined && settlement.outcome === 'reassigned')
          task.owner = castDraft(settlement.owner)
      }
      return
    }
    case 'supervisionBegun':
    case 'evaluationOpened':
      moveMatter(draft, e, e)
      return
    case 'supervisionReported':
      draftOf(draft.tasks, e.task)?.reports.push({
        supervisor: e.actor,
        finding: e.finding,
        at: e.at,
      })
      return
    case 'evaluationSubmitted': {
      const matter = draftOf(draft.matters, e.matter)
      matter?.evaluations.push({
        resident: e.actor,
        score: e.score,
        at: e.at,
        round: matter.reopened,
      })
      return
    }
    case 'evaluationClosed': {
      const matter = moveMatter(draft, e, e)
      if (matter !== undefined && e.status === 'reopened') matter.reopened += 1
      return
    }
  }
}

/**
 * The four-stage deliberation mechanism (协商议事): one stream per hall, the registry as context.
 *
 * @example
 * ```ts
 * import { createEngine, createMemoryStore, combine, community, deliberation } from 'governance-kit'
 * // One store for the registry and the halls, so that a hall reads its street's registry.
 * const engine = createEngine({ decider: combine('street', { community, deliberation }) })
 * ```
 */
export const deliberation: Mechanism<
  DeliberationCommand,
  DeliberationEvent,
  HallState,
  RegistryContext
> = defineMechanism({
  name: 'deliberation',
  commands: DeliberationCommand,
  events: DeliberationEvent,
  initialState: emptyHall,
  streamOf: (c: DeliberationCommand) => hallStream(c.hall),
  decide: decideDeliberation,
  apply: applyDeliberationEvent,
  loadContext: loadRegistryContext,
})
