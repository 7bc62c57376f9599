/**
 * Benchmarks of the embedding mechanism at the scale of a large street: 10,000 residents,
 * 15 community branches, 2,000 members reporting to their communities, each with a duty leading
 * a household, and 10,000 recorded acts; then the read-side queries over that state.
 *
 * Run: npm run bench   (medians of several runs; compare ratios within one run)
 */
import { performance } from 'node:perf_hooks'
import { createEngine, createMemoryStore, embedding, replay } from 'governance-kit'
import { registryStream } from 'governance-kit/community'
import { coverage, depthOfEmbedding, type EmbeddingEvent } from 'governance-kit/embedding'
import { CommunityId, StreetId } from 'governance-kit/codec'
import { median } from './median.js'
import { timedSender } from './timed.js'

const COMMUNITIES = 15
const GRIDS = 10
const PERSONS = 10_000
const MEMBERS = 2_000
const ACTS = 10_000
const RUNS = 5

const buildStreet = async () => {
  const store = createMemoryStore<EmbeddingEvent>()
  const engine = createEngine({ decider: embedding, store, clock: Date.now })
  const street = 's-bench'
  const { send, medianOf } = timedSender(engine, { street, at: '2024-04-24T09:00:00+08:00' })
  const clerk = 'p-clerk'
  await send(clerk, 'openRegistry', {
    name: 'Bench Street',
    registrar: clerk,
    registrarName: 'Clerk',
    assignment: 'as-0',
  })
  for (let c = 0; c < COMMUNITIES; c++) {
    await send(clerk, 'registerCommunity', {
      community: `c-${c}`,
      name: `Community ${c}`,
      settlement: 'community',
    })
    for (let g = 0; g < GRIDS; g++)
      await send(clerk, 'registerGrid', {
        grid: `g-${c}-${g}`,
        community: `c-${c}`,
        name: `Grid ${c}-${g}`,
      })
  }
  for (let p = 0; p < PERSONS; p++)
    await send(clerk, 'registerPerson', {
      person: `p-${p}`,
      name: `Resident ${p}`,
      household: { status: 'migrant', origin: 'Honghu, Hubei' },
      home: { level: 'grid', id: `g-${p % COMMUNITIES}-${p % GRIDS}` },
    })
  await send(clerk, 'registerOrganisation', {
    organisation: {
      kind: 'party-committee',
      id: 'o-street',
      name: 'Street committee',
      seat: { level: 'street', id: street },
      parent: null,
    },
  })
  await send(clerk, 'appointRole', {
    assignment: 'as-street',
    person: 'p-0',
    role: 'secretary',
    scope: { level: 'organisation', id: 'o-street' },
  })
  for (let c = 0; c < COMMUNITIES; c++)
    await send('p-0', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: `o-${c}`,
        name: `Community ${c} branch`,
        seat: { level: 'community', id: `c-${c}` },
        parent: 'o-street',
        branch: { kind: 'community' },
      },
      among: `the residents of community ${c}`,
      secretary: { person: `p-${c + 1}`, assignment: `as-sec-${c}` },
    })
  // The secretary of the branch of resident p's community.
  const c0 = (p: number): number => (p % COMMUNITIES) + 1
  // Members: residents 100.. report to their community's branch; each leads the household of a
  // neighbour in the same community and grid (p + COMMUNITIES * GRIDS).
  const memberIds: number[] = []
  for (let i = 0; i < MEMBERS; i++) memberIds.push(100 + i)
  for (const p of memberIds) {
    await send(`p-${c0(p)}`, 'discoverMember', {
      person: `p-${p}`,
      organisation: `o-${p % COMMUNITIES}`,
      found: 'came-forward',
      homeOrganisation: null,
    })
    await send(`p-${c0(p)}`, 'contactMember', { member: `p-${p}` })
  }
  for (const p of memberIds)
    await send(`p-${p}`, 'reportToCommunity', {
      member: `p-${p}`,
      community: `c-${p % COMMUNITIES}`,
      organisation: `o-${p % COMMUNITIES}`,
    })
  for (const p of memberIds)
    await send(`p-0`, 'assignDuty', {
      duty: `d-${p}`,
      member: `p-${p}`,
      spec: { kind: 'households', households: [`p-${p + 3000}`] },
    })
  for (let i = 0; i < ACTS; i++) {
    const p = memberIds[i % MEMBERS] ?? 100
    await send('p-0', 'recordMemberAct', {
      member: `p-${p}`,
      act: i % 3 === 0 ? 'attended' : 'spoke',
      occasion: `meeting ${i}`,
    })
  }
  const { state } = await engine.load(registryStream(StreetId.make(street)))
  return {
    store,
    state,
    report: medianOf('reportToCommunity', 500),
    duty: medianOf('assignDuty', 500),
    act: medianOf('recordMemberAct', 1000),
    person: medianOf('registerPerson', 1000),
  }
}

const main = async (): Promise<void> => {
  const report: number[] = []
  const duty: number[] = []
  const act: number[] = []
  const person: number[] = []
  const replays: number[] = []
  const coverageTimes: number[] = []
  const depthTimes: number[] = []
  let events = 0
  for (let run = 0; run < RUNS; run++) {
    const built = await buildStreet()
    report.push(built.report)
    duty.push(built.duty)
    act.push(built.act)
    person.push(built.person)
    const log = built.store.readAll().map((s) => s.event)
    events = log.length
    const t0 = performance.now()
    replay(embedding, log)
    replays.push(performance.now() - t0)
    const t1 = performance.now()
    coverage(built.state)
    coverageTimes.push(performance.now() - t1)
    const t2 = performance.now()
    for (let c = 0; c < COMMUNITIES; c++)
      depthOfEmbedding(built.state, { community: CommunityId.make(`c-${c}`) })
    depthTimes.push((performance.now() - t2) / COMMUNITIES)
  }
  console.log(
    `embedding: ${PERSONS} residents, ${COMMUNITIES} branches, ${MEMBERS} members with a household each, ${ACTS} acts (${events} events); medians of ${RUNS} runs`,
  )
  console.log(`  registerPerson through embedding, last 1,000: ${median(person).toFixed(3)} ms`)
  console.log(`  reportToCommunity, last 500 of ${MEMBERS}:      ${median(report).toFixed(3)} ms`)
  console.log(`  assignDuty (households), last 500:        ${median(duty).toFixed(3)} ms`)
  console.log(`  recordMemberAct, last 1,000 of ${ACTS}:    ${median(act).toFixed(3)} ms`)
  console.log(
    `  replay of the log in one produce:        ${median(replays).toFixed(1)} ms (${((events / median(replays)) * 1000).toFixed(0)} events/s)`,
  )
  console.log(`  coverage of the street:                  ${median(coverageTimes).toFixed(2)} ms`)
  console.log(`  depthOfEmbedding of one community:       ${median(depthTimes).toFixed(2)} ms`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
