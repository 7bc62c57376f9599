/**
 * Service integration (服务整合, seed 000 §三.2): the one-stop service station 一站式服务站 that
 * brings police, justice, civil affairs, human resources, health, culture and other departments
 * under one roof, its staff, and its service catalogue 服务目录 with equal access 同等待遇 for
 * registered and migrant residents. Residents' requests 办事申请 are in `requests.ts`, and
 * cross-region arrangements 跨地区协作 in `arrangements.ts`.
 *
 * Rules (see {@link integrationRules}): `department-twice`, `staff-twice`, `staff-full`,
 * `department-not-in-station`, `nobody-eligible`, `equal-access`, `restriction-without-gap`,
 * `catalogue-full`, `service-withdrawn`.
 *
 * Authority: a registrar over a station's place (or above it) opens it, brings departments, posts
 * staff and ends a staff member's post (`endStationPost`; the person must be staff, else a
 * NotFound `station staff`); the station's staff or such a registrar keep its catalogue. A member
 * of staff acts as staff only while they live in the street: one who has moved away is refused
 * like a stranger (until a registrar ends their post).
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
  notFound,
  refuseBy,
  refuseWhen,
  stamp,
  type DomainError,
  type PersonId,
  type ServiceId,
  type StationId,
} from '../core/index.js'
import { holdsRole, type RegistryState } from '../community/index.js'
import type {
  Department,
  IntegrationCommand,
  Service,
  Station,
  VehiclePlace,
} from './codecs/index.js'
import type { IntegrationHandler, IntegrationHandlers, IntegrationReducers } from './mechanism.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import {
  firstRepeat,
  livesInStreet,
  personKnown,
  placeKnown,
  registrarOver,
  type Act,
} from './street.js'

/** The most services a station's catalogue holds (the codec's bound). */
const MAX_SERVICES = 200
/** The most staff a station's record holds (the codec's bound). */
const MAX_STAFF = 100

const registrarRole = (place: VehiclePlace) => `registrar@${place.level}:${place.id}`

/**
 * The station's staff, as a Forbidden names them.
 *
 * @category Checks
 */
export const staffOf = (station: Station) => `staff of ${station.id}`

const isStaff = (station: Station, person: PersonId): boolean => station.staff.includes(person)

/**
 * Whether `person` acts as the station's staff: on its staff, and living in the street now.
 *
 * @category Checks
 */
export const actsAsStaff = (
  registry: RegistryState,
  c: Pick<IntegrationCommand, 'street'>,
  station: Station,
  person: PersonId,
): boolean => isStaff(station, person) && livesInStreet(registry, c, person)

/**
 * The service of a station's catalogue under `id`, if any.
 *
 * @category Checks
 */
export const serviceOf = (station: Station, id: ServiceId): Service | undefined =>
  station.services.find((sv) => sv.id === id)

/**
 * Whether a service has been withdrawn from the catalogue (rule `service-withdrawn`).
 *
 * @category Checks
 */
export const isWithdrawn = (service: Service): boolean => service.withdrawnAt !== null

/**
 * The station a command names.
 *
 * @category Checks
 */
export const stationOf = (
  s: IntegrationState,
  c: { readonly station: StationId },
): E.Either<DomainError, Station> => found(lookup(s.stations, c.station), 'station', c.station)

/**
 * That the actor is on the station's staff or a registrar over its place.
 *
 * @category Checks
 */
export const staffOrRegistrar = (
  registry: RegistryState,
  c: Act,
  station: Station,
): E.Either<DomainError, void> =>
  refuseWhen(
    !actsAsStaff(registry, c, station, c.actor) &&
      !holdsRole(registry, c.actor, 'registrar', station.place),
    () => forbidden(c.actor, c.type, [staffOf(station), registrarRole(station.place)]),
  )

/** The rule `department-twice` for a department brought: the station lacks it still. */
const lacksDepartment = (
  station: Station,
  c: { readonly department: Department },
): E.Either<DomainError, void> =>
  refuseBy(
    integrationRules.departmentOnce,
    station.departments.includes(c.department),
    () => `${station.id} already has ${c.department}`,
  )

// ---------------------------------------------------------------------------------------------
// Handlers

const openStation: IntegrationHandler<'openStation'> = (c, s, x) => {
  const r = x.embedding.registry
  const department = firstRepeat(c.departments)
  const staff = firstRepeat(c.staff)
  return pipe(
    refuseWhen(lookup(s.stations, c.station) !== undefined, () =>
      alreadyExists('station', c.station),
    ),
    E.flatMap(() => placeKnown(r, c.place)),
    E.flatMap(() => registrarOver(r, c, c.place)),
    E.flatMap(() =>
      refuseBy(
        integrationRules.departmentOnce,
        department !== undefined,
        () => `${department ?? ''} is listed twice`,
      ),
    ),
    E.flatMap(() => checkAll(...c.staff.map((p) => () => personKnown(r, p)))),
    E.flatMap(() =>
      refuseBy(
        integrationRules.staffOnce,
        staff !== undefined,
        () => `${staff ?? ''} is listed twice among the staff`,
      ),
    ),
    E.map(() => [
      {
        type: 'stationOpened',
        ...stamp(c),
        station: c.station,
        name: c.name,
        place: c.place,
        departments: c.departments,
        staff: c.staff,
      },
    ]),
  )
}

const bringDepartment: IntegrationHandler<'bringDepartment'> = (c, s, x) =>
  pipe(
    stationOf(s, c),
    E.tap((station) => registrarOver(x.embedding.registry, c, station.place)),
    E.tap((station) => lacksDepartment(station, c)),
    E.map(() => [
      { type: 'departmentBrought', ...stamp(c), station: c.station, department: c.department },
    ]),
  )

const postStationStaff: IntegrationHandler<'postStationStaff'> = (c, s, x) => {
  const r = x.embedding.registry
  return pipe(
    stationOf(s, c),
    E.tap((station) => registrarOver(r, c, station.place)),
    E.tap(() => personKnown(r, c.person)),
    E.tap((station) =>
      refuseWhen(isStaff(station, c.person), () =>
        alreadyExists('station staff', `${c.person} of ${station.id}`),
      ),
    ),
    E.tap((station) =>
      refuseBy(
        integrationRules.staffBound,
        station.staff.length >= MAX_STAFF,
        () => `${station.id} already has ${MAX_STAFF} staff`,
      ),
    ),
    E.map(() => [
      { type: 'stationStaffPosted', ...stamp(c), station: c.station, person: c.person },
    ]),
  )
}

const endStationPost: IntegrationHandler<'endStationPost'> = (c, s, x) =>
  pipe(
    stationOf(s, c),
    E.tap((station) => registrarOver(x.embedding.registry, c, station.place)),
    E.tap((station) =>
      refuseWhen(!isStaff(station, c.person), () =>
        notFound('station staff', `${c.person} of ${station.id}`),
      ),
    ),
    E.map(() => [{ type: 'stationPostEnded', ...stamp(c), station: c.station, person: c.person }]),
  )

const catalogueService: IntegrationHandler<'catalogueService'> = (c, s, x) => {
  const { registered, migrant } = c.eligibility
  return pipe(
    stationOf(s, c),
    E.tap((station) => staffOrRegistrar(x.embedding.registry, c, station)),
    E.tap((station) =>
      refuseWhen(serviceOf(station, c.service) !== undefined, () =>
        alreadyExists('service', `${c.service} of ${station.id}`),
      ),
    ),
    E.tap((station) =>
      refuseBy(
        integrationRules.departmentInStation,
        !station.departments.includes(c.department),
        () => `${station.id} has no ${c.department} department`,
      ),
    ),
    E.tap(() =>
      refuseBy(
        integrationRules.somebodyEligible,
        !registered && !migrant,
        () => `${c.service} would be open to nobody`,
      ),
    ),
    E.tap(() =>
      refuseBy(
        integrationRules.equalAccess,
        registered && !migrant && c.restriction === null,
        () =>
          `${c.service} is open to registered residents, so it is open to migrants unless a legal restriction is recorded`,
      ),
    ),
    E.tap(() =>
      refuseBy(
        integrationRules.restrictionExplainsGap,
        registered === migrant && c.restriction !== null,
        () =>
          `${c.service} is open to both registered and migrant residents: a restriction explains a difference in access`,
      ),
    ),
    E.tap((station) =>
      refuseBy(
        integrationRules.catalogueBound,
        station.services.length >= MAX_SERVICES,
        () => `${station.id}'s catalogue already holds ${MAX_SERVICES} services`,
      ),
    ),
    E.map(() => [
      {
        type: 'serviceCatalogued',
        ...stamp(c),
        station: c.station,
        service: c.service,
        name: c.name,
        department: c.department,
        eligibility: c.eligibility,
        restriction: c.restriction,
      },
    ]),
  )
}

const withdrawService: IntegrationHandler<'withdrawService'> = (c, s, x) =>
  pipe(
    stationOf(s, c),
    E.bindTo('station'),
    E.bindW('service', ({ station }) =>
      found(serviceOf(station, c.service), 'service', `${c.service} of ${station.id}`),
    ),
    E.tap(({ station }) => staffOrRegistrar(x.embedding.registry, c, station)),
    E.tap(({ service }) =>
      refuseBy(
        integrationRules.serviceInForce,
        isWithdrawn(service),
        () => `${service.id} was withdrawn already`,
      ),
    ),
    E.map(() => [
      { type: 'serviceWithdrawn', ...stamp(c), station: c.station, service: c.service },
    ]),
  )

/**
 * The station's handlers: the station, its departments, staff and catalogue.
 *
 * @category Mechanism
 */
export const stationHandlers: IntegrationHandlers<
  | 'openStation'
  | 'bringDepartment'
  | 'postStationStaff'
  | 'endStationPost'
  | 'catalogueService'
  | 'withdrawService'
> = {
  openStation,
  bringDepartment,
  postStationStaff,
  endStationPost,
  catalogueService,
  withdrawService,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The station's recipes.
 *
 * @category Mechanism
 */
export const stationReducers: IntegrationReducers<
  | 'stationOpened'
  | 'departmentBrought'
  | 'stationStaffPosted'
  | 'stationPostEnded'
  | 'serviceCatalogued'
  | 'serviceWithdrawn'
> = {
  stationOpened: (draft, e) => {
    insert(draft.stations, e.station, {
      id: e.station,
      name: e.name,
      place: { ...e.place },
      departments: [...e.departments],
      staff: [...e.staff],
      services: [],
      openedAt: e.at,
    })
  },
  departmentBrought: (draft, e) => {
    draftOf(draft.stations, e.station)?.departments.push(e.department)
  },
  stationStaffPosted: (draft, e) => {
    draftOf(draft.stations, e.station)?.staff.push(e.person)
  },
  stationPostEnded: (draft, e) => {
    const staff = draftOf(draft.stations, e.station)?.staff
    const i = staff?.indexOf(e.person) ?? -1
    if (staff !== undefined && i >= 0) staff.splice(i, 1)
  },
  serviceCatalogued: (draft, e) => {
    draftOf(draft.stations, e.station)?.services.push({
      id: e.service,
      name: e.name,
      department: e.department,
      eligibility: { ...e.eligibility },
      restriction: e.restriction === null ? null : { ...e.restriction },
      cataloguedAt: e.at,
      withdrawnAt: null,
    })
  },
  serviceWithdrawn: (draft, e) => {
    const service = draftOf(draft.stations, e.station)?.services.find((sv) => sv.id === e.service)
    if (service !== undefined) service.withdrawnAt = e.at
  },
}
