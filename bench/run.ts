/**
 * Benchmarks of the kernel on the street registry, at the scale of a large street.
 *
 * Run: npm run bench   (quotes medians of several runs; these machines are shared and noisy,
 * so compare ratios measured in one run rather than absolute numbers across runs)
 */
import { produce } from 'immer'
import { performance } from 'node:perf_hooks'
import { community, createEngine, createMemoryStore, replay } from 'governance-kit'
import { registryStream, type CommunityEvent } from 'governance-kit/community'
import { StreetId } from 'governance-kit/codec'
import { emptyCollection, insert } from 'governance-kit/collection'
import { median } from './median.js'
import { timedSender } from './timed.js'

const COMMUNITIES = 15
const GRIDS_PER_COMMUNITY = 10
const PERSONS = 10_000
const RUNS = 5

/** Builds a street through the engine; returns the log and median latencies (ms). */
const buildStreet = async () => {
  const store = createMemoryStore<CommunityEvent>()
  const engine = createEngine({ decider: community, store, clock: Date.now })
  const street = 's-bench'
  const clerk = 'p-clerk'
  const { send: sendAs, medianOf } = timedSender(engine, {
    street,
    at: '2024-04-24T09:00:00+08:00',
  })
  const send = (type: string, payload: Record<string, unknown>): Promise<void> =>
    sendAs(clerk, type, payload)
  await send('openRegistry', {
    name: 'Bench Street',
    registrar: 'p-clerk',
    registrarName: 'Clerk',
    assignment: 'as-0',
  })
  for (let c = 0; c < COMMUNITIES; c++) {
    await send('registerCommunity', {
      community: `c-${c}`,
      name: `Community ${c}`,
      settlement: 'community',
    })
    for (let g = 0; g < GRIDS_PER_COMMUNITY; g++)
      await send('registerGrid', {
        grid: `g-${c}-${g}`,
        community: `c-${c}`,
        name: `Grid ${c}-${g}`,
      })
  }
  for (let p = 0; p < PERSONS; p++) {
    const c = p % COMMUNITIES
    const g = p % GRIDS_PER_COMMUNITY
    await send('registerPerson', {
      person: `p-${p}`,
      name: `Resident ${p}`,
      household:
        p % 3 === 0 ? { status: 'migrant', origin: 'Honghu, Hubei' } : { status: 'registered' },
      home: { level: 'grid', id: `g-${c}-${g}` },
    })
  }
  // Every resident also volunteers in their grid: 10,000 posts held, then 1,000 more measured.
  for (let p = 0; p < PERSONS; p++) {
    await send('appointRole', {
      assignment: `as-vol-${p}`,
      person: `p-${p}`,
      role: 'volunteer',
      scope: { level: 'grid', id: `g-${p % COMMUNITIES}-${p % GRIDS_PER_COMMUNITY}` },
    })
  }
  return {
    store,
    engine,
    person: medianOf('registerPerson', 1000),
    appoint: medianOf('appointRole', 1000),
    stream: registryStream(StreetId.make(street)),
  }
}

/**
 * Why entity maps are Collections: one immer update of a 10,000-entry plain record against the
 * same update of a 10,000-entry Collection (one bucket copied), median of 200 updates each.
 */
const recordVersusCollection = (): { readonly record: number; readonly collection: number } => {
  const value = { name: 'Resident', home: null }
  let record: Readonly<Record<string, typeof value>> = {}
  let collection = emptyCollection<string, typeof value>()
  record = produce(record, (draft) => {
    for (let i = 0; i < PERSONS; i++) draft[`p-${i}`] = { ...value }
  })
  collection = produce(collection, (draft) => {
    for (let i = 0; i < PERSONS; i++) insert(draft, `p-${i}`, { ...value })
  })
  const timeRecord: number[] = []
  const timeCollection: number[] = []
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now()
    produce(record, (draft) => {
      draft[`new-${i}`] = { ...value }
    })
    timeRecord.push(performance.now() - t0)
    const t1 = performance.now()
    produce(collection, (draft) => {
      insert(draft, `new-${i}`, { ...value })
    })
    timeCollection.push(performance.now() - t1)
  }
  return { record: median(timeRecord), collection: median(timeCollection) }
}

const main = async (): Promise<void> => {
  const build: number[] = []
  const lastThousand: number[] = []
  const lastAppoints: number[] = []
  const batchReplay: number[] = []
  const perEventReplay: number[] = []
  const coldChecked: number[] = []
  const coldTrusted: number[] = []
  let events: ReadonlyArray<CommunityEvent> = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const { store, person, appoint, stream } = await buildStreet()
    build.push(performance.now() - started)
    lastThousand.push(person)
    lastAppoints.push(appoint)
    events = store.readAll().map((s) => s.event)

    const t0 = performance.now()
    replay(community, events)
    batchReplay.push(performance.now() - t0)

    // One produce per event: the cost the batch fold avoids (on the first 2,000 events only,
    // because its cost grows with the size of the record each event copies).
    const slice = events.slice(0, 2000)
    const t1 = performance.now()
    slice.reduce(community.evolve, community.initialState)
    perEventReplay.push(performance.now() - t1)

    // A cold load through a new engine: every stored event checked against the event codec (the
    // default), against a store declared trusted (versions checked only, as before the check).
    for (const [trustStore, times] of [
      [false, coldChecked],
      [true, coldTrusted],
    ] as const) {
      const cold = createEngine({ decider: community, store, clock: 'none', trustStore })
      const t2 = performance.now()
      await cold.load(stream)
      times.push(performance.now() - t2)
    }
  }
  const batchPer2000 = (median(batchReplay) / events.length) * 2000
  const maps = recordVersusCollection()
  console.log(
    `street registry: ${COMMUNITIES} communities, ${COMMUNITIES * GRIDS_PER_COMMUNITY} grids, ${PERSONS} persons with a post each (${events.length} events); medians of ${RUNS} runs`,
  )
  console.log(
    `  build through engine.handle:        ${median(build).toFixed(0)} ms  (${((events.length / median(build)) * 1000).toFixed(0)} commands/s)`,
  )
  console.log(
    `  registerPerson latency, last 1,000 (10,000 residents): ${median(lastThousand).toFixed(3)} ms`,
  )
  console.log(
    `  appointRole latency, last 1,000 (10,000 posts held):  ${median(lastAppoints).toFixed(3)} ms`,
  )
  console.log(
    `  replay, one produce for the log:    ${median(batchReplay).toFixed(1)} ms  (${((events.length / median(batchReplay)) * 1000).toFixed(0)} events/s)`,
  )
  const rate = (ms: number): string => ((events.length / ms) * 1000).toFixed(0)
  console.log(
    `  cold load, events checked by the codec (default): ${median(coldChecked).toFixed(1)} ms (${rate(median(coldChecked))} events/s)`,
  )
  console.log(
    `  cold load, trustStore: true:                      ${median(coldTrusted).toFixed(1)} ms (${rate(median(coldTrusted))} events/s); the check costs ${(median(coldChecked) / median(coldTrusted)).toFixed(2)}x`,
  )
  console.log(
    `  replay, one produce per event (first 2,000): ${median(perEventReplay).toFixed(1)} ms vs batch ${batchPer2000.toFixed(1)} ms pro rata (${(median(perEventReplay) / batchPer2000).toFixed(0)}x)`,
  )
  console.log(
    `  one insert into ${PERSONS} entries: plain record ${maps.record.toFixed(3)} ms, Collection ${maps.collection.toFixed(3)} ms (${(maps.record / maps.collection).toFixed(0)}x)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
