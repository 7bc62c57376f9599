/**
 * J community's "365" hall (seed 002): garbage sorting carried through the four stages — demands
 * from three buildings, aggregation by a party-group leader, a meeting under rules of order with
 * an amendment and a vote, tasks for the property company and the volunteers, a red owners'
 * committee report, an evaluation that reopens the matter once, and then closes it. Then the party
 * secretary who chairs the hall moves away: her authority ends with her residency, and the
 * registrar hands the chair to the residents' committee director, who calls the next meeting.
 *
 * Run: npx tsx examples/j-community-365.ts
 */
import {
  combine,
  community,
  createEngine,
  createMemoryStore,
  deliberation,
  instant,
} from 'governance-kit'
import { registryStream } from 'governance-kit/community'
import {
  chairTerms,
  hallStream,
  matterTimeline,
  nextOccurrences,
  oneOneSix,
  overdueTasks,
  participation,
  sanWuWu,
  speakingTurns,
  voteTallies,
  waitingDemands,
} from 'governance-kit/deliberation'
import { HallId, MatterId, StreetId } from 'governance-kit/codec'
import { lookup } from 'governance-kit/collection'
import { scenario } from './scenario.js'
import { printRefusal } from './print.js'

// The registry and the hall run on one engine and one store: a hall reads its street's registry
// (who lives where, who is migrant, who holds which post) as context.
const street = combine('street', { community, deliberation })
const store = createMemoryStore<Parameters<typeof street.evolve>[1]>()
const engine = createEngine({ decider: street, store, clock: Date.now })

const { send, must, onDay } = scenario(engine.handle, {
  street: 'n-street',
  day: '2024-05-01',
  fieldsOf: (type) => (deliberation.commandTypes.includes(type as never) ? { hall: 'h-365' } : {}),
})

const clerk = 'p-clerk'
const chair = 'p-wu'
const place = (level: string, id: string) => ({ level, id })
const org = (id: string) => ({ level: 'organisation', id })

/** The places, people and organisations of J community (the registry). */
async function registerJCommunity(): Promise<void> {
  await must(clerk, 'openRegistry', {
    name: 'N Street',
    registrar: clerk,
    registrarName: 'Clerk Ma',
    assignment: 'as-clerk',
  })
  await must(clerk, 'registerCommunity', {
    community: 'c-j',
    name: 'J Community',
    settlement: 'community',
  })
  await must(clerk, 'registerGrid', { grid: 'g-j', community: 'c-j', name: 'J grid' })
  await must(clerk, 'registerCompound', { compound: 'k-j', grid: 'g-j', name: 'J compound' })
  for (const b of ['1', '2', '3'])
    await must(clerk, 'registerEntrance', {
      entrance: `e-${b}`,
      compound: 'k-j',
      name: `Building ${b}`,
    })
  const registered = { status: 'registered' }
  const migrant = { status: 'migrant', origin: 'Baoding, Hebei' }
  for (const [person, name, household, home] of [
    [chair, 'Wu Hong (party secretary)', registered, place('community', 'c-j')],
    ['p-sun', 'Sun Li (residents’ committee)', registered, place('community', 'c-j')],
    ['p-zhao', 'Zhao Gang (property manager)', registered, null],
    ['p-lin', 'Lin Yu (LD social worker)', registered, null],
    ['p-he', 'He Wei (police station)', registered, null],
    ['p-qian', 'Qian Min (red owners’ committee)', registered, place('entrance', 'e-2')],
    ['p-feng', 'Feng Jie (volunteer leader)', registered, place('entrance', 'e-3')],
    ['p-tao', 'Tao Ran (building 1 party group)', registered, place('entrance', 'e-1')],
    ['p-head-2', 'Guo Fang (building 2 head)', migrant, place('entrance', 'e-2')],
    ['p-yang', 'Yang Shu (resident, building 1)', registered, place('entrance', 'e-1')],
    ['p-liu', 'Liu Na (resident, building 2)', migrant, place('entrance', 'e-2')],
    ['p-xu', 'Xu Kai (resident, building 3)', registered, place('entrance', 'e-3')],
    ['p-ma', 'Ma Lan (resident, building 3)', migrant, place('entrance', 'e-3')],
  ] as const)
    await must(clerk, 'registerPerson', { person, name, household, home })
  const register = (organisation: Record<string, unknown>, actor = clerk) =>
    must(actor, 'registerOrganisation', { organisation })
  await register({
    kind: 'party-committee',
    id: 'o-party',
    name: 'J Community Party Committee',
    seat: place('street', 'n-street'),
    parent: null,
  })
  await must(clerk, 'appointRole', {
    assignment: 'as-wu',
    person: chair,
    role: 'secretary',
    scope: org('o-party'),
  })
  await register(
    {
      kind: 'party-branch',
      id: 'o-branch',
      name: 'J Community Branch',
      seat: place('community', 'c-j'),
      parent: 'o-party',
      branch: { kind: 'community' },
    },
    chair,
  )
  await register(
    {
      kind: 'party-group',
      id: 'o-group-1',
      name: 'Building 1 party group',
      seat: place('entrance', 'e-1'),
      parent: 'o-branch',
    },
    chair,
  )
  await must(chair, 'appointRole', {
    assignment: 'as-tao',
    person: 'p-tao',
    role: 'group-leader',
    scope: org('o-group-1'),
  })
  await register({
    kind: 'property-company',
    id: 'o-property',
    name: 'J Property Services',
    seat: place('community', 'c-j'),
  })
  await must(clerk, 'appointRole', {
    assignment: 'as-zhao',
    person: 'p-zhao',
    role: 'director',
    scope: org('o-property'),
  })
  await register({
    kind: 'social-organisation',
    id: 'o-ld',
    name: 'LD Social Work Office 立德社工',
    seat: place('community', 'c-j'),
    origin: 'purchased',
  })
  await register({
    kind: 'owners-committee',
    id: 'o-red',
    name: 'Red Owners’ Committee 红色业委会',
    seat: place('compound', 'k-j'),
    partyLed: true,
  })
  await must(clerk, 'appointRole', {
    assignment: 'as-head-2',
    person: 'p-head-2',
    role: 'building-head',
    scope: place('entrance', 'e-2'),
  })
}

async function main(): Promise<void> {
  console.log('J community 365 hall — garbage sorting through the four stages (协商议事)\n')
  await registerJCommunity()

  // The hall, its charter and its roster of the six participant kinds.
  await must(clerk, 'openHall', {
    name: 'J Community 365 Hall 365议事厅',
    place: place('community', 'c-j'),
    charter: {
      quorum: { numerator: 1, denominator: 2 },
      threshold: 'simple-majority',
      minutesPerTurn: 3,
      turnsPerMotion: 2,
      balance: null,
      passMark: 4,
    },
    chair,
  })
  for (const [person, kind, organisation] of [
    [chair, 'party-committee', 'o-party'],
    ['p-sun', 'residents-committee', null],
    ['p-yang', 'resident', null],
    ['p-liu', 'resident', null],
    ['p-lin', 'social-organisation', 'o-ld'],
    ['p-zhao', 'property-company', 'o-property'],
    ['p-he', 'other-social-force', null],
  ] as const)
    await must(chair, 'appointRepresentative', { person, kind, organisation })
  await must(chair, 'appointSupervisor', { person: 'p-qian', body: 'Red Owners’ Committee' })
  const schedule = sanWuWu()
  await must(chair, 'setSchedule', { schedule })
  console.log(`Schedule “${schedule.name}”, next slots after 1 May 2024:`)
  for (const o of nextOccurrences(schedule, instant('2024-05-01T00:00:00+08:00'), 4))
    console.log(`  ${o.at}  ${o.purpose}`)

  // Stage 1 — demand feedback: three buildings, three channels.
  await must('p-yang', 'submitDemand', {
    demand: 'd-1',
    resident: 'p-yang',
    channel: 'online',
    text: 'The bins of building 1 overflow every evening',
  })
  await must('p-head-2', 'submitDemand', {
    demand: 'd-2',
    resident: 'p-liu',
    channel: 'building-head',
    text: 'Kitchen waste smells in the stairwell of building 2',
  })
  await must('p-sun', 'submitDemand', {
    demand: 'd-3',
    resident: 'p-xu',
    channel: 'hotline',
    text: 'Nobody knows how to sort since the new regulation (12345 call)',
  })
  await must('p-ma', 'submitDemand', {
    demand: 'd-4',
    resident: 'p-ma',
    channel: 'online',
    text: 'Bicycles block the fire lane',
  })
  await must('p-tao', 'aggregateDemands', {
    matter: 'm-garbage',
    title: 'Garbage sorting 垃圾分类',
    demands: ['d-1', 'd-2', 'd-3'],
  })

  // Stage 2 — the meeting, under rules of order.
  onDay('2024-05-10')
  await must(chair, 'scheduleMeeting', {
    meeting: 'mt-may',
    scheduledFor: '2024-05-10T09:00:00+08:00',
  })
  await must(chair, 'putOnAgenda', { matter: 'm-garbage', meeting: 'mt-may' })
  printRefusal(
    'opening with two of seven representatives (no quorum)',
    await send(chair, 'openMeeting', { meeting: 'mt-may', present: [chair, 'p-sun'] }),
  )
  await must(chair, 'openMeeting', {
    meeting: 'mt-may',
    present: [chair, 'p-sun', 'p-yang', 'p-liu', 'p-lin', 'p-zhao'],
  })
  await must('p-yang', 'moveMotion', {
    meeting: 'mt-may',
    motion: 'mo-pact',
    matter: 'm-garbage',
    text: 'Residents sort kitchen waste at fixed times; bins are staffed',
    outcome: {
      kind: 'pact',
      duties: [
        { party: 'property-company', duty: 'set up sorting stations at each building' },
        { party: 'resident', duty: 'sort kitchen waste and bring it at the fixed times' },
        { party: 'social-organisation', duty: 'train volunteer guides' },
      ],
    },
  })
  await must('p-liu', 'secondMotion', { motion: 'mo-pact' })
  for (const speaker of ['p-zhao', 'p-lin', 'p-sun'])
    await must(speaker, 'requestFloor', { motion: 'mo-pact' })
  await must(chair, 'grantFloor', { motion: 'mo-pact', speaker: 'p-zhao' })
  await must('p-zhao', 'requestFloor', { motion: 'mo-pact' })
  printRefusal(
    'the property manager speaking again before the others have spoken once (一言堂)',
    await send(chair, 'grantFloor', { motion: 'mo-pact', speaker: 'p-zhao' }),
  )
  await must(chair, 'grantFloor', { motion: 'mo-pact', speaker: 'p-lin' })
  await must(chair, 'grantFloor', { motion: 'mo-pact', speaker: 'p-sun' })
  await must(chair, 'grantFloor', { motion: 'mo-pact', speaker: 'p-zhao' })
  // An amendment: the fixed times are written into the pact.
  await must('p-lin', 'moveMotion', {
    meeting: 'mt-may',
    motion: 'mo-times',
    matter: 'm-garbage',
    amends: 'mo-pact',
    text: 'Residents sort kitchen waste and bring it 7:00–9:00 and 18:00–20:00; bins are staffed by volunteers at those times',
  })
  await must('p-yang', 'secondMotion', { motion: 'mo-times' })
  printRefusal(
    'voting on the pact while its amendment is pending',
    await send(chair, 'openVoting', { motion: 'mo-pact' }),
  )
  await must(chair, 'openVoting', { motion: 'mo-times' })
  for (const [voter, choice] of [
    [chair, 'yes'],
    ['p-sun', 'yes'],
    ['p-yang', 'yes'],
    ['p-liu', 'yes'],
    ['p-lin', 'yes'],
    ['p-zhao', 'no'],
  ] as const)
    await must(voter, 'castVote', { motion: 'mo-times', choice })
  await must(chair, 'closeVoting', { motion: 'mo-times' })
  await must(chair, 'openVoting', { motion: 'mo-pact' })
  for (const [voter, choice] of [
    [chair, 'yes'],
    ['p-sun', 'yes'],
    ['p-yang', 'yes'],
    ['p-liu', 'yes'],
    ['p-lin', 'yes'],
    ['p-zhao', 'abstain'],
  ] as const)
    await must(voter, 'castVote', { motion: 'mo-pact', choice })
  printRefusal(
    'the police representative, absent at opening, voting',
    await send('p-he', 'castVote', { motion: 'mo-pact', choice: 'yes' }),
  )
  await must(chair, 'closeVoting', { motion: 'mo-pact' })
  await must(chair, 'adjournMeeting', { meeting: 'mt-may' })

  // Stage 3 — interest coordination: tasks, an objection, a coordination meeting.
  await must(chair, 'assignTask', {
    task: 't-stations',
    matter: 'm-garbage',
    owner: { kind: 'organisation', organisation: 'o-property' },
    description: 'Sorting stations at buildings 1–3',
    due: '2024-06-01T00:00:00+08:00',
  })
  await must(chair, 'assignTask', {
    task: 't-guides',
    matter: 'm-garbage',
    owner: { kind: 'person', person: 'p-feng' },
    description: 'Volunteer guides at the bins at the fixed times',
    due: '2024-06-01T00:00:00+08:00',
  })
  await must('p-feng', 'acceptTask', { task: 't-guides' })
  await must('p-zhao', 'objectToTask', {
    task: 't-stations',
    reason: 'Three stations cost more than the maintenance fund allows',
  })
  onDay('2024-05-20')
  await must(chair, 'holdCoordination', {
    matter: 'm-garbage',
    attendees: ['party-committee', 'residents-committee', 'resident', 'property-company'],
    settlements: [{ outcome: 'upheld', task: 't-stations' }],
  })
  await must('p-zhao', 'reportProgress', {
    task: 't-stations',
    percent: 60,
    note: 'Two stations built; the street subsidises the third',
  })
  onDay('2024-05-30')
  await must('p-zhao', 'finishTask', { task: 't-stations' })
  await must('p-feng', 'finishTask', { task: 't-guides' })

  // Stage 4 — supervision and evaluation; the first evaluation reopens the matter.
  await must(chair, 'beginSupervision', { matter: 'm-garbage' })
  await must('p-qian', 'fileSupervisionReport', {
    task: 't-stations',
    finding: 'Stations in place; building 3’s station is unstaffed in the evening',
  })
  await must(chair, 'openEvaluation', { matter: 'm-garbage' })
  for (const [resident, score] of [
    ['p-yang', 4],
    ['p-liu', 3],
    ['p-xu', 3],
  ] as const)
    await must(resident, 'evaluate', { matter: 'm-garbage', score })
  await must(chair, 'closeEvaluation', { matter: 'm-garbage' })
  onDay('2024-06-05')
  await must(chair, 'assignTask', {
    task: 't-evenings',
    matter: 'm-garbage',
    owner: { kind: 'person', person: 'p-feng' },
    description: 'Staff building 3’s station in the evening',
    due: '2024-06-20T00:00:00+08:00',
  })
  await must('p-feng', 'acceptTask', { task: 't-evenings' })
  onDay('2024-06-15')
  await must('p-feng', 'finishTask', { task: 't-evenings' })
  await must(chair, 'beginSupervision', { matter: 'm-garbage' })
  await must('p-qian', 'fileSupervisionReport', {
    task: 't-evenings',
    finding: 'Evening guides on duty at all three stations',
  })
  await must(chair, 'openEvaluation', { matter: 'm-garbage' })
  for (const [resident, score] of [
    ['p-yang', 5],
    ['p-liu', 4],
    ['p-xu', 4],
    ['p-ma', 5],
  ] as const)
    await must(resident, 'evaluate', { matter: 'm-garbage', score })
  await must(chair, 'closeEvaluation', { matter: 'm-garbage' })

  // Authority that outlives the person: the chair moves away, and the hall is handed on.
  onDay('2024-07-01')
  await must(clerk, 'recordDeparture', { person: chair, destination: 'Tongzhou, Beijing' })
  const nextMeeting = { meeting: 'mt-july', scheduledFor: '2024-07-12T09:00:00+08:00' }
  printRefusal(
    'the party secretary, who has left the street, calling the next meeting',
    await send(chair, 'scheduleMeeting', nextMeeting),
  )
  await must(clerk, 'handOverChair', {
    chair: 'p-sun',
    basis: 'Wu Hong left the street; the community party committee designated Sun Li 主持人移交',
  })
  await must('p-sun', 'scheduleMeeting', nextMeeting)

  const hall = (await engine.load(hallStream(HallId.make('h-365')))).state
  const registry = (await engine.load(registryStream(StreetId.make('n-street')))).state
  const name = (id: string | null): string =>
    id === null ? '' : (lookup(registry.persons, id as never)?.name ?? id)

  console.log('\nTimeline of “Garbage sorting” 议题时间线:')
  for (const entry of matterTimeline(hall, MatterId.make('m-garbage')))
    console.log(
      `  ${entry.at.slice(0, 16).replace('T', ' ')}  ${entry.actor === null ? '' : `${name(entry.actor)}: `}${entry.what}`,
    )
  console.log('\nVote tallies 表决:')
  for (const v of voteTallies(hall))
    console.log(
      `  ${v.motion} ${v.status}: ${v.tally.yes} yes, ${v.tally.no} no, ${v.tally.abstain} abstain (of ${v.eligible} eligible)`,
    )
  console.log('\nSpeaking turns 发言:')
  for (const t of speakingTurns(hall))
    console.log(`  ${name(t.person)}: ${t.turns} (${t.minutes} min)`)
  const p = participation(hall, registry)
  console.log('\nParticipation by household 参与 (attended / spoke / voted / demands):')
  for (const [household, c] of Object.entries(p.byHousehold))
    console.log(`  ${household}: ${c.attendances} / ${c.turns} / ${c.votes} / ${c.demands}`)
  const asOf = instant('2024-06-30T00:00:00+08:00')
  console.log(`\nOverdue tasks on ${asOf.slice(0, 10)}: ${overdueTasks(hall, asOf).length}`)
  console.log(
    `Demands waiting 14 days or more without a topic: ${waitingDemands(hall, asOf, 14)
      .map((d) => `${d.id} (${d.text})`)
      .join(', ')}`,
  )
  console.log('\nChairs of the hall 主持人:')
  for (const term of chairTerms(hall))
    console.log(
      `  ${name(term.chair)} from ${term.since.slice(0, 10)}${term.until === null ? '' : ` to ${term.until.slice(0, 10)}`}${term.basis === null ? '' : ` (handed over by ${name(term.handedOverBy)}: ${term.basis})`}`,
    )
  const method = oneOneSix(hall)
  console.log(
    `\n“116”: one hall ${method.hall ? '✓' : '✗'}, one rule set ${method.charter ? '✓' : '✗'}, six steps: ${method.steps.map((s) => `${s.step} ${s.reached ? '✓' : '✗'}`).join('; ')}`,
  )
}

/** The run, and what it stored: `test/fixtures/record-logs.ts` keeps the log as a fixture. */
export const finished = main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
export { store, street as mechanism }
