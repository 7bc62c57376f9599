import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CaseId, replay, StreetId, valuesOf, type TriggerOf } from '../../src/core/index.js'
import { registryStream, type RegistryState } from '../../src/community/index.js'
import {
  caseMachine,
  caseStream,
  dispute,
  ladder,
  ladderReport,
  type Case,
  type CaseState,
  type DisputeEvent,
  type Party,
} from '../../src/dispute/index.js'
import { CLERK, place, seedArea, STREET, type StreetEngine } from './fixtures.js'

// Some tests below also assert how far the generator reached (states visited, events stored,
// refusals met); those totals depend on the draw, so the draw is fixed for CI. Set FC_SEED to
// explore others.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) })

// ---------------------------------------------------------------------------------------------
// Small pools of ids and actors, so that many commands are refused and many accepted

type PartyJson =
  | { readonly kind: 'person'; readonly person: string }
  | { readonly kind: 'organisation'; readonly organisation: string }
const person = (id: string): PartyJson => ({ kind: 'person', person: id })
const organisation = (id: string): PartyJson => ({ kind: 'organisation', organisation: id })

/** Who may be a party: residents, a grid worker, organisations with a leader or none; strangers. */
const partyPool: ReadonlyArray<PartyJson> = [
  person('p-d1'),
  person('p-d2'),
  person('p-q1'),
  person('p-owner'),
  person('p-gw-d'),
  organisation('o-prop'),
  organisation('o-owners'),
  organisation('o-owners-q'),
  organisation('o-legal'),
]
const party: fc.Arbitrary<PartyJson> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...partyPool) },
  { weight: 1, arbitrary: fc.constantFrom(person('p-nobody'), organisation('o-nowhere')) },
)
/** Mostly two or three distinct parties; now and then one, or the same one twice. */
const parties: fc.Arbitrary<ReadonlyArray<PartyJson>> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.uniqueArray(party, {
      minLength: 2,
      maxLength: 3,
      selector: (p) => JSON.stringify(p),
    }),
  },
  { weight: 1, arbitrary: fc.array(party, { minLength: 1, maxLength: 3 }) },
)

/** Those who act for the parties of the pool (p-prop, p-owner and p-chair-q lead the bodies). */
const PARTY_ACTORS = ['p-d1', 'p-d2', 'p-q1', 'p-owner', 'p-prop', 'p-chair-q', 'p-gw-d'] as const
const GRID = ['p-gw-d', 'p-gw-q'] as const
const COMMUNITY = ['p-med-d', 'p-med-q'] as const
const STREET_LEVEL = ['p-med-s', 'p-legal'] as const
const STRANGERS = ['p-nobody', CLERK] as const
const anyone = fc.constantFrom(
  ...PARTY_ACTORS,
  ...GRID,
  ...COMMUNITY,
  ...STREET_LEVEL,
  ...STRANGERS,
)
const partyActor = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PARTY_ACTORS) },
  { weight: 1, arbitrary: anyone },
)
const mediatorActor = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...GRID, ...COMMUNITY, ...STREET_LEVEL) },
  { weight: 1, arbitrary: anyone },
)
const officeActor = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...GRID, ...COMMUNITY, 'p-med-s', CLERK) },
  { weight: 1, arbitrary: anyone },
)

const kind = fc.constantFrom(
  { kind: 'owner-vs-owner' },
  { kind: 'owner-vs-owners-committee' },
  { kind: 'owner-vs-property-company' },
  { kind: 'residents-of-two-communities' },
  { kind: 'organisations-of-two-communities' },
  { kind: 'other', description: 'Noise from a shop' },
)
const arose = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      { level: 'grid', id: 'g-d' },
      { level: 'grid', id: 'g-q' },
      { level: 'community', id: 'c-d' },
      { level: 'community', id: 'c-q' },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ level: 'grid', id: 'g-x' }) },
)
/** Time limits: none (as a party files), or the office's (sometimes only one level's). */
const limits = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ grid: null, community: null }) },
  {
    weight: 1,
    arbitrary: fc.record({
      grid: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null, freq: 4 }),
      community: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null, freq: 4 }),
    }),
  },
)
const partyIndex = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 3, max: 19 }) },
)
const caseId = fc.constantFrom('k-1', 'k-2', 'k-3')
const burstCase = fc.oneof(
  { weight: 1, arbitrary: caseId },
  { weight: 4, arbitrary: fc.constantFrom('k-4', 'k-5', 'k-6', 'k-7', 'k-8', 'k-9') },
)
/** Days before a command: mostly none, sometimes a few, now and then past a limit or the window. */
const days = fc.oneof(
  { weight: 8, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 40 }) },
)

/** A command as sent: who sends it, its type, the rest of its fields, and the days before it. */
interface Sent {
  readonly actor: string
  readonly type: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly days: number
}

const sent = (actor: string, type: string, payload: Record<string, unknown>, after = 0): Sent => ({
  actor,
  type,
  payload,
  days: after,
})

const command = <P extends Record<string, unknown>>(
  type: string,
  actor: fc.Arbitrary<string>,
  payload: fc.Arbitrary<P>,
): fc.Arbitrary<Sent> => fc.tuple(actor, payload, days).map(([a, p, d]) => sent(a, type, p, d))

const reason = fc.constantFrom('No progress', '调解不成', 'The other side left')
/** The committee whose seal a mediator's signature carries. */
const committee = fc.constantFrom('D community people’s mediation committee', 'D–Q joint office')

/** One command of any kind on case `id`. */
const disputeCommand = (id: fc.Arbitrary<string>): fc.Arbitrary<Sent> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: command(
        'fileCase',
        fc.oneof(partyActor, officeActor),
        fc.record({
          // Cases filed apart from the others, as well as theirs (which most often exist already).
          case: fc.oneof(id, fc.constantFrom('k-10', 'k-11', 'k-12')),
          kind,
          parties,
          arose,
          summary: fc.constant('A leak from upstairs'),
          limits,
        }),
      ),
    },
    {
      weight: 4,
      arbitrary: command('giveConsent', partyActor, fc.record({ case: id, party: partyIndex })),
    },
    {
      weight: 1,
      arbitrary: command(
        'refuseMediation',
        partyActor,
        fc.record({ case: id, party: partyIndex, reason }),
      ),
    },
    {
      weight: 3,
      arbitrary: command(
        'assignMediator',
        officeActor,
        fc.record({ case: id, mediator: mediatorActor }),
      ),
    },
    {
      weight: 3,
      arbitrary: command(
        'holdSession',
        mediatorActor,
        fc.record({
          case: id,
          attended: fc.subarray([...PARTY_ACTORS]),
          outcome: fc.constant('Both sides heard'),
        }),
      ),
    },
    {
      weight: 2,
      arbitrary: command(
        'draftAgreement',
        mediatorActor,
        fc.record({ case: id, terms: fc.constant(['Fix the pipe', 'Pay 300 yuan']) }),
      ),
    },
    {
      weight: 4,
      arbitrary: command('signAgreement', partyActor, fc.record({ case: id, party: partyIndex })),
    },
    {
      weight: 2,
      arbitrary: command(
        'countersignAgreement',
        mediatorActor,
        fc.record({ case: id, committee: committee }),
      ),
    },
    {
      weight: 1,
      arbitrary: command('recordFailure', mediatorActor, fc.record({ case: id, reason })),
    },
    {
      weight: 2,
      arbitrary: command(
        'requestJudicialConfirmation',
        partyActor,
        fc.record({ case: id, party: partyIndex }),
      ),
    },
    {
      weight: 1,
      arbitrary: command(
        'recordFulfilment',
        mediatorActor,
        fc.record({ case: id, note: fc.constant('Paid in full') }),
      ),
    },
    {
      weight: 1,
      arbitrary: command(
        'recordBreach',
        mediatorActor,
        fc.record({ case: id, note: fc.constant('Not paid') }),
      ),
    },
    {
      weight: 2,
      arbitrary: command(
        'requestEscalation',
        partyActor,
        fc.record({ case: id, party: partyIndex, reason }),
      ),
    },
    {
      weight: 3,
      arbitrary: command(
        'escalateCase',
        fc.oneof(mediatorActor, partyActor),
        fc.record({ case: id, reason }),
      ),
    },
    {
      weight: 2,
      arbitrary: command('acceptEscalation', officeActor, fc.record({ case: id })),
    },
    {
      weight: 1,
      arbitrary: command(
        'referOut',
        fc.oneof(partyActor, mediatorActor, officeActor),
        fc.record({
          case: id,
          to: fc.constantFrom('District court', 'Labour arbitration'),
          reason,
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: command(
        'withdrawCase',
        partyActor,
        fc.record({ case: id, party: partyIndex, reason }),
      ),
    },
  )

// ---------------------------------------------------------------------------------------------
// Bursts: one case driven far

type Level = (typeof ladder)[number]

/** A case that can be filed: its kind, parties and where it arose, and who acts for each party. */
interface Template {
  readonly kind: Record<string, string>
  readonly parties: ReadonlyArray<PartyJson>
  readonly arose: { readonly level: Level; readonly id: string }
  readonly actors: ReadonlyArray<string>
  readonly between: boolean
}

const templates: ReadonlyArray<Template> = [
  {
    kind: { kind: 'owner-vs-owner' },
    parties: [person('p-d1'), person('p-d2')],
    arose: { level: 'grid', id: 'g-d' },
    actors: ['p-d1', 'p-d2'],
    between: false,
  },
  {
    kind: { kind: 'owner-vs-owners-committee' },
    parties: [person('p-d1'), organisation('o-owners')],
    arose: { level: 'grid', id: 'g-d' },
    actors: ['p-d1', 'p-owner'],
    between: false,
  },
  {
    kind: { kind: 'owner-vs-property-company' },
    parties: [organisation('o-prop'), person('p-d2')],
    arose: { level: 'community', id: 'c-d' },
    actors: ['p-prop', 'p-d2'],
    between: false,
  },
  {
    kind: { kind: 'residents-of-two-communities' },
    parties: [person('p-d1'), person('p-q1')],
    arose: { level: 'grid', id: 'g-q' },
    actors: ['p-d1', 'p-q1'],
    between: true,
  },
  {
    kind: { kind: 'residents-of-two-communities' },
    parties: [person('p-q1'), person('p-d2'), person('p-d1')],
    arose: { level: 'community', id: 'c-q' },
    actors: ['p-q1', 'p-d2', 'p-d1'],
    between: true,
  },
  {
    kind: { kind: 'organisations-of-two-communities' },
    parties: [organisation('o-prop'), organisation('o-owners-q')],
    arose: { level: 'community', id: 'c-d' },
    actors: ['p-prop', 'p-chair-q'],
    between: true,
  },
  {
    kind: { kind: 'other', description: 'Parking in the lane' },
    parties: [person('p-owner'), organisation('o-prop'), person('p-q1')],
    arose: { level: 'grid', id: 'g-d' },
    actors: ['p-owner', 'p-prop', 'p-q1'],
    between: false,
  },
]

/** The mediators of a template's case at `level`. */
const mediatorsAt = (t: Template, level: Level): ReadonlyArray<string> => {
  if (level === 'street') return STREET_LEVEL
  if (level === 'grid') return t.arose.id === 'g-d' ? ['p-gw-d'] : ['p-gw-q']
  if (t.between) return COMMUNITY
  return t.arose.id === 'g-d' || t.arose.id === 'c-d' ? ['p-med-d'] : ['p-med-q']
}

/** The office at `level`: the first mediator there, or at the street its mediator or clerk. */
const officeAt = (t: Template, level: Level, clerk: boolean): string =>
  level === 'street' ? (clerk ? CLERK : 'p-med-s') : (mediatorsAt(t, level)[0] ?? CLERK)

/** The office where a case arose (for a case between two communities, that community's alone). */
const filingOffice = (t: Template): string =>
  t.arose.level === 'grid'
    ? (mediatorsAt(t, 'grid')[0] ?? CLERK)
    : t.arose.id === 'c-d'
      ? 'p-med-d'
      : 'p-med-q'

/** How a case goes up one rung. */
type Climb = 'request' | 'party' | 'timeout' | 'early' | 'fail-first'
/** How the last level ends. */
type Ending = 'agree' | 'fail' | 'withdraw' | 'refer' | 'refuse' | 'stay'
type After = 'fulfil' | 'breach' | 'breach-refer' | 'confirm' | 'late-confirm' | 'none'

interface BurstPlan {
  readonly id: string
  readonly template: Template
  readonly byOffice: boolean
  readonly clerk: boolean
  /** Whether a session is held as soon as the first mediator of a level is assigned. */
  readonly hasty: boolean
  /** Whether the office assigns a level's first mediator twice over. */
  readonly again: boolean
  /** Whether a party refuses mediation after the first session (too late: it has consented). */
  readonly lateRefusal: boolean
  readonly limits: { readonly grid: number | null; readonly community: number | null }
  readonly consentOrder: ReadonlyArray<number>
  readonly climbs: ReadonlyArray<Climb>
  readonly streetMediators: ReadonlyArray<string>
  /** Whether a party asks to climb past the street. */
  readonly overreach: boolean
  readonly ending: Ending
  readonly signOrder: ReadonlyArray<number>
  readonly signDays: ReadonlyArray<number>
  /** Whether the first signer signs again before the last has signed. */
  readonly twice: boolean
  /** Signatures by anyone, for any party, among the parties' own. */
  readonly straySigners: ReadonlyArray<readonly [number, string, number]>
  /** Where among the parties' signatures the mediator signs and seals (0: before them all). */
  readonly sealAt: number
  /** Whether the mediator signs and seals a second time, right after the first. */
  readonly sealTwice: boolean
  readonly after: After
  readonly confirmDays: number
  /** The order the parties apply for judicial confirmation, and the days before each. */
  readonly applyOrder: ReadonlyArray<number>
  readonly applyDays: ReadonlyArray<number>
  /** Whether the first applicant applies again before the others, and once all have. */
  readonly reapply: boolean
  readonly noise: ReadonlyArray<readonly [number, Sent]>
}

const indices = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i)

const burstPlan: fc.Arbitrary<BurstPlan> = fc
  .tuple(burstCase, fc.constantFrom(...templates))
  .chain(([id, template]) => {
    const n = template.parties.length
    const room = ladder.length - 1 - ladder.indexOf(template.arose.level)
    return fc.record({
      id: fc.constant(id),
      template: fc.constant(template),
      byOffice: fc.constantFrom(true, true, false),
      clerk: fc.boolean(),
      hasty: fc.boolean(),
      again: fc.boolean(),
      lateRefusal: fc.boolean(),
      limits: fc.record({
        grid: fc.option(fc.integer({ min: 2, max: 10 }), { nil: null, freq: 4 }),
        community: fc.option(fc.integer({ min: 2, max: 15 }), { nil: null, freq: 4 }),
      }),
      consentOrder: fc.shuffledSubarray([...indices(n)], { minLength: n, maxLength: n }),
      climbs: fc.array(
        fc.constantFrom<Climb>('request', 'party', 'timeout', 'timeout', 'early', 'fail-first'),
        { minLength: 0, maxLength: room },
      ),
      streetMediators: fc.shuffledSubarray([...STREET_LEVEL], { minLength: 1 }),
      overreach: fc.boolean(),
      ending: fc.oneof(
        { weight: 6, arbitrary: fc.constant<Ending>('agree') },
        { weight: 3, arbitrary: fc.constantFrom<Ending>('fail', 'withdraw', 'refer', 'refuse') },
        { weight: 1, arbitrary: fc.constant<Ending>('stay') },
      ),
      signOrder: fc.shuffledSubarray([...indices(n)], { minLength: n, maxLength: n }),
      signDays: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
      twice: fc.boolean(),
      straySigners: fc.array(fc.tuple(fc.nat(n), anyone, fc.integer({ min: 0, max: n - 1 })), {
        maxLength: 2,
      }),
      // Judicial confirmation takes every party's application: drawn more often, so that joint
      // requests are reached as well as lone applications.
      after: fc.constantFrom<After>(
        'fulfil',
        'breach',
        'breach-refer',
        'confirm',
        'confirm',
        'late-confirm',
        'none',
      ),
      confirmDays: fc.integer({ min: 0, max: 29 }),
      sealAt: fc.integer({ min: 0, max: n }),
      sealTwice: fc.boolean(),
      applyOrder: fc.shuffledSubarray([...indices(n)], { minLength: n, maxLength: n }),
      applyDays: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
      reapply: fc.boolean(),
      noise: fc.array(fc.tuple(fc.nat(40), disputeCommand(fc.constant(id))), { maxLength: 3 }),
    })
  })

/** The commands of a burst: filing, consents, a climb up the ladder, and an ending. */
const burstSteps = (b: BurstPlan): ReadonlyArray<Sent> => {
  const { id, template: t } = b
  const on = { case: id }
  const steps: Sent[] = []
  const add = (actor: string, type: string, payload: Record<string, unknown> = {}, d = 0) =>
    steps.push(sent(actor, type, { ...on, ...payload }, d))
  const actor = (i: number): string => t.actors[i] ?? 'p-nobody'
  const filing = {
    kind: t.kind,
    parties: t.parties,
    arose: t.arose,
    summary: 'A dispute driven far',
    limits: b.limits,
  }
  // The office sets time limits; a party filing its own case sets none (when it tries, it is
  // refused, and files again without).
  if (!b.byOffice) add(actor(0), 'fileCase', filing)
  add(b.byOffice ? filingOffice(t) : actor(0), 'fileCase', {
    ...filing,
    limits: b.byOffice ? b.limits : { grid: null, community: null },
  })
  if (b.ending === 'refuse') {
    const [first = 0, ...rest] = b.consentOrder
    add(actor(first), 'giveConsent', { party: first })
    const refuser = rest[0] ?? first
    add(actor(refuser), 'refuseMediation', { party: refuser, reason: 'Will go to court' })
    return steps
  }
  for (const i of b.consentOrder) add(actor(i), 'giveConsent', { party: i })
  let level: Level = t.arose.level
  const mediatorsOf = (l: Level) => (l === 'street' ? b.streetMediators : mediatorsAt(t, l))
  const enter = (l: Level): string => {
    const ms = mediatorsOf(l)
    const lead = ms[0] ?? 'p-nobody'
    for (const m of ms) {
      add(officeAt(t, l, b.clerk), 'assignMediator', { mediator: m })
      // With one mediator of two communities, the joint office may not sit yet.
      if (b.hasty && m === lead && ms.length > 1)
        add(lead, 'holdSession', { attended: [...t.actors], outcome: 'One side heard' })
    }
    if (b.again) add(officeAt(t, l, b.clerk), 'assignMediator', { mediator: lead })
    add(lead, 'holdSession', { attended: [...t.actors], outcome: 'Both sides heard' }, 1)
    return lead
  }
  let lead = enter(level)
  if (b.lateRefusal) add(actor(1), 'refuseMediation', { party: 1, reason: 'Changed my mind' })
  for (const climb of b.climbs) {
    const limit = level === 'street' ? null : b.limits[level]
    const escalation = { reason: 'Beyond this level' }
    switch (climb) {
      case 'request':
        add(actor(1), 'requestEscalation', { party: 1, reason: 'Please take it up' })
        add(lead, 'escalateCase', escalation)
        break
      case 'party':
        add(actor(0), 'escalateCase', escalation)
        break
      case 'timeout':
        add(lead, 'escalateCase', escalation, (limit ?? 5) + 1)
        break
      case 'early':
        add(lead, 'escalateCase', escalation)
        add(actor(0), 'escalateCase', escalation)
        break
      case 'fail-first':
        add(lead, 'recordFailure', { reason: 'No agreement here' })
        add(actor(0), 'requestEscalation', { party: 0, reason: 'Please take it up' })
        add(lead, 'escalateCase', escalation)
        break
    }
    level = ladder[ladder.indexOf(level) + 1] ?? level
    add(officeAt(t, level, b.clerk), 'acceptEscalation')
    lead = enter(level)
  }
  if (b.overreach && level === 'street') {
    add(actor(0), 'requestEscalation', { party: 0, reason: 'Higher still' })
    add(actor(1), 'escalateCase', { reason: 'Higher still' })
  }
  switch (b.ending) {
    case 'agree': {
      add(lead, 'draftAgreement', { terms: ['Fix the pipe', 'Pay 300 yuan'] })
      const signing = b.signOrder.map((i, k) =>
        sent(actor(i), 'signAgreement', { ...on, party: i }, b.signDays[k] ?? 0),
      )
      const [firstSigner] = b.signOrder
      if (b.twice && firstSigner !== undefined)
        signing.splice(
          1,
          0,
          sent(actor(firstSigner), 'signAgreement', { ...on, party: firstSigner }),
        )
      for (const [at, who, i] of b.straySigners)
        signing.splice(at, 0, sent(who, 'signAgreement', { ...on, party: i }))
      // The mediator signs and seals among the parties' signatures, before, between or after.
      const seal = sent(lead, 'countersignAgreement', { ...on, committee: 'The joint office' })
      signing.splice(
        Math.min(b.sealAt, signing.length),
        0,
        ...(b.sealTwice ? [seal, seal] : [seal]),
      )
      steps.push(...signing)
      const party = b.signOrder[0] ?? 0
      if (b.after === 'fulfil') add(lead, 'recordFulfilment', { note: 'Paid in full' }, 10)
      if (b.after === 'breach' || b.after === 'breach-refer')
        add(lead, 'recordBreach', { note: 'Not paid' }, 10)
      if (b.after === 'breach-refer')
        add(actor(party), 'referOut', { to: 'District court', reason: 'Breached' })
      // Every party applies for judicial confirmation, within the window (in at most 27 days);
      // or the first does and the others come too late, and the request never stands.
      const apply = (i: number, d: number) =>
        add(actor(i), 'requestJudicialConfirmation', { party: i }, d)
      const [firstApplicant = 0, ...others] = b.applyOrder
      if (b.after === 'confirm' || b.after === 'late-confirm') {
        apply(firstApplicant, b.applyDays[0] ?? 0)
        if (b.reapply) apply(firstApplicant, 0)
      }
      if (b.after === 'confirm') {
        others.forEach((i, k) => {
          apply(i, b.applyDays[k + 1] ?? 0)
        })
        if (b.reapply) apply(others[0] ?? firstApplicant, 0)
      }
      if (b.after === 'late-confirm')
        others.forEach((i) => {
          apply(i, 31 + b.confirmDays)
        })
      break
    }
    case 'fail':
      add(lead, 'recordFailure', { reason: 'No agreement' })
      add(actor(1), 'referOut', { to: 'District court', reason: 'Mediation failed' })
      break
    case 'withdraw':
      add(actor(1), 'withdrawCase', { party: 1, reason: 'Settled privately' })
      break
    case 'refer':
      add(lead, 'referOut', { to: 'Labour arbitration', reason: 'A labour matter' })
      break
    default:
      break
  }
  // Stray commands on the same case, anywhere in the burst.
  for (const [at, s] of b.noise) steps.splice(at % (steps.length + 1), 0, s)
  return steps
}

const burst: fc.Arbitrary<ReadonlyArray<Sent>> = burstPlan.map(burstSteps)

/**
 * Cases that go wrong at the door: residents of one community filed as of two, a grid worker
 * who is a party to the case he mediates, one who leads the other side, a legal-aid office whose
 * mediator is asked to mediate its own case; each filed at the grid, consented to and given a
 * mediator.
 */
const oddCase: fc.Arbitrary<ReadonlyArray<Sent>> = fc
  .tuple(
    burstCase,
    fc.constantFrom(
      {
        kind: { kind: 'residents-of-two-communities' },
        parties: [person('p-d1'), person('p-d2')],
        mediator: 'p-gw-d',
      },
      {
        kind: { kind: 'owner-vs-owner' },
        parties: [person('p-d1'), person('p-gw-d')],
        mediator: 'p-gw-d',
      },
      {
        kind: { kind: 'owner-vs-owners-committee' },
        parties: [person('p-owner'), organisation('o-owners')],
        mediator: 'p-gw-d',
      },
      {
        kind: { kind: 'other', description: 'Fees' },
        parties: [person('p-d1'), organisation('o-legal')],
        mediator: 'p-legal',
      },
    ),
  )
  .map(([id, c]) => {
    const office = 'p-gw-d'
    const on = { case: id }
    return [
      sent(office, 'fileCase', {
        ...on,
        kind: c.kind,
        parties: c.parties,
        arose: { level: 'grid', id: 'g-d' },
        summary: 'A dispute at the door',
        limits: { grid: null, community: null },
      }),
      ...c.parties.map((p, i) =>
        sent(p.kind === 'person' ? p.person : 'p-nobody', 'giveConsent', { ...on, party: i }),
      ),
      sent(office, 'assignMediator', { ...on, mediator: c.mediator }),
    ]
  })

/** Single commands of every kind on three cases, and bursts that drive one case far. */
const scenario: fc.Arbitrary<ReadonlyArray<Sent>> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: disputeCommand(caseId).map((c) => [c]) },
      { weight: 3, arbitrary: burst },
      { weight: 1, arbitrary: oddCase },
    ),
    { minLength: 3, maxLength: 14, size: 'max' },
  )
  .map((parts) => parts.flat())

// ---------------------------------------------------------------------------------------------
// Running a scenario

const START = Date.parse('2024-03-04T09:00:00+08:00')
const DAY = 86_400_000
const BEIJING = 8 * 3_600_000

/**
 * The end of the 30-day window for judicial confirmation of an agreement in effect at `effective`
 * (ms), as the law counts days: the day of effect (in Beijing) is not counted, and the 30th day
 * ends at 24:00 — 00:00 in Beijing of the 31st day after the day of effect.
 */
const windowEnd = (effective: number): number =>
  (Math.floor((effective + BEIJING) / DAY) + 31) * DAY - BEIJING

type Result = Awaited<ReturnType<StreetEngine['engine']['handle']>>

/** What one command did. */
interface Outcome {
  readonly sent: Sent
  readonly result: Result
  readonly storedBefore: number
  readonly storedAfter: number
  /** The command's case before and after it. */
  readonly before: CaseState
  readonly state: CaseState
}

/** One case at the end of a scenario: the engine's state and its stored events, in order. */
interface Ran {
  readonly id: string
  readonly state: CaseState
  readonly events: ReadonlyArray<DisputeEvent>
}

const isDisputeEvent = (e: { readonly type: string }): e is DisputeEvent =>
  (dispute.eventTypes as ReadonlyArray<string>).includes(e.type)

const caseIdOf = (s: Sent): string => String(s.payload['case'])

/**
 * The D–Q area, with an owners' committee on the Q side too (o-owners-q, chaired by p-chair-q),
 * so that two communities' organisations can be at odds.
 */
const seed = async (): Promise<StreetEngine> => {
  const r = await seedArea()
  await r.must(CLERK, 'registerPerson', {
    person: 'p-chair-q',
    name: 'Q owners committee chair',
    household: { status: 'registered' },
    home: place('grid', 'g-q'),
  })
  await r.must(CLERK, 'registerOrganisation', {
    organisation: {
      kind: 'owners-committee',
      id: 'o-owners-q',
      name: 'Q owners committee',
      seat: place('community', 'c-q'),
      partyLed: false,
    },
  })
  await r.must(CLERK, 'appointRole', {
    assignment: 'as-chair-q',
    person: 'p-chair-q',
    role: 'director',
    scope: { level: 'organisation', id: 'o-owners-q' },
  })
  return r
}

/**
 * Seeds the D–Q area, then sends every command as JSON through the engine, a minute apart plus
 * the days each asks for; `each` sees every outcome.
 */
const run = async (
  steps: ReadonlyArray<Sent>,
  each: (o: Outcome) => void = () => undefined,
): Promise<{
  readonly r: StreetEngine
  readonly cases: ReadonlyArray<Ran>
  readonly registry: RegistryState
}> => {
  const r = await seed()
  let clock = START
  for (const [i, s] of steps.entries()) {
    clock += s.days * DAY + 60_000
    const json: unknown = JSON.parse(
      JSON.stringify({
        type: s.type,
        commandId: `prop-${i}`,
        at: new Date(clock).toISOString(),
        actor: s.actor,
        street: STREET,
        ...s.payload,
      }),
    )
    const id = caseIdOf(s)
    const before = await r.caseOf(id)
    const storedBefore = r.store.readAll().length
    const result = await r.engine.handle(json)
    each({
      sent: s,
      result,
      storedBefore,
      storedAfter: r.store.readAll().length,
      before,
      state: await r.caseOf(id),
    })
  }
  const cases: Ran[] = []
  for (const id of [...new Set(steps.map(caseIdOf))].sort()) {
    const stored = await r.store.readStream(caseStream(CaseId.make(id)))
    cases.push({
      id,
      state: await r.caseOf(id),
      events: stored.map((x) => x.event).filter(isDisputeEvent),
    })
  }
  const registry = (await r.engine.load(registryStream(StreetId.make(STREET)))).state
  return { r, cases, registry }
}

// ---------------------------------------------------------------------------------------------
// Reading cases again, from the registry and the table

/** The roles that lead an organisation, written out again. */
const LEADING = ['secretary', 'deputy-secretary', 'director', 'first-secretary', 'group-leader']

/** Whether `actor` acts for `p` per the registry: in person, or holding a leading post over it. */
const actsFor = (registry: RegistryState, actor: string, p: Party): boolean =>
  p.kind === 'person'
    ? p.person === actor
    : valuesOf(registry.assignments).some(
        (a) =>
          a.person === actor &&
          a.until === null &&
          LEADING.includes(a.role) &&
          a.scope.level === 'organisation' &&
          a.scope.id === p.organisation,
      )

/** The case-table trigger behind each event that records a step. */
const trigger: Readonly<Partial<Record<DisputeEvent['type'], TriggerOf<typeof caseMachine>>>> = {
  consentGiven: 'giveConsent',
  mediationRefused: 'refuseMediation',
  sessionHeld: 'holdSession',
  agreementDrafted: 'draftAgreement',
  agreementSigned: 'signAgreement',
  agreementCountersigned: 'countersignAgreement',
  mediationFailed: 'recordFailure',
  judicialConfirmationApplied: 'requestJudicialConfirmation',
  judicialConfirmationRequested: 'requestJudicialConfirmation',
  agreementFulfilled: 'recordFulfilment',
  agreementBreached: 'recordBreach',
  caseEscalated: 'escalateCase',
  escalationAccepted: 'acceptEscalation',
  caseReferredOut: 'referOut',
  caseWithdrawn: 'withdrawCase',
}

/** The states the case table's edges on `on` lead to from `from`. */
const targets = (from: string, on: string): ReadonlyArray<string> =>
  caseMachine.transitions
    .filter((tr) => tr.on === on && ([] as ReadonlyArray<string>).concat(tr.from).includes(from))
    .map((tr) => tr.to)

/** The states at or after acceptance: every party has consented to reach them. */
const consented: ReadonlyArray<string> = [
  'accepted',
  'in-mediation',
  'drafting',
  'agreed',
  'fulfilled',
  'breached',
  'failed',
  'escalated',
]
const signed: ReadonlyArray<string> = ['agreed', 'fulfilled', 'breached']

/** Every index of `c`'s parties is in `xs`. */
const covers = (c: Case, xs: ReadonlyArray<number>): boolean =>
  c.parties.every((_, i) => xs.includes(i))

/**
 * What is wrong with one state, collected so that each state costs one assertion (and a failure
 * lists everything wrong at once).
 */
const problems = () => {
  const found: string[] = []
  return {
    found,
    check: (ok: boolean, what: () => string): void => {
      if (!ok) found.push(what())
    },
  }
}

const filed = (cases: ReadonlyArray<Ran>): ReadonlyArray<Case> =>
  cases.flatMap((x) => (x.state.case === null ? [] : [x.state.case]))

const numRuns = 30
/** More runs for the properties that also check the generator reaches every state. */
const coverageRuns = 50

describe('dispute: random case command sequences through the engine', { timeout: 60_000 }, () => {
  it('a case climbs the ladder one rung at a time, never down, and ends where it climbed to', async () => {
    let escalations = 0
    let toStreet = 0
    let pastLimit = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { cases, registry } = await run(steps)
        const { found, check } = problems()
        for (const { id, state, events } of cases) {
          const [first, ...rest] = events
          if (first === undefined) {
            check(state.case === null, () => `${id} has a case and no events`)
            continue
          }
          check(first.type === 'caseFiled', () => `${id} begins with ${first.type}`)
          if (first.type !== 'caseFiled') continue
          const start = ladder.indexOf(first.level)
          let at = start
          let climbed = 0
          let requested = false
          for (const e of rest) {
            check(e.type !== 'caseFiled', () => `${id} filed twice`)
            if (e.type === 'escalationRequested') requested = true
            if (e.type !== 'caseEscalated') continue
            // A mediator who was not asked climbs only past the level's time limit.
            if (!requested && !first.parties.some((p) => actsFor(registry, e.actor, p)))
              pastLimit += 1
            requested = false
            check(
              e.from === ladder[at] && e.to === ladder[at + 1],
              () => `${id}: escalated ${e.from} → ${e.to} at the ${ladder[at] ?? '?'} level`,
            )
            at = Math.max(at, ladder.indexOf(e.to))
            climbed += 1
          }
          escalations += climbed
          if (state.case?.level === 'street' && start < 2) toStreet += 1
          check(
            state.case?.level === ladder[start + climbed],
            () => `${id} is at ${state.case?.level ?? '?'} after ${climbed} climbs from ${start}`,
          )
        }
        expect(found).toEqual([])
      }),
      { numRuns },
    )
    expect(escalations).toBeGreaterThan(15)
    expect(toStreet).toBeGreaterThan(8)
    expect(pastLimit).toBeGreaterThan(2)
  })

  it('an agreement is signed only by those who act for its parties, once each', async () => {
    let signatures = 0
    let byLeader = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { cases, registry } = await run(steps)
        const { found, check } = problems()
        for (const { id, state, events } of cases) {
          let filedParties: ReadonlyArray<Party> = []
          let signers = new Set<number>()
          for (const e of events) {
            if (e.type === 'caseFiled') filedParties = e.parties
            if (e.type === 'agreementDrafted') signers = new Set()
            if (e.type !== 'agreementSigned') continue
            signatures += 1
            const p = filedParties[e.party]
            if (p?.kind === 'organisation') byLeader += 1
            check(
              p !== undefined && actsFor(registry, e.actor, p),
              () => `${id}: ${e.actor} signed for party ${e.party} (${JSON.stringify(p)})`,
            )
            check(!signers.has(e.party), () => `${id}: party ${e.party} signed twice`)
            signers.add(e.party)
          }
          const agreement = state.case?.agreement ?? null
          if (state.case === null || agreement === null) continue
          const c = state.case
          const indices = agreement.signatures.map((s) => s.party)
          check(new Set(indices).size === indices.length, () => `${id}: ${indices.join(', ')}`)
          for (const s of agreement.signatures) {
            const p = c.parties[s.party]
            check(
              p !== undefined && actsFor(registry, s.by, p),
              () => `${id}: ${s.by} signed for party ${s.party}`,
            )
          }
        }
        expect(found).toEqual([])
      }),
      { numRuns },
    )
    expect(signatures).toBeGreaterThan(40)
    expect(byLeader).toBeGreaterThan(10)
  })

  it('judicial confirmation is applied for jointly: each party once, by one who acts for it, and requested only when every party has applied', async () => {
    let applications = 0
    let requested = 0
    let awaiting = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { cases, registry } = await run(steps)
        const { found, check } = problems()
        for (const { id, state, events } of cases) {
          let filedParties: ReadonlyArray<Party> = []
          let applied = new Set<number>()
          for (const e of events) {
            if (e.type === 'caseFiled') filedParties = e.parties
            if (e.type === 'agreementDrafted') applied = new Set()
            if (e.type === 'judicialConfirmationApplied') {
              applications += 1
              const p = filedParties[e.party]
              check(
                p !== undefined && actsFor(registry, e.actor, p),
                () => `${id}: ${e.actor} applied for party ${e.party} (${JSON.stringify(p)})`,
              )
              check(!applied.has(e.party), () => `${id}: party ${e.party} applied twice`)
              applied.add(e.party)
            }
            if (e.type === 'judicialConfirmationRequested') {
              requested += 1
              check(
                applied.size === filedParties.length,
                () =>
                  `${id}: requested with ${applied.size} of ${filedParties.length} applications`,
              )
            }
          }
          const c = state.case
          const agreement = c?.agreement ?? null
          if (c === null || agreement === null) continue
          const all = c.parties.every((_, i) => agreement.applications.some((a) => a.party === i))
          if (agreement.applications.length > 0 && !all) awaiting += 1
          check(
            (agreement.confirmationRequestedAt !== null) === all,
            () =>
              `${id}: requested at ${String(agreement.confirmationRequestedAt)} with ${agreement.applications.length} of ${c.parties.length} applications`,
          )
        }
        expect(found).toEqual([])
      }),
      { numRuns: coverageRuns },
    )
    expect(applications).toBeGreaterThan(20)
    expect(requested).toBeGreaterThan(6)
    expect(awaiting).toBeGreaterThan(0)
  })

  it('every case status is reachable in caseMachine, and its steps follow table edges', async () => {
    const reachable = caseMachine.reachable()
    const reached = new Set<string>()
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { cases } = await run(steps)
        const { found, check } = problems()
        for (const { id, state, events } of cases) {
          const c = state.case
          if (c === null) continue
          check(reachable.has(c.status), () => `${id} is ${c.status}`)
          const [first, ...rest] = c.steps
          check(
            first?.on === 'caseFiled' && first.to === caseMachine.initial,
            () => `${id} begins with ${JSON.stringify(first)}`,
          )
          let previous: string = caseMachine.initial
          let last = 0
          for (const step of rest) {
            const on = trigger[step.on as DisputeEvent['type']] ?? ''
            check(
              targets(previous, on).includes(step.to),
              () => `${id}: no edge ${previous} --${step.on} (${on || '?'})--> ${step.to}`,
            )
            check(Date.parse(step.at) >= last, () => `${id}: the step at ${step.at} is early`)
            last = Date.parse(step.at)
            previous = step.to
            reached.add(step.to)
          }
          check(previous === c.status, () => `${id} is ${c.status}, its steps end at ${previous}`)
          // The record runs forward over every event, a step or not, and the case keeps the last.
          let lastEvent = 0
          for (const e of events) {
            check(Date.parse(e.at) >= lastEvent, () => `${id}: the ${e.type} at ${e.at} is early`)
            lastEvent = Date.parse(e.at)
          }
          check(
            c.lastAt === events[events.length - 1]?.at,
            () =>
              `${id}: last event at ${c.lastAt}, stored ${events[events.length - 1]?.at ?? '?'}`,
          )
          // The guarded edges, judged from the events before each move.
          let consents = new Set<number>()
          let signatures = new Set<number>()
          let sealed = false
          let applications = new Set<number>()
          let effective: number | null = null
          const n = c.parties.length
          for (const e of events) {
            if (e.type === 'consentGiven') {
              consents = new Set([...consents, e.party])
              check(
                (e.status === 'accepted') === (consents.size === n),
                () => `${id}: ${e.status} with ${consents.size} of ${n} consents`,
              )
            }
            if (e.type === 'agreementDrafted') {
              signatures = new Set()
              sealed = false
              applications = new Set()
            }
            if (e.type === 'agreementSigned' || e.type === 'agreementCountersigned') {
              if (e.type === 'agreementSigned') signatures = new Set([...signatures, e.party])
              else sealed = true
              // In effect once every party has signed and the mediator has signed and sealed it.
              check(
                (e.status === 'agreed') === (signatures.size === n && sealed),
                () =>
                  `${id}: ${e.status} with ${signatures.size} of ${n} signatures, ${sealed ? '' : 'un'}sealed`,
              )
              if (e.status === 'agreed') effective = Date.parse(e.at)
            }
            if (e.type === 'judicialConfirmationApplied') applications.add(e.party)
            if (
              e.type === 'judicialConfirmationApplied' ||
              e.type === 'judicialConfirmationRequested'
            )
              check(
                effective !== null && Date.parse(e.at) < windowEnd(effective),
                () => `${id}: confirmation asked at ${e.at}, effective ${String(effective)}`,
              )
            // The request stands only on the application of the last party (art. 33).
            if (e.type === 'judicialConfirmationRequested')
              check(
                applications.size === n,
                () => `${id}: requested with ${applications.size} of ${n} applications`,
              )
          }
        }
        expect(found).toEqual([])
      }),
      { numRuns: coverageRuns },
    )
    // The bursts drive the table through every state but its initial one.
    for (const s of caseMachine.states)
      if (s !== caseMachine.initial) expect(reached, s).toContain(s)
  })

  it('an agreed case has every signature, and an accepted one every consent', async () => {
    let agreed = 0
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { found, check } = problems()
        await run(steps, ({ sent: s, state }) => {
          const c = state.case
          if (c === null) return
          const where = `${s.type} on ${c.id} (${c.status})`
          const wasAccepted = c.steps.some((x) => x.to === 'accepted')
          if (consented.includes(c.status) || wasAccepted) {
            accepted += 1
            check(covers(c, c.consents), () => `${where}: consents ${c.consents.join(', ')}`)
          }
          if (signed.includes(c.status) || c.steps.some((x) => x.to === 'agreed')) {
            agreed += 1
            const by = (c.agreement?.signatures ?? []).map((x) => x.party)
            check(covers(c, by), () => `${where}: signatures ${by.join(', ')}`)
            check(c.agreement?.mediatorSignature != null, () => `${where}: no mediator's seal`)
            check(c.agreement?.effectiveAt != null, () => `${where}: no effective date`)
          }
        })
        expect(found).toEqual([])
      }),
      { numRuns },
    )
    expect(agreed).toBeGreaterThan(60)
    expect(accepted).toBeGreaterThan(300)
  })

  it('the ladder report counts every case once, and its shares are a split of the closed cases', async () => {
    let closedSome = 0
    let closedAbove = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { cases } = await run(steps)
        const all = filed(cases)
        const report = ladderReport(all)
        const sum = (x: Readonly<Record<string, number>>) =>
          Object.values(x).reduce((a, b) => a + b, 0)
        // Open: at a level, or escalated and waiting for the next level's office.
        const open = sum(report.openPerLevel) + sum(report.awaitingAcceptance)
        const closed = sum(report.closedPerLevel)
        expect(open + closed, JSON.stringify(report)).toBe(all.length)
        expect(sum(report.awaitingAcceptance)).toBe(
          all.filter((c) => c.status === 'escalated').length,
        )
        expect(closed).toBe(all.filter((c) => c.closedAt !== null).length)
        const shares = ladder.map((l) => report.closedShare[l])
        for (const share of shares)
          if (share !== null) {
            expect(share).toBeGreaterThanOrEqual(0)
            expect(share).toBeLessThanOrEqual(1)
          }
        if (closed === 0) {
          expect(shares).toEqual([null, null, null])
          expect(report.meanDaysToClose).toBeNull()
        } else {
          closedSome += 1
          if (report.closedPerLevel.grid < closed) closedAbove += 1
          expect(shares.every((s) => s !== null)).toBe(true)
          expect(shares.reduce<number>((a, b) => a + (b ?? 0), 0)).toBeCloseTo(1, 9)
          expect(report.meanDaysToClose).toBeGreaterThanOrEqual(0)
        }
        expect(report.fulfilled).toBe(all.filter((c) => c.status === 'fulfilled').length)
      }),
      { numRuns },
    )
    expect(closedSome).toBeGreaterThan(numRuns / 2)
    expect(closedAbove).toBeGreaterThan(8)
  })

  it("replaying a case's stored events, or their JSON, gives the engine's case; a refusal stores nothing", async () => {
    let accepted = 0
    let refused = 0
    const rules = new Set<string>()
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { r, cases } = await run(
          steps,
          ({ sent: s, result, storedBefore, storedAfter, before, state }) => {
            if (E.isLeft(result)) {
              refused += 1
              const error = result.left
              if (error.code === 'RuleViolation') rules.add(error.rule)
              expect(storedAfter, `${s.type}: ${error.message}`).toBe(storedBefore)
              expect(state).toStrictEqual(before)
            } else {
              accepted += 1
              expect(result.right.duplicate).toBe(false)
              expect(storedAfter, s.type).toBe(storedBefore + result.right.events.length)
            }
          },
        )
        for (const { id, state, events } of cases) {
          for (const e of events) seen.add(e.type)
          expect(replay(dispute, events), id).toStrictEqual(state)
          const json = JSON.parse(JSON.stringify(events)) as ReadonlyArray<DisputeEvent>
          expect(replay(dispute, json), id).toStrictEqual(state)
          expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state)
          // Nothing of the case is stored outside its stream.
          const elsewhere = r.store
            .readAll()
            .filter((x) => x.stream !== caseStream(CaseId.make(id)))
            .filter((x) => 'case' in x.event && x.event.case === id)
          expect(elsewhere).toEqual([])
        }
      }),
      { numRuns: coverageRuns },
    )
    // The generator exercises real logs, not only refusals, and reaches every kind of event.
    expect(accepted).toBeGreaterThan(700)
    expect(refused).toBeGreaterThan(400)
    for (const type of dispute.eventTypes) expect(seen, type).toContain(type)
    for (const rule of [
      'two-parties',
      'two-communities',
      'already-consented',
      'already-signed',
      'mediator-level',
      'case-not-open',
      'escalation-needs-request',
      'top-of-ladder',
      'within-30-days',
      'already-applied',
      'already-requested',
      'already-countersigned',
      'already-assigned',
      'joint-mediators',
      'kind-parties',
      'limits-by-office',
      'mediator-is-party',
    ])
      expect(rules, rule).toContain(rule)
  })
})
