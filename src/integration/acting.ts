/**
 * What integration's commands act on now, and who may issue them (办事依据): the parts of the
 * permission table (`permissions.ts`) — the targets each command may act on by its vehicle's
 * lifecycle and preconditions, and the requirements that ask the handlers' own checks of a
 * person (an {@link Act} with no command written yet). Internal to the mechanism: the public
 * surface is its `index.ts`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  lookup,
  valuesOf,
  type AccountId,
  type BankId,
  type Collection,
  type CourseId,
  type Instant,
  type PersonId,
  type RequestId,
  type SchoolId,
  type ServiceRecordId,
  type StationId,
  type StreetId,
  type TeamId,
} from '../core/index.js'
import { isWithin, type PlaceRef, type RegistryState } from '../community/index.js'
import { accountOf, operatorOnly } from './bank.js'
import type {
  AccountKind,
  Course,
  IntegrationCommand,
  Request,
  School,
  Service,
  Station,
  Team,
  VehiclePlace,
} from './codecs/index.js'
import { hoursAttended, teaches } from './enrolment.js'
import { enrolmentMachine, recordMachine, requestMachine } from './machine.js'
import type { IntegrationContext } from './mechanism.js'
import { covers, holderOnly } from './points.js'
import { isOpenTo, isOwnRequest, staffOnly } from './requests.js'
import { headOr, schoolInService } from './school.js'
import { isOwnRecord, leaderOnly } from './service-records.js'
import { enrolmentKey, runsForwardAt, type IntegrationState } from './state.js'
import { isWithdrawn } from './station.js'
import { livesInStreet, registrarOver, residencyOf, type Act } from './street.js'
import { leaderStillLeads, teamAtWork } from './teams.js'

type Type = IntegrationCommand['type']
type S = IntegrationState
type X = IntegrationContext

const ok = E.isRight

/**
 * The entry of `id`, when the target names one.
 *
 * @category Permissions
 */
export const byId = <K extends string, V>(c: Collection<K, V>, id: K | undefined): V | undefined =>
  id === undefined ? undefined : lookup(c, id)

// ---------------------------------------------------------------------------------------------
// What a command acts on now

/**
 * The targets `list` gives in the street of the context's registry, while the street's
 * integration takes a command dated `at` (else none).
 *
 * @category Permissions
 */
export const inStreet =
  <T>(list: (s: S, x: X, street: StreetId) => ReadonlyArray<T>) =>
  (s: S, x: X, at: Instant): ReadonlyArray<T> => {
    const street = x.embedding.registry.street
    return street === null || !runsForwardAt(s, at) ? [] : list(s, x, street.id)
  }

/** The places a vehicle sits at: the street and its communities. */
const vehiclePlaces = (registry: RegistryState, street: StreetId): ReadonlyArray<VehiclePlace> => [
  { level: 'street', id: street },
  ...valuesOf(registry.communities).map((c): VehiclePlace => ({ level: 'community', id: c.id })),
]

/**
 * A vehicle's place as a target, for a command that opens or forms one there.
 *
 * @category Permissions
 */
export const atPlaces = (_s: S, x: X, street: StreetId) =>
  vehiclePlaces(x.embedding.registry, street).map((place) => ({ place }))

/**
 * Every station, as a target.
 *
 * @category Permissions
 */
export const stations = (s: S) => valuesOf(s.stations).map((st) => ({ station: st.id }))

/**
 * The services of each station's catalogue that are not withdrawn (`service-withdrawn`).
 *
 * @category Permissions
 */
export const servicesInForce = (s: S) =>
  valuesOf(s.stations).flatMap((st) =>
    st.services.filter((sv) => !isWithdrawn(sv)).map((sv) => ({ station: st.id, service: sv.id })),
  )

/**
 * The schools that run now (`school-led-by-party`), each with `registry`.
 *
 * @category Permissions
 */
export const runningSchools = (s: S, registry: RegistryState): ReadonlyArray<School> =>
  valuesOf(s.schools).filter((school) => ok(schoolInService(s, registry, { school: school.id })))

/**
 * The courses of the schools that run now, with their school.
 *
 * @category Permissions
 */
export const runningCourses = (s: S, x: X) =>
  runningSchools(s, x.embedding.registry).flatMap((school) =>
    valuesOf(s.courses)
      .filter((course) => course.school === school.id)
      .map((course) => ({ school, course })),
  )

/**
 * The enrolments of running schools' courses that the enrolment table moves on `on`.
 *
 * @category Permissions
 */
export const enrolmentsMovingOn = (on: 'completeCourse' | 'withdrawLearner', s: S, x: X) =>
  runningCourses(s, x).flatMap(({ school, course }) =>
    valuesOf(s.enrolments)
      .filter((en) => en.course === course.id && enrolmentMachine.can(en.status, on))
      .filter((en) => on !== 'completeCourse' || hoursAttended(course, en))
      .map((en) => ({ school: school.id, course: course.id, learner: en.learner })),
  )

/**
 * The teams that take new work (`team-disbanded`).
 *
 * @category Permissions
 */
export const teamsAtWork = (s: S): ReadonlyArray<Team> =>
  valuesOf(s.teams).filter((team) => ok(teamAtWork(s, { team: team.id })))

/**
 * The requests the request table moves on `on`, with their station.
 *
 * @category Permissions
 */
export const requestsMovingOn = (on: 'serveRequest' | 'referRequest' | 'refuseRequest') => (s: S) =>
  valuesOf(s.requests)
    .filter((r) => requestMachine.can(r.status, on))
    .map((r) => ({ station: r.station, request: r.id }))

/**
 * The service records of each team that the record table moves on `on`.
 *
 * @category Permissions
 */
export const recordsMovingOn = (on: 'verifyService' | 'rejectService') => (s: S) =>
  valuesOf(s.records)
    .filter((r) => recordMachine.can(r.status, on))
    .map((r) => ({ team: r.team, record: r.id }))

/**
 * The accounts of each bank of `kinds` that hold a point to spend (`insufficient-points`).
 *
 * @category Permissions
 */
export const accountsToSpend = (kinds: ReadonlyArray<AccountKind>) => (s: S) =>
  valuesOf(s.accounts)
    .filter((a) => kinds.includes(a.kind) && ok(covers(a, 1)))
    .map((a) => ({ bank: a.bank, from: a.id }))

/**
 * The verified service records each bank may pay (the record table moves them on
 * `issuePoints`), of teams within the bank's place (`team-outside-bank`).
 *
 * @category Permissions
 */
export const recordsToPay = (s: S, x: X) =>
  valuesOf(s.banks).flatMap((bank) =>
    valuesOf(s.records)
      .filter((r) => recordMachine.can(r.status, 'issuePoints'))
      .filter((r) => {
        const team = lookup(s.teams, r.team)
        return team !== undefined && isWithin(x.embedding.registry, team.place, bank.place)
      })
      .map((r) => ({ bank: bank.id, team: r.team, record: r.id })),
  )

// ---------------------------------------------------------------------------------------------
// Who may

/**
 * The requirement `may` of one who acts with `type` in the street of the context's registry: the
 * checks the handlers decide with read an {@link Act}.
 *
 * @category Permissions
 */
export const actingAs =
  <T>(type: Type, may: (act: Act, target: T, s: S, x: X) => boolean) =>
  (person: PersonId, target: T, s: S, x: X): boolean => {
    const street = x.embedding.registry.street
    return street !== null && may({ actor: person, type, street: street.id }, target, s, x)
  }

/**
 * A registrar over `place` (or above it), when the target names one.
 *
 * @category Permissions
 */
export const registrar = (act: Act, place: PlaceRef | undefined, x: X): boolean =>
  place !== undefined && ok(registrarOver(x.embedding.registry, act, place))

/**
 * A registrar over the place of the station the target names.
 *
 * @category Permissions
 */
export const stationRegistrar = (
  act: Act,
  t: { readonly station?: StationId },
  s: S,
  x: X,
): boolean => registrar(act, byId(s.stations, t.station)?.place, x)

/**
 * The team's leader, who still leads it (`team-led-by-member`).
 *
 * @category Permissions
 */
export const leadsNow = (act: Act, team: Team, x: X): boolean =>
  ok(leaderOnly(act, team)) && ok(leaderStillLeads(x, act, team))

/**
 * A resident of the street in person, for a service open to their household registration now.
 *
 * @category Permissions
 */
export const filesInPerson = (act: Act, service: Service, x: X): boolean => {
  const residency = residencyOf(x.embedding.registry, act.actor)
  return (
    livesInStreet(x.embedding.registry, act, act.actor) &&
    residency !== null &&
    isOpenTo(service, residency)
  )
}

/**
 * The course of the school the target names, while the school runs.
 *
 * @category Permissions
 */
export const courseOf = (
  s: S,
  x: X,
  t: { readonly school?: SchoolId; readonly course?: CourseId },
): { readonly school: School; readonly course: Course } | undefined => {
  const course = byId(s.courses, t.course)
  const school = byId(s.schools, t.school)
  return course !== undefined &&
    school !== undefined &&
    course.school === school.id &&
    ok(schoolInService(s, x.embedding.registry, { school: school.id }))
    ? { school, course }
    : undefined
}

/** The request of the station the target names. */
const requestOf = (
  s: S,
  t: { readonly station?: StationId; readonly request?: RequestId },
): { readonly station: Station; readonly request: Request } | undefined => {
  const request = byId(s.requests, t.request)
  const station = byId(s.stations, request?.station)
  return request !== undefined && station !== undefined && request.station === t.station
    ? { station, request }
    : undefined
}

/**
 * The enrolment a target names, of a course of a running school.
 *
 * @category Permissions
 */
export const enrolmentOf = (
  s: S,
  x: X,
  t: { readonly school?: SchoolId; readonly course?: CourseId; readonly learner?: PersonId },
) => {
  const found = courseOf(s, x, t)
  const enrolment =
    t.course === undefined || t.learner === undefined
      ? undefined
      : lookup(s.enrolments, enrolmentKey(t.course, t.learner))
  return found === undefined || enrolment === undefined ? undefined : { ...found, enrolment }
}

/**
 * Whether `act`'s actor may enrol in `course` in person: a resident who teaches it not, anew.
 *
 * @category Permissions
 */
export const enrolsInPerson = (act: Act, course: Course, s: S, x: X): boolean =>
  livesInStreet(x.embedding.registry, act, act.actor) &&
  !teaches(course, act.actor) &&
  lookup(s.enrolments, enrolmentKey(course.id, act.actor)) === undefined

/**
 * No one else: the roles a refusal would name are not asked for here.
 *
 * @category Permissions
 */
export const alone = { as: [] }

/**
 * The staff of the request's station, who do not decide their own request.
 *
 * @category Permissions
 */
export const decidesOn = (
  act: Act,
  t: { readonly station?: StationId; readonly request?: RequestId },
  s: S,
  x: X,
): boolean => {
  const found = requestOf(s, t)
  return (
    found !== undefined &&
    ok(staffOnly(x.embedding.registry, act, found.station)) &&
    !isOwnRequest(found.request, act.actor)
  )
}

/**
 * A head of the school the target names, while it runs.
 *
 * @category Permissions
 */
export const headsSchool = (act: Act, school: SchoolId | undefined, s: S, x: X): boolean => {
  const found = byId(s.schools, school)
  return (
    found !== undefined &&
    ok(schoolInService(s, x.embedding.registry, { school: found.id })) &&
    ok(headOr(x.embedding.registry, act, found))
  )
}

/**
 * The leader of the record's team, still leading, who neither served nor recorded it.
 *
 * @category Permissions
 */
export const reviews = (
  act: Act,
  t: { readonly team?: TeamId; readonly record?: ServiceRecordId },
  s: S,
  x: X,
): boolean => {
  const team = byId(s.teams, t.team)
  const record = byId(s.records, t.record)
  return (
    team !== undefined &&
    record !== undefined &&
    record.team === team.id &&
    leadsNow(act, team, x) &&
    !isOwnRecord(record, act.actor)
  )
}

/**
 * One who acts for the operator of the bank the target names.
 *
 * @category Permissions
 */
export const operates = (act: Act, bank: BankId | undefined, s: S, x: X): boolean => {
  const found = byId(s.banks, bank)
  return found !== undefined && ok(operatorOnly(act, x.embedding.registry, found))
}

/**
 * One who acts for the holder of the account the target spends from, of the bank it names.
 *
 * @category Permissions
 */
export const holds = (
  act: Act,
  t: { readonly bank?: BankId; readonly from?: AccountId },
  s: S,
  x: X,
): boolean => {
  const bank = byId(s.banks, t.bank)
  const account =
    bank === undefined || t.from === undefined ? undefined : accountOf(s, bank, t.from)
  return (
    account !== undefined &&
    E.isRight(account) &&
    ok(holderOnly(act, x.embedding.registry, account.right))
  )
}
