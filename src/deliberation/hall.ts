/**
 * The hall 议事厅: its opening at a community, compound or building entrance
 * (社区、楼院、楼门三级议事), its charter 议事规则, its roster of representatives 议事代表 and
 * supervisors 监督员, and its chair 主持人 with the chair's handover 主持人移交 by a
 * registrar. The balance of migrant and local representatives (来穗人员与本地居民代表) is counted
 * here, once.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  checkAll,
  found,
  insert,
  lookup,
  notFound,
  refuseBy,
  refuseWhen,
  remove,
  stamp,
  valuesOf,
  type DomainError,
  type Forbidden,
  type Handler,
  type OrganisationId,
  type PersonId,
  type RuleViolation,
} from '../core/index.js'
import { authorise, hasPlace, type RegistryState } from '../community/index.js'
import type {
  Charter,
  DeliberationCommand,
  DeliberationEvent,
  Hall,
  HallPlace,
  ParticipantKind,
} from './codecs/index.js'
import { actingIds, chairActs, chairOnly, livesAtHall, livesInStreetOfHall } from './residency.js'
import { deliberationRules } from './rules.js'
import type { HallContext, HallEvents, HallHandler, HallReducer, HallState } from './state.js'

// The rules of the roster and the chair

/**
 * Migrant 来穗/外来 and local (registered 户籍) people among `people`, counted through the
 * registry: the one count behind the balance rule.
 *
 * @example
 * ```ts
 * import { emptyRegistry } from 'governance-kit/community'
 * import { rosterBalance } from 'governance-kit/deliberation'
 * rosterBalance(emptyRegistry, []) // { migrant: 0, local: 0 }
 * ```
 *
 * @category Checks
 */
export const rosterBalance = (
  registry: RegistryState,
  people: ReadonlyArray<PersonId>,
): { readonly migrant: number; readonly local: number } => {
  let migrant = 0
  for (const p of people)
    if (lookup(registry.persons, p)?.household.status === 'migrant') migrant += 1
  return { migrant, local: people.length - migrant }
}

/**
 * How far a roster is beyond its charter's tolerance of migrant and local representatives: 0 or
 * less when in balance, or when the charter has no balance rule.
 *
 * @category Checks
 */
export const balanceExcess = (
  registry: RegistryState,
  charter: Pick<Charter, 'balance'>,
  people: ReadonlyArray<PersonId>,
): number => {
  if (charter.balance === null) return 0
  const { migrant, local } = rosterBalance(registry, people)
  return Math.abs(migrant - local) - charter.balance.tolerance
}

/**
 * The balance rule (`hall-balance`): after a change, migrant and local representatives who act
 * are within the tolerance of the charter then. A change that leaves the roster out of balance is
 * refused if it takes it further from balance than the roster that acts now under the hall's
 * charter (a roster put out of balance by a household change 落户 can be mended, never made worse).
 */
const balanced = (
  s: HallState,
  x: HallContext,
  charter: Charter,
  people: ReadonlyArray<PersonId>,
): E.Either<RuleViolation, void> => {
  const excess = balanceExcess(x.registry, charter, people)
  const { migrant, local } = rosterBalance(x.registry, people)
  return refuseBy(
    deliberationRules.hallBalance,
    excess > 0 && excess > balanceExcess(x.registry, x.hall.charter, actingIds(s, x)),
    () =>
      `${migrant} migrant and ${local} local representatives are more than ${charter.balance?.tolerance ?? 0} apart`,
  )
}

/** The seats rule (`seats-full`): no more representatives than the charter's seats. */
const withinSeats = (
  charter: Charter,
  people: ReadonlyArray<PersonId>,
): E.Either<RuleViolation, void> =>
  refuseBy(
    deliberationRules.seatsFull,
    charter.seats !== undefined && people.length > charter.seats,
    () => `${people.length} representatives would not fit the hall's ${charter.seats ?? 0} seats`,
  )

/**
 * The council-charter rule: a council's charter has a balance rule and seats, and an amendment of
 * a council's charter keeps it one.
 */
const councilCharterKept = (
  charter: Charter,
  before: Charter | null,
): E.Either<RuleViolation, void> =>
  refuseBy(
    deliberationRules.councilCharter,
    (before?.council === true && charter.council !== true) ||
      (charter.council === true &&
        (charter.balance === null ||
          charter.seats === undefined ||
          // About equal numbers: the tolerance is at most a quarter of the seats.
          charter.balance.tolerance * 4 > charter.seats)),
    () =>
      "A council's charter keeps its council mark, its seats and a balance rule whose tolerance is at most a quarter of the seats",
  )

/**
 * The residency a person needs to be named chair, at the opening or by a handover
 * (`chair-in-street`): they live in the street, as a chair must to act (see {@link chairActs}).
 */
const mayChair = (
  registry: RegistryState,
  hall: Pick<Hall, 'street'>,
  person: PersonId,
  message: () => string,
): E.Either<RuleViolation, void> =>
  refuseBy(deliberationRules.chairInStreet, !livesInStreetOfHall(registry, hall, person), message)

/**
 * The authority that names a hall's chair, at the opening and by a handover: a registrar over the
 * hall's place (the registry's authority).
 */
export const namesChair = (
  registry: RegistryState,
  actor: PersonId,
  command: DeliberationCommand['type'],
  place: HallPlace,
): E.Either<Forbidden, void> =>
  authorise(registry, actor, command, [{ role: 'registrar', scope: place }])

/** Everyone on the roster, acting or not: what the seats count. */
const seated = (s: HallState): ReadonlyArray<PersonId> =>
  valuesOf(s.representatives).map((r) => r.person)

/** One appointment to the roster. */
interface Appointment {
  readonly person: PersonId
  readonly kind: ParticipantKind
  readonly organisation: OrganisationId | null
}

/** The checks of one appointment, apart from the balance and seats rules. */
const appointable = (s: HallState, x: HallContext, a: Appointment): E.Either<DomainError, void> =>
  pipe(
    found(lookup(x.registry.persons, a.person), 'person', a.person),
    E.tap(() =>
      refuseWhen(
        a.organisation !== null && lookup(x.registry.organisations, a.organisation) === undefined,
        () => notFound('organisation', a.organisation ?? ''),
      ),
    ),
    E.tap(() =>
      refuseWhen(lookup(s.representatives, a.person) !== undefined, () =>
        alreadyExists('representative', a.person),
      ),
    ),
    E.flatMap(() =>
      refuseBy(
        deliberationRules.notAResident,
        a.kind === 'resident' && !livesAtHall(x.registry, x.hall, a.person),
        () => `${a.person} does not live at ${x.hall.name}`,
      ),
    ),
  )

// Handlers

/** Opens a hall: a registrar over its place names the chair, who lives in the street. */
export const openHall: Handler<
  DeliberationCommand,
  'openHall',
  HallState,
  RegistryState,
  DeliberationEvent
> = (c, s, registry) =>
  pipe(
    refuseWhen(s.hall !== null, () => alreadyExists('hall', c.hall)),
    E.tap(() =>
      refuseWhen(!hasPlace(registry, c.place), () => notFound(c.place.level, c.place.id)),
    ),
    E.tap(() => found(lookup(registry.persons, c.chair), 'person', c.chair)),
    E.tap(() => namesChair(registry, c.actor, c.type, c.place)),
    // A chair who could not act (see chairActs) would open a hall nobody chairs.
    E.tap(() =>
      mayChair(registry, c, c.chair, () => `The chair ${c.chair} does not live in the street`),
    ),
    E.tap(() => councilCharterKept(c.charter, null)),
    E.map((): HallEvents => [
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
const handOverChair: HallHandler<'handOverChair'> = (c, _s, x) =>
  pipe(
    found(lookup(x.registry.persons, c.chair), 'person', c.chair),
    E.tap(() => namesChair(x.registry, c.actor, c.type, x.hall.place)),
    E.tap(() =>
      refuseBy(
        deliberationRules.sameChair,
        c.chair === x.hall.chair && chairActs(x.registry, x),
        () => `${c.chair} chairs ${x.hall.name} already`,
      ),
    ),
    E.tap((successor) =>
      mayChair(
        x.registry,
        x.hall,
        c.chair,
        () => `${successor.name} does not live in the street of ${x.hall.name}`,
      ),
    ),
    E.map((): HallEvents => [
      {
        type: 'chairHandedOver',
        ...stamp(c),
        from: x.hall.chair,
        to: c.chair,
        basis: c.basis,
      },
    ]),
  )

const amendCharter: HallHandler<'amendCharter'> = (c, s, x) =>
  pipe(
    chairOnly(c, x),
    E.tap(() => councilCharterKept(c.charter, x.hall.charter)),
    E.tap(() => balanced(s, x, c.charter, actingIds(s, x))),
    E.tap(() => withinSeats(c.charter, seated(s))),
    E.map((): HallEvents => [{ type: 'charterAmended', ...stamp(c), charter: c.charter }]),
  )

/** Appoints representatives, the balance and seats rules checked once after all of them. */
const appoint = (
  c: DeliberationCommand,
  appointments: ReadonlyArray<Appointment>,
  s: HallState,
  x: HallContext,
): E.Either<DomainError, HallEvents> => {
  const people = appointments.map((a) => a.person)
  return pipe(
    chairOnly(c, x),
    E.tap(() =>
      refuseBy(
        deliberationRules.appointedTwice,
        new Set(people).size !== people.length,
        () => 'A person is named twice in one appointment',
      ),
    ),
    E.tap(() => checkAll(...appointments.map((a) => () => appointable(s, x, a)))),
    E.tap(() => balanced(s, x, x.hall.charter, [...actingIds(s, x), ...people])),
    E.tap(() => withinSeats(x.hall.charter, [...seated(s), ...people])),
    E.map(() =>
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

const removeRepresentative: HallHandler<'removeRepresentative'> = (c, s, x) =>
  pipe(
    chairOnly(c, x),
    E.tap(() =>
      refuseWhen(lookup(s.representatives, c.person) === undefined, () =>
        notFound('representative', c.person),
      ),
    ),
    E.tap(() =>
      balanced(
        s,
        x,
        x.hall.charter,
        actingIds(s, x).filter((p) => p !== c.person),
      ),
    ),
    E.map((): HallEvents => [{ type: 'representativeRemoved', ...stamp(c), person: c.person }]),
  )

const appointSupervisor: HallHandler<'appointSupervisor'> = (c, s, x) =>
  pipe(
    chairOnly(c, x),
    E.tap(() => found(lookup(x.registry.persons, c.person), 'person', c.person)),
    E.tap(() =>
      refuseWhen(lookup(s.supervisors, c.person) !== undefined, () =>
        alreadyExists('supervisor', c.person),
      ),
    ),
    E.map((): HallEvents => [
      { type: 'supervisorAppointed', ...stamp(c), person: c.person, body: c.body },
    ]),
  )

const appointRepresentative: HallHandler<'appointRepresentative'> = (c, s, x) =>
  appoint(c, [{ person: c.person, kind: c.kind, organisation: c.organisation }], s, x)

const appointRepresentatives: HallHandler<'appointRepresentatives'> = (c, s, x) =>
  appoint(c, c.representatives, s, x)

/** The hall's handlers on an open hall (`openHall` is decided before there is one). */
export const hallHandlers = {
  handOverChair,
  amendCharter,
  appointRepresentative,
  appointRepresentatives,
  removeRepresentative,
  appointSupervisor,
}

// Reducers

const hallOpened: HallReducer<'hallOpened'> = (draft, e) => {
  draft.hall = {
    id: e.hall,
    street: e.street,
    name: e.name,
    place: e.place,
    charter: e.charter,
    chair: e.chair,
    openedAt: e.at,
  }
}

const chairHandedOver: HallReducer<'chairHandedOver'> = (draft, e) => {
  if (draft.hall !== null) draft.hall.chair = e.to
  draft.handovers.push({ from: e.from, to: e.to, by: e.actor, at: e.at, basis: e.basis })
}

const charterAmended: HallReducer<'charterAmended'> = (draft, e) => {
  if (draft.hall !== null) draft.hall.charter = e.charter
}

const representativeAppointed: HallReducer<'representativeAppointed'> = (draft, e) => {
  insert(draft.representatives, e.person, {
    person: e.person,
    kind: e.kind,
    organisation: e.organisation,
    since: e.at,
  })
}

const representativeRemoved: HallReducer<'representativeRemoved'> = (draft, e) => {
  remove(draft.representatives, e.person)
}

const supervisorAppointed: HallReducer<'supervisorAppointed'> = (draft, e) => {
  insert(draft.supervisors, e.person, { person: e.person, body: e.body, since: e.at })
}

/** The hall's reducers. */
export const hallReducers = {
  hallOpened,
  chairHandedOver,
  charterAmended,
  representativeAppointed,
  representativeRemoved,
  supervisorAppointed,
}
