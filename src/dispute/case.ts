/**
 * The case 纠纷案件: its filing where it arose — by a party, or by the office of that level, which
 * sets its time limits — with its parties 当事人 and who speaks for them (a person in person, an
 * organisation through one who leads it); the parties' consent to mediation, which is voluntary
 * 自愿 (every party consents for itself, and one refusal closes the case as declined); its
 * referral out of mediation (to court, arbitration or an administrative body) and its withdrawal
 * by a party.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  checkAll,
  lookup,
  notFound,
  refuseBy,
  refuseWhen,
  stamp,
  type CommunityId,
  type DomainError,
  type PersonId,
} from '../core/index.js'
import {
  actsFor,
  communityOf,
  hasParty,
  hasPlace,
  leadersOf,
  partyNotFound,
  type RegistryState,
} from '../community/index.js'
import { byOffice, byParty, byReferrer, impartial, placesOfLevel } from './authority.js'
import type { Case, CaseKind, DisputeEvent, Level, Party } from './codecs.js'
import {
  applyToCase,
  moveCase,
  movesCase,
  nextStatus,
  onFiledCase,
  type DisputeHandler,
  type DisputeReducer,
} from './kit.js'
import { caseMachine } from './machine.js'
import { disputeRules } from './rules.js'

// ---------------------------------------------------------------------------------------------
// Rules used here

/** The community a party belongs to: where a person lives, or where an organisation sits. */
const communityOfParty = (registry: RegistryState, party: Party): CommunityId | null => {
  const place =
    party.kind === 'person'
      ? (lookup(registry.persons, party.person)?.home ?? null)
      : (lookup(registry.organisations, party.organisation)?.seat ?? null)
  return place === null ? null : communityOf(registry, place)
}

/** Who speaks for a party: the person, or those who lead the organisation now (see `actsFor`). */
const speakersFor = (registry: RegistryState, party: Party): ReadonlyArray<PersonId> =>
  party.kind === 'person' ? [party.person] : leadersOf(registry, party.organisation)

const organisationKind = (registry: RegistryState, party: Party) =>
  party.kind === 'organisation'
    ? lookup(registry.organisations, party.organisation)?.kind
    : undefined

/** Whether the parties are what the case's kind says they are. */
const partiesFitKind = (
  registry: RegistryState,
  kind: CaseKind,
  parties: ReadonlyArray<Party>,
): boolean => {
  const persons = parties.filter((p) => p.kind === 'person').length
  const kinds = parties.map((p) => organisationKind(registry, p))
  switch (kind.kind) {
    case 'owner-vs-owner':
    case 'residents-of-two-communities':
      return persons === parties.length
    case 'owner-vs-owners-committee':
      return persons > 0 && kinds.includes('owners-committee')
    case 'owner-vs-property-company':
      return persons > 0 && kinds.includes('property-company')
    case 'organisations-of-two-communities':
      return persons === 0
    case 'other':
      return true
  }
}

/** `kind-parties`: no organisation party is dissolved, and the parties fit the case's kind. */
const kindParties = (
  registry: RegistryState,
  kind: CaseKind,
  parties: ReadonlyArray<Party>,
): E.Either<DomainError, void> =>
  checkAll(
    ...parties.map(
      (p) => () =>
        refuseBy(
          disputeRules.kindParties,
          p.kind === 'organisation' &&
            lookup(registry.organisations, p.organisation)?.status === 'dissolved',
          () => `${p.kind === 'organisation' ? p.organisation : ''} is dissolved`,
        ),
    ),
    () =>
      refuseBy(
        disputeRules.kindParties,
        !partiesFitKind(registry, kind, parties),
        () => `The parties do not fit a ${kind.kind} case`,
      ),
  )

const isBetweenCommunities = (c: Pick<Case, 'kind'>): boolean =>
  c.kind.kind === 'residents-of-two-communities' ||
  c.kind.kind === 'organisations-of-two-communities'

/** A party's identity, so that a party named twice is counted once. */
const partyKey = (p: Party): string =>
  p.kind === 'person' ? `p:${p.person}` : `o:${p.organisation}`

// ---------------------------------------------------------------------------------------------
// Handlers

const fileCase: DisputeHandler<'fileCase'> = (c, s, { registry }) => {
  const distinct = new Set(c.parties.map(partyKey)).size
  const between = isBetweenCommunities(c)
  const reached = between ? [...new Set(c.parties.map((p) => communityOfParty(registry, p)))] : []
  const communities = reached.filter((x): x is CommunityId => x !== null)
  const level: Level = c.arose.level
  const byAParty = c.parties.some((p) => actsFor(registry, c.actor, p))
  // The office that may file is the one that will handle the case: for a case between two
  // communities, either community's.
  const asFiled = { arose: c.arose, communities, street: c.street }
  return pipe(
    refuseWhen(s.case !== null, () => alreadyExists('case', c.case)),
    E.tap(() =>
      refuseBy(
        disputeRules.twoParties,
        distinct < 2 || distinct !== c.parties.length,
        () => 'A case has at least two distinct parties',
      ),
    ),
    E.tap(() =>
      checkAll(
        ...c.parties.map((p) => () => refuseWhen(!hasParty(registry, p), () => partyNotFound(p))),
      ),
    ),
    // Nobody speaks for two sides: a person against the company they lead is no dispute.
    E.tap(() =>
      checkAll(
        ...c.parties.flatMap((p, i) =>
          speakersFor(registry, p).map(
            (voice) => () => impartial(registry, c.parties, voice, { party: i }),
          ),
        ),
      ),
    ),
    E.tap(() => kindParties(registry, c.kind, c.parties)),
    E.tap(() =>
      refuseWhen(!hasPlace(registry, c.arose), () => notFound(c.arose.level, c.arose.id)),
    ),
    E.tap(() =>
      refuseBy(
        disputeRules.twoCommunities,
        between && (reached.length !== 2 || reached.includes(null)),
        () => 'A case between two communities has parties in exactly two communities',
      ),
    ),
    E.tap(() =>
      byAParty
        ? E.right(undefined)
        : byOffice(c, registry, placesOfLevel(registry, asFiled, level), level),
    ),
    // Time limits are the office's to set: a party filing its own case sets none.
    E.tap(() =>
      refuseBy(
        disputeRules.limitsByOffice,
        byAParty && (c.limits.grid !== null || c.limits.community !== null),
        () => 'Time limits are set by the office of the level, not by a party',
      ),
    ),
    E.map((): ReadonlyArray<DisputeEvent> => [
      {
        type: 'caseFiled',
        ...stamp(c),
        case: c.case,
        street: c.street,
        kind: c.kind,
        parties: c.parties,
        arose: c.arose,
        communities,
        summary: c.summary,
        limits: c.limits,
        level,
      },
    ]),
  )
}

const giveConsent: DisputeHandler<'giveConsent'> = onFiledCase((c, kase, registry) =>
  pipe(
    byParty(c, kase, registry),
    E.tap(() =>
      refuseBy(
        disputeRules.alreadyConsented,
        kase.consents.includes(c.party),
        () => `Party ${c.party} has consented already`,
      ),
    ),
    E.flatMap(() =>
      nextStatus(kase, c.type, {
        [disputeRules.everyPartyConsents.id]: kase.consents.length + 1 === kase.parties.length,
      }),
    ),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'consentGiven', ...stamp(c), status, party: c.party },
    ]),
  ),
)

const refuseMediation: DisputeHandler<'refuseMediation'> = onFiledCase((c, kase, registry) =>
  pipe(
    byParty(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'mediationRefused', ...stamp(c), status, party: c.party, reason: c.reason },
    ]),
  ),
)

const referOut: DisputeHandler<'referOut'> = onFiledCase((c, kase, registry) =>
  // A party or a mediator of the case refers it out, impartially; else only the office.
  pipe(
    byReferrer(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'caseReferredOut', ...stamp(c), status, to: c.to, reason: c.reason },
    ]),
  ),
)

const withdrawCase: DisputeHandler<'withdrawCase'> = onFiledCase((c, kase, registry) =>
  pipe(
    byParty(c, kase, registry),
    E.flatMap(() => nextStatus(kase, c.type)),
    E.map((status): ReadonlyArray<DisputeEvent> => [
      { type: 'caseWithdrawn', ...stamp(c), status, party: c.party, reason: c.reason },
    ]),
  ),
)

/**
 * The handlers of the case's commands: filing, consent and refusal, referral, withdrawal.
 *
 * @category Mechanism
 */
export const caseHandlers = {
  fileCase,
  giveConsent,
  refuseMediation,
  referOut,
  withdrawCase,
}

// ---------------------------------------------------------------------------------------------
// Reducers

const caseFiled: DisputeReducer<'caseFiled'> = (draft, e) => {
  draft.case = {
    id: e.case,
    street: e.street,
    kind: { ...e.kind },
    parties: e.parties.map((p) => ({ ...p })),
    arose: { ...e.arose },
    communities: [...e.communities],
    summary: e.summary,
    limits: { ...e.limits },
    status: caseMachine.initial,
    level: e.level,
    levelSince: e.at,
    mediators: [],
    mediatorPosts: [],
    consents: [],
    escalationRequested: false,
    sessions: [],
    agreement: null,
    filedAt: e.at,
    closedAt: null,
    closedLevel: null,
    steps: [
      { to: caseMachine.initial, on: e.type, at: e.at, actor: e.actor, level: e.level, note: null },
    ],
    lastAt: e.at,
  }
}

/** The reducers of the case's events. @category Mechanism */
export const caseReducers = {
  caseFiled,
  consentGiven: applyToCase<'consentGiven'>((c, e) => {
    c.consents.push(e.party)
    moveCase(c, e, null)
  }),
  mediationRefused: movesCase<'mediationRefused'>((e) => e.reason),
  caseReferredOut: movesCase<'caseReferredOut'>((e) => `${e.to}: ${e.reason}`),
  caseWithdrawn: movesCase<'caseWithdrawn'>((e) => e.reason),
}
