/**
 * Benchmarks of a street's integration at city scale, on one street and one stream
 * (`integration/<street>`): 10,000 residents (half migrant); a one-stop station with a catalogue
 * of 20 services and 10,000 requests served; a school with 50 courses, 2,000 enrolments and 500
 * classes of 20; 20 volunteer teams with 2,000 volunteers and 20,000 service records verified; a
 * points bank with 2,120 accounts, 20,000 issuances, 5,000 donations and 10,000 redemptions.
 * Then the replay of the integration stream and the read-side queries over its state.
 *
 * Whether a command's cost grows with the stream is read from the first and the last 1,000 of
 * fileRequest and issuePoints.
 *
 * Run: npm run bench   (medians of several runs; compare ratios within one run)
 */
import { performance } from 'node:perf_hooks'
import {
  combine,
  createEngine,
  createMemoryStore,
  deliberation,
  embedding,
  integration,
  replay,
} from 'governance-kit'
import { registryStream } from 'governance-kit/community'
import {
  accessGaps,
  balances,
  byResidency,
  fiveOnes,
  integrationStream,
  ledgerTotals,
  statement,
  trainingHours,
  trainingHoursBy,
  type IntegrationEvent,
} from 'governance-kit/integration'
import { AccountId, BankId, StationId, StreetId } from 'governance-kit/codec'
import { median } from './median.js'
import { timedSender } from './timed.js'

const RESIDENTS = 10_000
const SERVICES = 20
const REQUESTS = 10_000
const COURSES = 50
const TEACHERS = 10
const LEARNERS_PER_COURSE = 40
const CLASSES_PER_COURSE = 10
const ATTENDEES = 20
const TEAMS = 20
const VOLUNTEERS = 2_000
const RECORDS = 20_000
const FAMILIES = 100
const PROVIDERS = 20
const DONATIONS = 5_000
const REDEMPTIONS = 10_000
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

const street = combine('street', { embedding, deliberation, integration })
type Event = Parameters<typeof street.evolve>[1]

const STREET = 's-bench'
/** Every command's time: the integration stream accepts no command dated before its last event. */
const AT = '2024-06-01T09:00:00+08:00'
/** `hours` after {@link AT}: classes of a course are recorded as they end, one after another. */
const hoursAfterAt = (hours: number): string =>
  new Date(Date.parse(AT) + hours * 3_600_000).toISOString()

const streetRef = { level: 'street', id: STREET }
const home = { level: 'community', id: 'c-1' }
const org = (id: string) => ({ level: 'organisation', id })
const person = (id: string) => ({ kind: 'person', person: id })
const departments = [
  'police',
  'justice',
  'civil-affairs',
  'human-resources',
  'health',
  'culture',
  'tax',
  'housing',
  'other',
] as const
const modules = [
  'public-management',
  'backbone-capacity',
  'organisation-capacity',
  'early-childhood',
  'job-skills',
] as const

/** Resident `p`: odd ones are migrants. */
const isMigrant = (p: number): boolean => p % 2 === 1
/**
 * The catalogue: service 0 is for migrants only (a residence permit), service 1 for registered
 * residents only under a legal restriction, the other 18 are open to both.
 */
const eligibility = (s: number) => ({ registered: s !== 0, migrant: s !== 1 })

const buildStreet = async () => {
  const store = createMemoryStore<Event>()
  const engine = createEngine({ decider: street, store, clock: Date.now })
  const { send, setAt, medianOf, medianOfFirst } = timedSender(engine, { street: STREET, at: AT })

  // The registry: one community, its residents, the party organisations, the operator of the
  // points bank and a provider of living services, each with a director, and a party member who
  // has reported to the community to lead the teams.
  const clerk = 'p-clerk'
  const secretary = 'p-sec'
  const staff = 'p-staff'
  const leader = 'p-lead'
  const operator = 'p-op'
  await send(clerk, 'openRegistry', {
    name: 'Bench Street',
    registrar: clerk,
    registrarName: 'Clerk',
    assignment: 'as-0',
  })
  await send(clerk, 'registerCommunity', {
    community: 'c-1',
    name: 'Community 1',
    settlement: 'community',
  })
  for (let p = 0; p < RESIDENTS; p++)
    await send(clerk, 'registerPerson', {
      person: `p-${p}`,
      name: `Resident ${p}`,
      household: isMigrant(p)
        ? { status: 'migrant', origin: 'Honghu, Hubei' }
        : { status: 'registered' },
      home,
    })
  const teachers = Array.from({ length: TEACHERS }, (_, t) => `t-${t}`)
  for (const [id, household] of [
    [secretary, { status: 'registered' }],
    [staff, { status: 'registered' }],
    [leader, { status: 'migrant', origin: 'Honghu, Hubei' }],
    [operator, { status: 'registered' }],
    ['p-provider', { status: 'registered' }],
    ...teachers.map((t) => [t, { status: 'registered' }] as const),
  ] as const)
    await send(clerk, 'registerPerson', { person: id, name: `Person ${id}`, household, home })
  await send(clerk, 'registerOrganisation', {
    organisation: {
      kind: 'party-committee',
      id: 'o-street',
      name: 'Street committee',
      seat: streetRef,
      parent: null,
    },
  })
  await send(clerk, 'appointRole', {
    assignment: 'as-sec',
    person: secretary,
    role: 'secretary',
    scope: org('o-street'),
  })
  await send(secretary, 'registerOrganisation', {
    organisation: {
      kind: 'party-committee',
      id: 'o-c1',
      name: 'Community 1 committee',
      seat: home,
      parent: 'o-street',
    },
  })
  for (const [id, kind, extra, director, assignment] of [
    ['o-op', 'social-organisation', { origin: 'purchased' }, operator, 'as-op'],
    ['o-provider', 'other-social-force', { description: 'Canteen' }, 'p-provider', 'as-provider'],
  ] as const) {
    await send(clerk, 'registerOrganisation', {
      organisation: { kind, id, name: id, seat: home, ...extra },
    })
    await send(clerk, 'appointRole', {
      assignment,
      person: director,
      role: 'director',
      scope: org(id),
    })
  }
  await send(secretary, 'discoverMember', {
    person: leader,
    organisation: 'o-c1',
    found: 'pocket',
    homeOrganisation: 'Honghu County Committee',
  })
  await send(secretary, 'contactMember', { member: leader })
  await send(leader, 'reportToCommunity', {
    member: leader,
    community: 'c-1',
    organisation: 'o-c1',
  })

  // Service integration: the station, its catalogue, and 10,000 requests filed and served.
  await send(clerk, 'openStation', {
    station: 'st-1',
    name: 'Station',
    place: streetRef,
    departments,
    staff: [staff],
  })
  for (let s = 0; s < SERVICES; s++)
    await send(staff, 'catalogueService', {
      station: 'st-1',
      service: `sv-${s}`,
      name: `Service ${s}`,
      department: departments[s % departments.length],
      eligibility: eligibility(s),
      restriction: s === 1 ? { basis: 'Tied to local household registration by law' } : null,
    })
  for (let k = 0; k < REQUESTS; k++) {
    const p = k % RESIDENTS
    const s = k % SERVICES
    const open = isMigrant(p) ? eligibility(s).migrant : eligibility(s).registered
    await send(`p-${p}`, 'fileRequest', {
      station: 'st-1',
      request: `rq-${k}`,
      service: `sv-${open ? s : 2}`,
      resident: `p-${p}`,
    })
    await send(staff, 'serveRequest', { station: 'st-1', request: `rq-${k}`, note: 'Served' })
  }

  // Resource integration: the school, led by the street committee; 2,000 learners in 50
  // courses, 10 classes a course, each attended by one half of the course's learners.
  await send(clerk, 'openSchool', {
    school: 'sc-1',
    name: 'School',
    place: streetRef,
    ledBy: 'o-street',
  })
  for (const teacher of teachers)
    await send(secretary, 'engageTeacher', {
      school: 'sc-1',
      teacher,
      sector: 'college',
      affiliation: 'College',
      organisation: null,
    })
  const learner = (course: number, j: number) => `p-${course * LEARNERS_PER_COURSE + j}`
  for (let c = 0; c < COURSES; c++) {
    await send(secretary, 'offerCourse', {
      school: 'sc-1',
      course: `co-${c}`,
      module: modules[c % modules.length],
      title: `Course ${c}`,
      teachers: [teachers[c % TEACHERS]],
      hoursToComplete: 10,
    })
    for (let j = 0; j < LEARNERS_PER_COURSE; j++)
      await send(learner(c, j), 'enrolLearner', {
        school: 'sc-1',
        course: `co-${c}`,
        learner: learner(c, j),
      })
  }
  for (let i = 0; i < CLASSES_PER_COURSE; i++) {
    // A round of classes, one per course, two hours after the last (a class of 90 minutes starts
    // after the course's previous one has ended).
    setAt(hoursAfterAt(2 * (i + 1)))
    for (let c = 0; c < COURSES; c++) {
      const half = (i % 2) * ATTENDEES
      await send(teachers[c % TEACHERS] ?? '', 'holdClass', {
        school: 'sc-1',
        course: `co-${c}`,
        class: `cl-${c}-${i}`,
        minutes: 90,
        attended: Array.from({ length: ATTENDEES }, (_, j) => learner(c, half + j)),
      })
    }
  }
  // Service is recorded as done when the teams are formed (not before them, not after the command).
  const servedOn = hoursAfterAt(2 * CLASSES_PER_COURSE)

  // Value integration: 20 teams led by the member, 2,000 volunteers (residents 2,000 …
  // 3,999), 20,000 records of an hour's service, each verified by the leader.
  const volunteer = (v: number) => `p-${2000 + v}`
  for (let t = 0; t < TEAMS; t++)
    await send(clerk, 'formTeam', {
      team: `tm-${t}`,
      name: `Team ${t}`,
      kind: t % 4 === 0 ? 'patrol' : 'service',
      place: streetRef,
      leader,
    })
  for (let v = 0; v < VOLUNTEERS; v++)
    await send(volunteer(v), 'joinTeam', { team: `tm-${v % TEAMS}`, volunteer: volunteer(v) })
  for (let k = 0; k < RECORDS; k++) {
    const v = k % VOLUNTEERS
    await send(volunteer(v), 'recordService', {
      team: `tm-${v % TEAMS}`,
      record: `sr-${k}`,
      volunteer: volunteer(v),
      activity: 'Visiting elderly residents',
      minutes: 60,
      servedOn,
    })
    await send(leader, 'verifyService', { team: `tm-${v % TEAMS}`, record: `sr-${k}` })
  }

  // The points bank: ten points an hour; 2,000 volunteer, 100 family (residents 9,000 …) and 20
  // provider accounts (the provider organisation's, and 19 shopkeepers', residents 9,500 …).
  await send(clerk, 'openBank', {
    bank: 'bk-1',
    name: 'Points Bank',
    place: streetRef,
    operator: 'o-op',
    pointsPerHour: 10,
    issuanceAccount: 'ac-issuance',
  })
  for (let v = 0; v < VOLUNTEERS; v++)
    await send(operator, 'openAccount', {
      bank: 'bk-1',
      account: `ac-v-${v}`,
      kind: 'volunteer',
      holder: person(volunteer(v)),
      name: `Volunteer ${v}`,
    })
  const family = (f: number) => `p-${9000 + f}`
  for (let f = 0; f < FAMILIES; f++)
    await send(operator, 'openAccount', {
      bank: 'bk-1',
      account: `ac-f-${f}`,
      kind: 'family',
      holder: person(family(f)),
      name: `Family ${f}`,
    })
  for (let q = 0; q < PROVIDERS; q++)
    await send(operator, 'openAccount', {
      bank: 'bk-1',
      account: `ac-p-${q}`,
      kind: 'provider',
      holder:
        q === 0 ? { kind: 'organisation', organisation: 'o-provider' } : person(`p-${9500 + q}`),
      name: `Provider ${q}`,
    })
  // Each volunteer earns 10 points for each of their 10 records (100 points).
  for (let k = 0; k < RECORDS; k++) {
    const v = k % VOLUNTEERS
    await send(operator, 'issuePoints', {
      bank: 'bk-1',
      movement: `mv-i-${k}`,
      account: `ac-v-${v}`,
      team: `tm-${v % TEAMS}`,
      record: `sr-${k}`,
    })
  }
  // Each volunteer donates 5 points two or three times; each family receives 250.
  for (let d = 0; d < DONATIONS; d++) {
    const v = d % VOLUNTEERS
    await send(volunteer(v), 'donatePoints', {
      bank: 'bk-1',
      movement: `mv-d-${d}`,
      from: `ac-v-${v}`,
      to: `ac-f-${d % FAMILIES}`,
      points: 5,
      memo: 'For a family in need',
    })
  }
  // One redemption in five is a family's (20 of 10 points each); the others are volunteers'
  // (4 of 10 points each).
  let byVolunteers = 0
  let byFamilies = 0
  for (let r = 0; r < REDEMPTIONS; r++) {
    const fromFamily = r % 5 === 4
    const holder = fromFamily ? byFamilies++ % FAMILIES : byVolunteers++ % VOLUNTEERS
    await send(fromFamily ? family(holder) : volunteer(holder), 'redeemPoints', {
      bank: 'bk-1',
      movement: `mv-r-${r}`,
      from: fromFamily ? `ac-f-${holder}` : `ac-v-${holder}`,
      provider: `ac-p-${r % PROVIDERS}`,
      points: 10,
      service: 'Lunches at the canteen',
    })
  }

  const streetId = StreetId.make(STREET)
  const state = (await engine.load(integrationStream(streetId))).state
  const registry = (await engine.load(registryStream(streetId))).state.registry
  const types = new Set<string>(integration.eventTypes)
  const events = (await store.readStream(integrationStream(streetId)))
    .map((s) => s.event)
    .filter((e): e is IntegrationEvent => types.has(e.type))
  const k1000 = 1000
  return {
    state,
    registry,
    events,
    timings: {
      'fileRequest first': medianOfFirst('fileRequest', k1000),
      fileRequest: medianOf('fileRequest', k1000),
      serveRequest: medianOf('serveRequest', k1000),
      holdClass: medianOf('holdClass', 100),
      recordService: medianOf('recordService', k1000),
      verifyService: medianOf('verifyService', k1000),
      'issuePoints first': medianOfFirst('issuePoints', k1000),
      issuePoints: medianOf('issuePoints', k1000),
      redeemPoints: medianOf('redeemPoints', k1000),
      donatePoints: medianOf('donatePoints', k1000),
    },
  }
}

/** The time `run` takes, in ms. */
const time = (run: () => unknown): number => {
  const started = performance.now()
  run()
  return performance.now() - started
}

const main = async (): Promise<void> => {
  const series = new Map<string, number[]>()
  const push = (key: string, ms: number) => {
    series.set(key, [...(series.get(key) ?? []), ms])
  }
  const med = (key: string) => median(series.get(key) ?? [])
  let events = 0
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const built = await buildStreet()
    push('build', performance.now() - started)
    for (const [type, ms] of Object.entries(built.timings)) push(type, ms)
    events = built.events.length
    push(
      'replay',
      time(() => replay(integration, built.events)),
    )
    const { state, registry } = built
    const bank = BankId.make('bk-1')
    const queries: ReadonlyArray<readonly [string, () => unknown]> = [
      ['accessGaps', () => accessGaps(state, StationId.make('st-1'))],
      ['trainingHours', () => trainingHours(state)],
      ['trainingHoursBy', () => trainingHoursBy(state, byResidency(registry))],
      [
        'ledgerTotals',
        () => {
          if (!ledgerTotals(state, bank).balanced) throw new Error('the ledger does not balance')
        },
      ],
      ['balances', () => balances(state, bank)],
      ['statement', () => statement(state, AccountId.make('ac-v-0'))],
      ['fiveOnes', () => fiveOnes(state, registry, { level: 'street', id: StreetId.make(STREET) })],
    ]
    for (const [key, query] of queries) push(key, time(query))
  }
  const row = (label: string, value: string) => {
    console.log(`  ${`${label}:`.padEnd(50)} ${value}`)
  }
  const ms = (key: string, digits = 3) => `${med(key).toFixed(digits)} ms`
  /** The median of the last 1,000 against the first 1,000: how the cost grows with the stream. */
  const growth = (key: string) =>
    `${ms(key)}  (${(med(key) / med(`${key} first`)).toFixed(1)}x the first 1,000)`
  console.log(
    `integration: ${RESIDENTS} residents; a station of ${SERVICES} services, ${REQUESTS} requests served; a school of ${COURSES} courses, ${COURSES * LEARNERS_PER_COURSE} enrolments, ${COURSES * CLASSES_PER_COURSE} classes of ${ATTENDEES}; ${TEAMS} teams, ${VOLUNTEERS} volunteers, ${RECORDS} records verified; a bank of ${VOLUNTEERS + FAMILIES + PROVIDERS} accounts, ${RECORDS} issuances, ${REDEMPTIONS} redemptions, ${DONATIONS} donations (${events} integration events); medians of ${RUNS} runs`,
  )
  row('build through engine.handle', ms('build', 0))
  row(`fileRequest, first 1,000 of ${REQUESTS}`, ms('fileRequest first'))
  row(`fileRequest, last 1,000 of ${REQUESTS}`, growth('fileRequest'))
  row(`serveRequest, last 1,000 of ${REQUESTS}`, ms('serveRequest'))
  row(
    `holdClass (${ATTENDEES} attendees), last 100 of ${COURSES * CLASSES_PER_COURSE}`,
    ms('holdClass'),
  )
  row(`recordService, last 1,000 of ${RECORDS}`, ms('recordService'))
  row(`verifyService, last 1,000 of ${RECORDS}`, ms('verifyService'))
  row(`issuePoints, first 1,000 of ${RECORDS}`, ms('issuePoints first'))
  row(`issuePoints, last 1,000 of ${RECORDS}`, growth('issuePoints'))
  row(`redeemPoints, last 1,000 of ${REDEMPTIONS}`, ms('redeemPoints'))
  row(`donatePoints, last 1,000 of ${DONATIONS}`, ms('donatePoints'))
  row(
    'replay of the integration stream in one produce',
    `${ms('replay', 1)} (${((events / med('replay')) * 1000).toFixed(0)} events/s)`,
  )
  row('accessGaps of the station', ms('accessGaps', 2))
  row('trainingHours of every learner', ms('trainingHours', 2))
  row('trainingHoursBy(byResidency)', ms('trainingHoursBy', 2))
  row('ledgerTotals of the bank', ms('ledgerTotals', 2))
  row('balances of the bank', ms('balances', 2))
  row("statement of one volunteer's account", ms('statement', 2))
  row('fiveOnes of the street', ms('fiveOnes', 2))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
