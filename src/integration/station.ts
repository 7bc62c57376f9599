/**
 * Service integration (服务整合, seed 000 §三.2): the one-stop service station 一站式服务站 that
 * brings police, justice, civil affairs, human resources, health, culture and other departments
 * under one roof; its service catalogue 服务目录 with equal access 同等待遇 for registered and
 * migrant residents; residents' requests 办事申请 and their outcomes; and cross-region arrangements
 * 跨地区协作 with migrants' home places (Honghu's rural insurance reimbursed at two Guangzhou
 * hospitals).
 *
 * Rules (the `rule` of each {@link RuleViolation}), beside the request table's
 * `IllegalTransition`s (a request is served, referred or refused once):
 * - `department-twice`: a department is listed twice when the station opens, or brought again.
 * - `staff-twice`: a person is listed twice among the staff a station opens with.
 * - `staff-full`: a station already has 100 staff (the most its record holds).
 * - `department-not-in-station`: a service is catalogued under a department the station lacks.
 * - `nobody-eligible`: a service is catalogued open to neither registered nor migrant residents.
 * - `equal-access`: a service open to registered residents is closed to migrants with no legal
 *   restriction recorded (equal access unless the law says otherwise).
 * - `restriction-without-gap`: a restriction is recorded for a service open to both, so that
 *   every recorded restriction explains a real difference in access.
 * - `catalogue-full`: a station's catalogue already holds 200 services.
 * - `service-withdrawn`: a withdrawn service is withdrawn again or requested.
 * - `not-a-resident`: a request is filed for someone who does not live in the street.
 * - `not-eligible`: the resident's household registration now is not one the service is open to
 *   (the message cites the restriction's basis when one is recorded).
 * - `arrangement-ended`: an arrangement is ended twice.
 * - `decides-own-request`: a member of staff serves, refers or refuses a request of their own
 *   (the resident it is for).
 *
 * Authority: a registrar over a station's place (or above it) opens it, brings departments, posts
 * staff and ends a staff member's post (`endStationPost`; the person must be staff, else a
 * NotFound `station staff`); the station's staff or such a registrar keep its catalogue; a request
 * is filed by the resident in person or by the station's staff for them; only the staff of the
 * request's station serve, refer or refuse it (a registrar is not staff), never their own; a
 * registrar of the street records and ends cross-region arrangements. A member of staff acts as
 * staff only while they live in the street: one who has moved away is refused like a stranger
 * (until a registrar ends their post).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  compareInstants,
  draftOf,
  forbidden,
  insert,
  lookup,
  notFound,
  refuseWhen,
  ruleViolation,
  valuesOf,
  type Check,
  type PersonId,
  type RuleViolation,
  type ServiceId,
  type StationId,
} from '../core/index.js'
import { holdsRole, type RegistryState } from '../community/index.js'
import type {
  Arrangement,
  Department,
  Eligibility,
  Request,
  Residency,
  Service,
  Station,
  VehiclePlace,
} from './codecs.js'
import { requestMachine } from './machine.js'
import {
  firstRepeat,
  streetOf,
  decideWith,
  found,
  livesInStreet,
  personKnown,
  placeKnown,
  registrarOver,
  residentOf,
  residencyOf,
  stamp,
  type Cmd,
  type Decision,
  type Evt,
  type IntegrationContext,
} from './shared.js'
import type { IntegrationState } from './state.js'

/** The most services a station's catalogue holds (the codec's bound). */
const MAX_SERVICES = 200
/** The most staff a station's record holds (the codec's bound). */
const MAX_STAFF = 100

type StationCommand = Cmd<
  | 'openStation'
  | 'bringDepartment'
  | 'postStationStaff'
  | 'endStationPost'
  | 'catalogueService'
  | 'withdrawService'
  | 'fileRequest'
  | 'serveRequest'
  | 'referRequest'
  | 'refuseRequest'
  | 'recordArrangement'
  | 'endArrangement'
>

type StationEvent = Evt<
  | 'stationOpened'
  | 'departmentBrought'
  | 'stationStaffPosted'
  | 'stationPostEnded'
  | 'serviceCatalogued'
  | 'serviceWithdrawn'
  | 'requestFiled'
  | 'requestServed'
  | 'requestReferred'
  | 'requestRefused'
  | 'arrangementRecorded'
  | 'arrangementEnded'
>

const registrarRole = (place: VehiclePlace) => `registrar@${place.level}:${place.id}`
const staffOf = (station: Station) => `staff of ${station.id}`
const isStaff = (station: Station, person: PersonId): boolean => station.staff.includes(person)
/** Whether `person` acts as the station's staff: on its staff, and living in the street now. */
const actsAsStaff = (
  registry: RegistryState,
  c: StationCommand,
  station: Station,
  person: PersonId,
): boolean => isStaff(station, person) && livesInStreet(registry, c, person)
const serviceOf = (station: Station, id: ServiceId): Service | undefined =>
  station.services.find((sv) => sv.id === id)

/** The check that the actor is on the station's staff or a registrar over its place. */
const staffOrRegistrar =
  (registry: RegistryState, c: StationCommand, station: Station): Check =>
  () =>
    refuseWhen(
      !actsAsStaff(registry, c, station, c.actor) &&
        !holdsRole(registry, c.actor, 'registrar', station.place),
      () => forbidden(c.actor, c.type, [staffOf(station), registrarRole(station.place)]),
    )

/** The check that the actor is on the station's staff (a registrar is not staff). */
const staffOnly =
  (registry: RegistryState, c: StationCommand, station: Station): Check =>
  () =>
    refuseWhen(!actsAsStaff(registry, c, station, c.actor), () =>
      forbidden(c.actor, c.type, [staffOf(station)]),
    )

/** Who a service is open to, in words. */
const openTo = (e: Eligibility): string =>
  e.registered && e.migrant
    ? 'registered and migrant residents'
    : e.registered
      ? 'registered residents only'
      : e.migrant
        ? 'migrant residents only'
        : 'nobody'

// ---------------------------------------------------------------------------------------------
// Stations and their catalogue

const openStation = (c: Cmd<'openStation'>, s: IntegrationState, r: RegistryState): Decision => {
  const department = firstRepeat(c.departments)
  const staff = firstRepeat(c.staff)
  return decideWith(
    [
      () =>
        refuseWhen(lookup(s.stations, c.station) !== undefined, () =>
          alreadyExists('station', c.station),
        ),
      placeKnown(r, c.place),
      registrarOver(r, c, c.place),
      () =>
        refuseWhen(department !== undefined, () =>
          ruleViolation('department-twice', `${department ?? ''} is listed twice`),
        ),
      ...c.staff.map((p) => personKnown(r, p)),
      () =>
        refuseWhen(staff !== undefined, () =>
          ruleViolation('staff-twice', `${staff ?? ''} is listed twice among the staff`),
        ),
    ],
    () =>
      E.right([
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

const bringDepartment = (c: Cmd<'bringDepartment'>, station: Station, r: RegistryState): Decision =>
  decideWith(
    [
      registrarOver(r, c, station.place),
      () =>
        refuseWhen(station.departments.includes(c.department), () =>
          ruleViolation('department-twice', `${station.id} already has ${c.department}`),
        ),
    ],
    () =>
      E.right([
        { type: 'departmentBrought', ...stamp(c), station: c.station, department: c.department },
      ]),
  )

const postStationStaff = (
  c: Cmd<'postStationStaff'>,
  station: Station,
  r: RegistryState,
): Decision =>
  decideWith(
    [
      registrarOver(r, c, station.place),
      personKnown(r, c.person),
      () =>
        refuseWhen(isStaff(station, c.person), () =>
          alreadyExists('station staff', `${c.person} of ${station.id}`),
        ),
      () =>
        refuseWhen(station.staff.length >= MAX_STAFF, () =>
          ruleViolation('staff-full', `${station.id} already has ${MAX_STAFF} staff`),
        ),
    ],
    () =>
      E.right([{ type: 'stationStaffPosted', ...stamp(c), station: c.station, person: c.person }]),
  )

const endStationPost = (c: Cmd<'endStationPost'>, station: Station, r: RegistryState): Decision =>
  decideWith(
    [
      registrarOver(r, c, station.place),
      () =>
        refuseWhen(!isStaff(station, c.person), () =>
          notFound('station staff', `${c.person} of ${station.id}`),
        ),
    ],
    () =>
      E.right([{ type: 'stationPostEnded', ...stamp(c), station: c.station, person: c.person }]),
  )

const catalogueService = (
  c: Cmd<'catalogueService'>,
  station: Station,
  r: RegistryState,
): Decision => {
  const { registered, migrant } = c.eligibility
  return decideWith(
    [
      staffOrRegistrar(r, c, station),
      () =>
        refuseWhen(serviceOf(station, c.service) !== undefined, () =>
          alreadyExists('service', `${c.service} of ${station.id}`),
        ),
      () =>
        refuseWhen(!station.departments.includes(c.department), () =>
          ruleViolation(
            'department-not-in-station',
            `${station.id} has no ${c.department} department`,
          ),
        ),
      () =>
        refuseWhen(!registered && !migrant, () =>
          ruleViolation('nobody-eligible', `${c.service} would be open to nobody`),
        ),
      () =>
        refuseWhen(registered && !migrant && c.restriction === null, () =>
          ruleViolation(
            'equal-access',
            `${c.service} is open to registered residents, so it is open to migrants unless a legal restriction is recorded`,
          ),
        ),
      () =>
        refuseWhen(registered === migrant && c.restriction !== null, () =>
          ruleViolation(
            'restriction-without-gap',
            `${c.service} is open to both registered and migrant residents: a restriction explains a difference in access`,
          ),
        ),
      () =>
        refuseWhen(station.services.length >= MAX_SERVICES, () =>
          ruleViolation(
            'catalogue-full',
            `${station.id}'s catalogue already holds ${MAX_SERVICES} services`,
          ),
        ),
    ],
    () =>
      E.right([
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

const withdrawService = (c: Cmd<'withdrawService'>, station: Station, r: RegistryState): Decision =>
  E.chain((service: Service) =>
    decideWith(
      [
        staffOrRegistrar(r, c, station),
        () =>
          refuseWhen(service.withdrawnAt !== null, () =>
            ruleViolation('service-withdrawn', `${service.id} was withdrawn already`),
          ),
      ],
      () =>
        E.right([
          { type: 'serviceWithdrawn', ...stamp(c), station: c.station, service: c.service },
        ]),
    ),
  )(found(serviceOf(station, c.service), 'service', `${c.service} of ${station.id}`))

// ---------------------------------------------------------------------------------------------
// Requests

/** Why a resident of `residency` may not use `service`: the refusal names the basis. */
const notEligible = (resident: PersonId, residency: Residency, service: Service): RuleViolation =>
  ruleViolation(
    'not-eligible',
    `${resident} is a ${residency} resident; ${service.id} is open to ${openTo(service.eligibility)}` +
      (service.restriction === null ? '' : ` (legal restriction: ${service.restriction.basis})`),
  )

const fileRequest = (
  c: Cmd<'fileRequest'>,
  s: IntegrationState,
  station: Station,
  r: RegistryState,
): Decision => {
  const service = serviceOf(station, c.service)
  const residency = residencyOf(r, c.resident)
  return decideWith(
    [
      () =>
        refuseWhen(lookup(s.requests, c.request) !== undefined, () =>
          alreadyExists('request', c.request),
        ),
      () =>
        refuseWhen(c.actor !== c.resident && !actsAsStaff(r, c, station, c.actor), () =>
          forbidden(c.actor, c.type, [`${c.resident} in person`, staffOf(station)]),
        ),
      () =>
        refuseWhen(service === undefined, () =>
          notFound('service', `${c.service} of ${station.id}`),
        ),
      () =>
        refuseWhen(service !== undefined && service.withdrawnAt !== null, () =>
          ruleViolation('service-withdrawn', `${c.service} has been withdrawn`),
        ),
      personKnown(r, c.resident),
      residentOf(r, c.resident, streetOf(c)),
      () =>
        service === undefined || residency === null || service.eligibility[residency]
          ? E.right(undefined)
          : E.left(notEligible(c.resident, residency, service)),
    ],
    () =>
      residency === null
        ? E.left(notFound('person', c.resident))
        : E.right([
            {
              type: 'requestFiled',
              ...stamp(c),
              station: c.station,
              request: c.request,
              service: c.service,
              resident: c.resident,
              residency,
            },
          ]),
  )
}

const decideOnRequest = (
  c: Cmd<'serveRequest' | 'referRequest' | 'refuseRequest'>,
  request: Request,
  station: Station,
  r: RegistryState,
): Decision =>
  decideWith(
    [
      staffOnly(r, c, station),
      () =>
        refuseWhen(c.actor === request.resident, () =>
          ruleViolation(
            'decides-own-request',
            `${c.actor} is the resident of ${request.id}: staff do not decide their own request`,
          ),
        ),
      () => requestMachine.next(request.status, c.type),
    ],
    (): Decision => {
      switch (c.type) {
        case 'serveRequest':
          return E.right([{ type: 'requestServed', ...stamp(c), request: c.request, note: c.note }])
        case 'referRequest':
          return E.right([
            { type: 'requestReferred', ...stamp(c), request: c.request, to: c.to, note: c.note },
          ])
        case 'refuseRequest':
          return E.right([
            { type: 'requestRefused', ...stamp(c), request: c.request, reason: c.reason },
          ])
      }
    },
  )

// ---------------------------------------------------------------------------------------------
// Cross-region arrangements

const recordArrangement = (
  c: Cmd<'recordArrangement'>,
  s: IntegrationState,
  r: RegistryState,
): Decision =>
  decideWith(
    [
      () =>
        refuseWhen(lookup(s.arrangements, c.arrangement) !== undefined, () =>
          alreadyExists('arrangement', c.arrangement),
        ),
      registrarOver(r, c, streetOf(c)),
    ],
    () =>
      E.right([
        {
          type: 'arrangementRecorded',
          ...stamp(c),
          arrangement: c.arrangement,
          home: c.home,
          benefit: c.benefit,
          subject: c.subject,
          partners: c.partners,
        },
      ]),
  )

const endArrangement = (
  c: Cmd<'endArrangement'>,
  s: IntegrationState,
  r: RegistryState,
): Decision =>
  E.chain((a: Arrangement) =>
    decideWith(
      [
        registrarOver(r, c, streetOf(c)),
        () =>
          refuseWhen(a.endedAt !== null, () =>
            ruleViolation('arrangement-ended', `${a.id} ended already`),
          ),
      ],
      () => E.right([{ type: 'arrangementEnded', ...stamp(c), arrangement: c.arrangement }]),
    ),
  )(found(lookup(s.arrangements, c.arrangement), 'arrangement', c.arrangement))

// ---------------------------------------------------------------------------------------------

/** Decides a command of the one-stop station 一站式服务站 or of cross-region arrangements 跨地区协作. */
export const decideStation = (
  c: StationCommand,
  s: IntegrationState,
  x: IntegrationContext,
): Decision => {
  const r = x.embedding.registry
  switch (c.type) {
    case 'openStation':
      return openStation(c, s, r)
    case 'recordArrangement':
      return recordArrangement(c, s, r)
    case 'endArrangement':
      return endArrangement(c, s, r)
    case 'serveRequest':
    case 'referRequest':
    case 'refuseRequest': {
      const request = lookup(s.requests, c.request)
      // A request answers to its own station, never to one named by the command.
      if (request === undefined || request.station !== c.station)
        return E.left(notFound('request', `${c.request} of ${c.station}`))
      return E.chain((station: Station) => decideOnRequest(c, request, station, r))(
        found(lookup(s.stations, request.station), 'station', request.station),
      )
    }
    default:
      break
  }
  const station = lookup(s.stations, c.station)
  if (station === undefined) return E.left(notFound('station', c.station))
  switch (c.type) {
    case 'bringDepartment':
      return bringDepartment(c, station, r)
    case 'postStationStaff':
      return postStationStaff(c, station, r)
    case 'endStationPost':
      return endStationPost(c, station, r)
    case 'catalogueService':
      return catalogueService(c, station, r)
    case 'withdrawService':
      return withdrawService(c, station, r)
    case 'fileRequest':
      return fileRequest(c, s, station, r)
  }
}

// ---------------------------------------------------------------------------------------------
// The reducer

/** Records the outcome of a request and moves it to `status`. */
const settle = (
  draft: Draft<IntegrationState>,
  e: StationEvent & { readonly request: Request['id'] },
  status: Request['status'],
  note: string,
  referredTo: string | null,
): void => {
  const request = draftOf(draft.requests, e.request)
  if (request === undefined) return
  request.status = status
  request.outcome = { at: e.at, by: e.actor, note, referredTo }
}

/** Folds an event of the one-stop station 一站式服务站 or of arrangements into the state (an immer recipe). */
export const applyStationEvent = (draft: Draft<IntegrationState>, e: StationEvent): void => {
  switch (e.type) {
    case 'stationOpened':
      insert(draft.stations, e.station, {
        id: e.station,
        name: e.name,
        place: { ...e.place },
        departments: [...e.departments],
        staff: [...e.staff],
        services: [],
        openedAt: e.at,
      })
      return
    case 'departmentBrought':
      draftOf(draft.stations, e.station)?.departments.push(e.department)
      return
    case 'stationStaffPosted':
      draftOf(draft.stations, e.station)?.staff.push(e.person)
      return
    case 'stationPostEnded': {
      const staff = draftOf(draft.stations, e.station)?.staff
      const i = staff?.indexOf(e.person) ?? -1
      if (staff !== undefined && i >= 0) staff.splice(i, 1)
      return
    }
    case 'serviceCatalogued':
      draftOf(draft.stations, e.station)?.services.push({
        id: e.service,
        name: e.name,
        department: e.department,
        eligibility: { ...e.eligibility },
        restriction: e.restriction === null ? null : { ...e.restriction },
        cataloguedAt: e.at,
        withdrawnAt: null,
      })
      return
    case 'serviceWithdrawn': {
      const service = draftOf(draft.stations, e.station)?.services.find((sv) => sv.id === e.service)
      if (service !== undefined) service.withdrawnAt = e.at
      return
    }
    case 'requestFiled':
      insert(draft.requests, e.request, {
        id: e.request,
        station: e.station,
        service: e.service,
        resident: e.resident,
        residency: e.residency,
        status: requestMachine.initial,
        filedBy: e.actor,
        filedAt: e.at,
        outcome: null,
      })
      return
    case 'requestServed':
      settle(draft, e, 'served', e.note, null)
      return
    case 'requestReferred':
      settle(draft, e, 'referred', e.note, e.to)
      return
    case 'requestRefused':
      settle(draft, e, 'refused', e.reason, null)
      return
    case 'arrangementRecorded':
      insert(draft.arrangements, e.arrangement, {
        id: e.arrangement,
        home: e.home,
        benefit: e.benefit,
        subject: e.subject,
        partners: [...e.partners],
        recordedAt: e.at,
        endedAt: null,
      })
      return
    case 'arrangementEnded': {
      const a = draftOf(draft.arrangements, e.arrangement)
      if (a !== undefined) a.endedAt = e.at
      return
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

/** A service whose opportunity 机会 differs: open to one kind of resident only. */
export interface OpportunityGap {
  readonly service: ServiceId
  readonly name: string
  readonly department: Department
  /** Who is eligible: exactly one of `registered` and `migrant` is true. */
  readonly eligibility: Eligibility
  /** The basis of the recorded legal restriction 法定限制; null when none is recorded. */
  readonly basis: string | null
}

/** The requests 办事申请 of one kind of resident for a service, and how many were served 办结. */
export interface OutcomeTally {
  /** Requests filed by residents of this kind (their household registration when they filed). */
  readonly filed: number
  /** Of those, how many were served 办结 (referred, refused and pending ones were not). */
  readonly served: number
  /** `served / filed`; null when none were filed. */
  readonly servedShare: number | null
}

/** A service whose outcome 结果 differs: registered and migrant residents are served in different shares. */
export interface OutcomeGap {
  readonly service: ServiceId
  readonly name: string
  readonly department: Department
  readonly registered: OutcomeTally
  readonly migrant: OutcomeTally
}

/**
 * What differs between registered 户籍 and migrant 来穗 residents at a station (equal access
 * 同等待遇, seed 000): in opportunity 机会 and in outcome 结果.
 */
export interface AccessGaps {
  readonly station: StationId
  /**
   * Every catalogued, not withdrawn service open to one kind of resident only, in catalogue
   * order, with the restriction that explains it.
   */
  readonly opportunity: ReadonlyArray<OpportunityGap>
  /**
   * Every catalogued service (withdrawn ones too: their requests keep their outcomes) whose share
   * of requests served differs between the two kinds of resident, in catalogue order. Only
   * services that both kinds requested are compared: one kind alone is no comparison.
   */
  readonly outcome: ReadonlyArray<OutcomeGap>
}

/** Counts of requests filed and served, by service and residency. */
type Counts = Map<ServiceId, Record<Residency, { filed: number; served: number }>>

const tally = (c: { readonly filed: number; readonly served: number }): OutcomeTally => ({
  filed: c.filed,
  served: c.served,
  servedShare: c.filed === 0 ? null : c.served / c.filed,
})

/**
 * The gaps in equal access 同等待遇 at a station between registered 户籍 and migrant 来穗
 * residents: services open to one kind only (opportunity 机会), and services whose requests are
 * served in different shares (outcome 结果), counting each request by the household registration
 * the resident had when filing. Empty for an unknown station.
 *
 * @example
 * ```ts
 * import { accessGaps, emptyIntegration, StationId } from 'governance-kit'
 * accessGaps(emptyIntegration, StationId.make('st-1'))
 * // { station: 'st-1', opportunity: [], outcome: [] }
 * // At S Street's station: the minimum living allowance is an opportunity gap (registered only,
 * // with its legal basis); an ID card served for 1 of 2 registered and 2 of 2 migrant requests
 * // is an outcome gap (servedShare 0.5 against 1).
 * ```
 */
export const accessGaps = (state: IntegrationState, station: StationId): AccessGaps => {
  const st = lookup(state.stations, station)
  if (st === undefined) return { station, opportunity: [], outcome: [] }
  const opportunity = st.services
    .filter((sv) => sv.withdrawnAt === null && sv.eligibility.registered !== sv.eligibility.migrant)
    .map((sv): OpportunityGap => ({
      service: sv.id,
      name: sv.name,
      department: sv.department,
      eligibility: { ...sv.eligibility },
      basis: sv.restriction?.basis ?? null,
    }))
  const counts: Counts = new Map()
  for (const q of valuesOf(state.requests)) {
    if (q.station !== station) continue
    const byResidency = counts.get(q.service) ?? {
      registered: { filed: 0, served: 0 },
      migrant: { filed: 0, served: 0 },
    }
    byResidency[q.residency].filed += 1
    if (q.status === 'served') byResidency[q.residency].served += 1
    counts.set(q.service, byResidency)
  }
  const outcome = st.services.flatMap((sv): ReadonlyArray<OutcomeGap> => {
    const c = counts.get(sv.id)
    if (c === undefined) return []
    const registered = tally(c.registered)
    const migrant = tally(c.migrant)
    // Only where both kinds asked can their outcomes differ; one kind alone is no comparison
    // (and a service open to one kind only is an opportunity gap already).
    return registered.servedShare === null ||
      migrant.servedShare === null ||
      registered.servedShare === migrant.servedShare
      ? []
      : [{ service: sv.id, name: sv.name, department: sv.department, registered, migrant }]
  })
  return { station, opportunity, outcome }
}

/** The requests 办事申请 filed at a station, in the order they were filed (ties by id). */
export const requestsOf = (state: IntegrationState, station: StationId): ReadonlyArray<Request> =>
  valuesOf(state.requests)
    .filter((q) => q.station === station)
    .sort(
      (a, b) => compareInstants(a.filedAt, b.filedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )

/**
 * The cross-region arrangements 跨地区协作 in force for a person: those not ended whose home place
 * is the person's household origin (a migrant from Honghu has Honghu's). Empty for a registered
 * resident or a person the registry does not know. In the order they were recorded (ties by id).
 *
 * @example
 * ```ts
 * // S Street and Honghu put two Guangzhou hospitals on Honghu's insurance list:
 * arrangementsFor(integrationState, registry, PersonId.make('p-wang'))
 * // [{ id: 'ar-honghu', home: 'Honghu, Hubei', benefit: 'medical-insurance', ... }]
 * ```
 */
export const arrangementsFor = (
  state: IntegrationState,
  registry: RegistryState,
  person: PersonId,
): ReadonlyArray<Arrangement> => {
  const household = lookup(registry.persons, person)?.household
  if (household?.status !== 'migrant') return []
  return valuesOf(state.arrangements)
    .filter((a) => a.endedAt === null && a.home === household.origin)
    .sort(
      (a, b) =>
        compareInstants(a.recordedAt, b.recordedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
}
