/**
 * Benchmarks of a deliberation hall at the scale of a busy year: 2,000 residents, 50
 * representatives, 10,000 demands aggregated into 1,000 matters, one long meeting of 50
 * motions with 10 turns and 50 votes each; then the read-side queries over that state.
 *
 * Run: npm run bench   (medians of several runs; compare ratios within one run)
 */
import { performance } from 'node:perf_hooks'
import {
  combine,
  community,
  createEngine,
  createMemoryStore,
  deliberation,
  replay,
} from 'governance-kit'
import { registryStream } from 'governance-kit/community'
import { hallStream, matterTimeline, participation } from 'governance-kit/deliberation'
import { HallId, MatterId, StreetId } from 'governance-kit/codec'
import { median } from './median.js'
import { timedSender } from './timed.js'

const RESIDENTS = 2_000
const REPRESENTATIVES = 50
const DEMANDS = 10_000
const PER_MATTER = 10
const MOTIONS = 50
const TURNS = 10
const RUNS = 3

const street = combine('street', { community, deliberation })
type Event = Parameters<typeof street.evolve>[1]

const buildHall = async () => {
  const store = createMemoryStore<Event>()
  const engine = createEngine({ decider: street, store, clock: Date.now })
  const { send, medianOf } = timedSender(engine, {
    street: 's-bench',
    at: '2024-05-10T09:00:00+08:00',
    fieldsOf: (type) => (deliberation.commandTypes.includes(type as never) ? { hall: 'h-1' } : {}),
  })
  const clerk = 'p-clerk'
  await send(clerk, 'openRegistry', {
    name: 'Bench Street',
    registrar: clerk,
    registrarName: 'Clerk',
    assignment: 'as-0',
  })
  await send(clerk, 'registerCommunity', { community: 'c-1', name: 'C', settlement: 'community' })
  for (let p = 0; p < RESIDENTS; p++)
    await send(clerk, 'registerPerson', {
      person: `p-${p}`,
      name: `Resident ${p}`,
      household: p % 2 === 0 ? { status: 'registered' } : { status: 'migrant', origin: 'Hebei' },
      home: { level: 'community', id: 'c-1' },
    })
  const chair = 'p-0'
  await send(clerk, 'openHall', {
    name: 'Hall',
    place: { level: 'community', id: 'c-1' },
    charter: {
      quorum: { numerator: 1, denominator: 2 },
      threshold: 'simple-majority',
      minutesPerTurn: 3,
      turnsPerMotion: 2,
      balance: { tolerance: 1 },
      passMark: 4,
    },
    chair,
  })
  const reps: string[] = []
  for (let i = 1; i <= REPRESENTATIVES; i++) {
    reps.push(`p-${i}`)
    await send(chair, 'appointRepresentative', {
      person: `p-${i}`,
      kind: 'resident',
      organisation: null,
    })
  }
  for (let d = 0; d < DEMANDS; d++)
    await send(`p-${d % RESIDENTS}`, 'submitDemand', {
      demand: `d-${d}`,
      resident: `p-${d % RESIDENTS}`,
      channel: 'online',
      text: `Demand ${d}`,
    })
  for (let m = 0; m < DEMANDS / PER_MATTER; m++)
    await send(chair, 'aggregateDemands', {
      matter: `m-${m}`,
      title: `Matter ${m}`,
      demands: Array.from({ length: PER_MATTER }, (_, k) => `d-${m * PER_MATTER + k}`),
    })
  await send(chair, 'scheduleMeeting', {
    meeting: 'mt-1',
    scheduledFor: '2024-05-10T09:00:00+08:00',
  })
  for (let m = 0; m < MOTIONS; m++)
    await send(chair, 'putOnAgenda', { matter: `m-${m}`, meeting: 'mt-1' })
  await send(chair, 'openMeeting', { meeting: 'mt-1', present: reps })
  for (let m = 0; m < MOTIONS; m++) {
    const motion = `mo-${m}`
    await send(reps[m % REPRESENTATIVES] ?? chair, 'moveMotion', {
      meeting: 'mt-1',
      motion,
      matter: `m-${m}`,
      text: `Motion ${m}`,
    })
    await send(reps[(m + 1) % REPRESENTATIVES] ?? chair, 'secondMotion', { motion })
    for (let t = 0; t < TURNS; t++) {
      const speaker = reps[(m + t) % REPRESENTATIVES] ?? chair
      await send(speaker, 'requestFloor', { motion })
      await send(chair, 'grantFloor', { motion, speaker })
    }
    await send(chair, 'openVoting', { motion })
    for (const rep of reps) await send(rep, 'castVote', { motion, choice: 'yes' })
    await send(chair, 'closeVoting', { motion })
  }
  const { state } = await engine.load(hallStream(HallId.make('h-1')))
  const registry = (await engine.load(registryStream(StreetId.make('s-bench')))).state
  return {
    store,
    hall: state,
    registry,
    demand: medianOf('submitDemand', 1000),
    aggregate: medianOf('aggregateDemands', 100),
    grant: medianOf('grantFloor', 500),
    vote: medianOf('castVote', 1000),
  }
}

const main = async (): Promise<void> => {
  const demand: number[] = []
  const aggregate: number[] = []
  const grant: number[] = []
  const vote: number[] = []
  const replays: number[] = []
  const timelines: number[] = []
  const participations: number[] = []
  let events = 0
  for (let run = 0; run < RUNS; run++) {
    const built = await buildHall()
    demand.push(built.demand)
    aggregate.push(built.aggregate)
    grant.push(built.grant)
    vote.push(built.vote)
    const types = new Set<string>(deliberation.eventTypes)
    const log = built.store
      .readAll()
      .map((s) => s.event)
      .filter((e): e is Parameters<typeof deliberation.evolve>[1] => types.has(e.type))
    events = log.length
    const t0 = performance.now()
    replay(deliberation, log)
    replays.push(performance.now() - t0)
    const t1 = performance.now()
    matterTimeline(built.hall, MatterId.make('m-5'))
    timelines.push(performance.now() - t1)
    const t2 = performance.now()
    participation(built.hall, built.registry)
    participations.push(performance.now() - t2)
  }
  console.log(
    `deliberation: one hall, ${REPRESENTATIVES} representatives, ${DEMANDS} demands in ${DEMANDS / PER_MATTER} matters, ${MOTIONS} motions with ${TURNS} turns and ${REPRESENTATIVES} votes each (${events} hall events); medians of ${RUNS} runs`,
  )
  console.log(`  submitDemand, last 1,000 of ${DEMANDS}:     ${median(demand).toFixed(3)} ms`)
  console.log(`  aggregateDemands (10 demands), last 100:  ${median(aggregate).toFixed(3)} ms`)
  console.log(`  grantFloor, last 500:                     ${median(grant).toFixed(3)} ms`)
  console.log(`  castVote, last 1,000:                     ${median(vote).toFixed(3)} ms`)
  console.log(
    `  replay of the hall in one produce:         ${median(replays).toFixed(1)} ms (${((events / median(replays)) * 1000).toFixed(0)} events/s)`,
  )
  console.log(`  matterTimeline of one matter:             ${median(timelines).toFixed(2)} ms`)
  console.log(`  participation over the hall:              ${median(participations).toFixed(2)} ms`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
