/**
 * Residents' requests 办事申请 at a one-stop service station 一站式服务站 (service integration,
 * seed 000 §三.2): a resident, or the station's staff for them, files a request for a catalogued
 * service; the resident's household registration 户籍 now decides whether they are eligible, and
 * is kept with the request; the station's staff serve 办结, refer 转办 or refuse 不予办理 it, along
 * the request table.
 *
 * Rules (see {@link integrationRules}), beside the request table's `IllegalTransition`s (a request
 * is served, referred or refused once): `service-withdrawn`, `not-a-resident`, `not-eligible`,
 * `decides-own-request`.
 *
 * Authority: a request is filed by the resident in person or by the station's staff for them;
 * only the staff of the request's station serve, refer or refuse it (a registrar is not staff),
 * never their own. A member of staff acts as staff only while they live in the street.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  draftOf,
  forbidden,
  found,
  insert,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  violation,
  type DomainError,
  type OfType,
  type PersonId,
  type RuleViolation,
} from '../core/index.js'
import type { RegistryState } from '../community/index.js'
import type {
  Eligibility,
  IntegrationCommand,
  IntegrationEvent,
  Request,
  Residency,
  Service,
  Station,
} from './codecs/index.js'
import { requestMachine } from './machine.js'
import type { IntegrationHandler, IntegrationHandlers, IntegrationReducers } from './mechanism.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import { actsAsStaff, isWithdrawn, serviceOf, staffOf, stationOf } from './station.js'
import { personKnown, residencyOf, residentOfStreet, type Act } from './street.js'

/** A command of the staff on a request: serve, refer or refuse it. */
type DecideOnRequest = OfType<IntegrationCommand, 'serveRequest' | 'referRequest' | 'refuseRequest'>

/** Who a service is open to, in words. */
const openTo = (e: Eligibility): string =>
  e.registered && e.migrant
    ? 'registered and migrant residents'
    : e.registered
      ? 'registered residents only'
      : e.migrant
        ? 'migrant residents only'
        : 'nobody'

/** Why a resident of `residency` may not use `service` (rule `not-eligible`): it names the basis. */
const notEligible = (resident: PersonId, residency: Residency, service: Service): RuleViolation =>
  violation(
    integrationRules.eligible,
    `${resident} is a ${residency} resident; ${service.id} is open to ${openTo(service.eligibility)}` +
      (service.restriction === null ? '' : ` (legal restriction: ${service.restriction.basis})`),
  )

/**
 * That the actor is on the staff of the request's station (a registrar is not staff).
 *
 * @category Checks
 */
export const staffOnly = (
  registry: RegistryState,
  c: Act,
  station: Station,
): E.Either<DomainError, void> =>
  refuseWhen(!actsAsStaff(registry, c, station, c.actor), () =>
    forbidden(c.actor, c.type, [staffOf(station)]),
  )

/**
 * Whether `person` may file a request for `resident` at the station: the resident in person, or
 * the station's staff for them.
 *
 * @category Checks
 */
export const filesFor = (
  registry: RegistryState,
  c: Pick<IntegrationCommand, 'street'>,
  station: Station,
  person: PersonId,
  resident: PersonId,
): boolean => person === resident || actsAsStaff(registry, c, station, person)

/**
 * Whether a service is open to a resident of `residency` (rule `not-eligible`).
 *
 * @category Checks
 */
export const isOpenTo = (service: Service, residency: Residency): boolean =>
  service.eligibility[residency]

/**
 * Whether `person` is the resident of the request: staff do not decide their own (rule
 * `decides-own-request`).
 *
 * @category Checks
 */
export const isOwnRequest = (request: Request, person: PersonId): boolean =>
  person === request.resident

/**
 * A request the staff may decide on now, with its station: the request (of the station the
 * command names: a request answers to its own station), decided by its station's staff, never
 * their own (rule `decides-own-request`), along the request table.
 */
const decidable = (
  c: DecideOnRequest,
  s: IntegrationState,
  registry: RegistryState,
): E.Either<DomainError, { readonly request: Request; readonly station: Station }> => {
  const request = lookup(s.requests, c.request)
  return pipe(
    found(
      request !== undefined && request.station === c.station ? request : undefined,
      'request',
      `${c.request} of ${c.station}`,
    ),
    E.bindTo('request'),
    E.bindW('station', ({ request }) =>
      found(lookup(s.stations, request.station), 'station', request.station),
    ),
    E.tap(({ station }) => staffOnly(registry, c, station)),
    E.tap(({ request }) =>
      refuseBy(
        integrationRules.othersRequests,
        isOwnRequest(request, c.actor),
        () => `${c.actor} is the resident of ${request.id}: staff do not decide their own request`,
      ),
    ),
    E.tap(({ request }) => requestMachine.next(request.status, c.type)),
  )
}

// ---------------------------------------------------------------------------------------------
// Handlers

const fileRequest: IntegrationHandler<'fileRequest'> = (c, s, x) => {
  const r = x.embedding.registry
  return pipe(
    stationOf(s, c),
    E.tap(() =>
      refuseWhen(lookup(s.requests, c.request) !== undefined, () =>
        alreadyExists('request', c.request),
      ),
    ),
    E.tap((station) =>
      refuseWhen(!filesFor(r, c, station, c.actor, c.resident), () =>
        forbidden(c.actor, c.type, [`${c.resident} in person`, staffOf(station)]),
      ),
    ),
    E.flatMap((station) =>
      found(serviceOf(station, c.service), 'service', `${c.service} of ${station.id}`),
    ),
    E.tap((service) =>
      refuseBy(
        integrationRules.serviceInForce,
        isWithdrawn(service),
        () => `${c.service} has been withdrawn`,
      ),
    ),
    E.tap(() => personKnown(r, c.resident)),
    E.tap(() => residentOfStreet(r, c, c.resident)),
    E.bindTo('service'),
    E.bindW('residency', () =>
      found(residencyOf(r, c.resident) ?? undefined, 'person', c.resident),
    ),
    E.tap(({ service, residency }) =>
      isOpenTo(service, residency)
        ? E.right(undefined)
        : E.left(notEligible(c.resident, residency, service)),
    ),
    E.map(({ residency }) => [
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

const serveRequest: IntegrationHandler<'serveRequest'> = (c, s, x) =>
  pipe(
    decidable(c, s, x.embedding.registry),
    E.map(() => [{ type: 'requestServed', ...stamp(c), request: c.request, note: c.note }]),
  )

const referRequest: IntegrationHandler<'referRequest'> = (c, s, x) =>
  pipe(
    decidable(c, s, x.embedding.registry),
    E.map(() => [
      { type: 'requestReferred', ...stamp(c), request: c.request, to: c.to, note: c.note },
    ]),
  )

const refuseRequest: IntegrationHandler<'refuseRequest'> = (c, s, x) =>
  pipe(
    decidable(c, s, x.embedding.registry),
    E.map(() => [{ type: 'requestRefused', ...stamp(c), request: c.request, reason: c.reason }]),
  )

/**
 * The handlers of residents' requests.
 *
 * @category Mechanism
 */
export const requestHandlers: IntegrationHandlers<
  'fileRequest' | 'serveRequest' | 'referRequest' | 'refuseRequest'
> = { fileRequest, serveRequest, referRequest, refuseRequest }

// ---------------------------------------------------------------------------------------------
// Reducers

/** Records the outcome of a request and moves it to `status`. */
const settle = (
  draft: Draft<IntegrationState>,
  e: OfType<IntegrationEvent, 'requestServed' | 'requestReferred' | 'requestRefused'>,
  status: Request['status'],
  note: string,
  referredTo: string | null,
): void => {
  const request = draftOf(draft.requests, e.request)
  if (request === undefined) return
  request.status = status
  request.outcome = { at: e.at, by: e.actor, note, referredTo }
}

/**
 * The recipes of residents' requests.
 *
 * @category Mechanism
 */
export const requestReducers: IntegrationReducers<
  'requestFiled' | 'requestServed' | 'requestReferred' | 'requestRefused'
> = {
  requestFiled: (draft, e) => {
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
  },
  requestServed: (draft, e) => {
    settle(draft, e, 'served', e.note, null)
  },
  requestReferred: (draft, e) => {
    settle(draft, e, 'referred', e.note, e.to)
  },
  requestRefused: (draft, e) => {
    settle(draft, e, 'refused', e.reason, null)
  },
}
