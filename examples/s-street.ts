/**
 * S Street (seed 000): a Guangzhou street of some 58,000 migrants, where more than ten thousand
 * printing workers from Honghu, Hubei (湖北洪湖) live.
 *
 * Embedding 嵌入机制 first: the street party working committee founds a floating branch among the
 * workers (S街荆楚印刷工流动党支部) under "dual management, territorial management"; the secretary
 * of a social organisation's branch also heads the floating branch (兼任), linking the two. The
 * branch finds hidden 隐形 and pocket 口袋 members among the workers, they report to the community
 * 报到 and take duties; a capable migrant printing-shop owner is absorbed 吸纳 into the party over
 * a year; the best are commended 表彰. Coverage and the depth of embedding are printed before and
 * after.
 *
 * Then integration 整合机制, S Street's "five ones" 五个一工程: a one-stop service station that
 * serves migrants as it serves registered residents (the access gaps are printed), a
 * co-governance council of migrants and locals in balance that deliberates a motion, an
 * integration school with a course and its training hours, a volunteer team led by a migrant
 * member, and the points bank through which verified service becomes points that are redeemed and
 * donated (the ledger totals are printed).
 *
 * Run: npx tsx examples/s-street.ts   (or: npm run demo)
 */
import {
  combine,
  createEngine,
  createMemoryStore,
  deliberation,
  embedding,
  integration,
  PersonId,
} from 'governance-kit'
import { partyTree, placeTree, registryStream } from 'governance-kit/community'
import {
  candidatesInDevelopment,
  commendationsOf,
  coverage,
  depthOfEmbedding,
  empowerment,
  narrateEmbeddingEvent,
  organisationLinks,
  responsibilityCards,
  type EmbeddingEvent,
  type EmbeddingState,
} from 'governance-kit/embedding'
import { hallStream, voteTallies } from 'governance-kit/deliberation'
import {
  accessGaps,
  arrangementsFor,
  balances,
  byResidency,
  councilComposition,
  fiveOnes,
  integrationStream,
  ledgerTotals,
  serviceHours,
  trainingHours,
  trainingHoursBy,
  type IntegrationState,
} from 'governance-kit/integration'
import {
  BankId,
  CommunityId,
  CouncilId,
  HallId,
  OrganisationId,
  StationId,
  StreetId,
} from 'governance-kit/codec'
import { lookup } from 'governance-kit/collection'
import {
  printCoverage,
  printDepth,
  printLog,
  printParty,
  printPlaces,
  printRefusal,
} from './print.js'
import { scenario } from './scenario.js'

// The embedding mechanism runs on the street registry's own stream and takes the registry's
// commands too, so one engine keeps places, people, the party tree and embedding together; the
// council's hall and the street's integration have streams of their own on the same store.
const streetMechanism = combine('street', { embedding, deliberation, integration })
type StreetEvent = Parameters<typeof streetMechanism.evolve>[1]
const store = createMemoryStore<StreetEvent>()
const engine = createEngine({ decider: streetMechanism, store, clock: Date.now })
const street = 's-street'
const councilHall = 'h-council'

const { send, must, onDay } = scenario(engine.handle, {
  street,
  day: '2024-04-24',
  fieldsOf: (type) =>
    deliberation.commandTypes.includes(type as never) ? { hall: councilHall } : {},
})

const clerk = 'p-clerk' // the street office's registrar
const streetRef = { level: 'street', id: street }
const east = { level: 'community', id: 'c-east' }
const west = { level: 'community', id: 'c-west' }
const org = (id: string) => ({ level: 'organisation', id })
const load = async (): Promise<EmbeddingState> =>
  (await engine.load(registryStream(StreetId.make(street)))).state
const loadIntegration = async (): Promise<IntegrationState> =>
  (await engine.load(integrationStream(StreetId.make(street)))).state
const isEmbeddingEvent = (e: StreetEvent): e is EmbeddingEvent =>
  (embedding.eventTypes as ReadonlyArray<string>).includes(e.type)

/** Coverage of the street and the depth of embedding in East community and the floating branch. */
const printEmbedding = (state: EmbeddingState): void => {
  printCoverage(state.registry, coverage(state))
  printDepth('East Community', depthOfEmbedding(state, { community: CommunityId.make('c-east') }))
  printDepth(
    'Jingchu floating branch',
    depthOfEmbedding(state, { organisation: OrganisationId.make('o-jingchu') }),
  )
}

/** Which of the "five ones" S Street has. */
const printFiveOnes = async (): Promise<void> => {
  const report = fiveOnes(await loadIntegration(), (await load()).registry, {
    level: 'street',
    id: StreetId.make(street),
  })
  for (const [item, ids] of Object.entries(report.found))
    console.log(`  ${ids.length > 0 ? '✓' : '·'} ${item.padEnd(15)} ${ids.join(', ')}`)
  console.log(
    report.complete ? '  all five ones in place' : `  missing: ${report.missing.join(', ')}`,
  )
}

async function main(): Promise<void> {
  console.log('S Street — places and actors (地方与主体), then embedding (嵌入机制)\n')

  // Places: one street, two communities, their grids and a compound of worker dormitories.
  await must(clerk, 'openRegistry', {
    name: 'S Street 街道',
    registrar: clerk,
    registrarName: 'Clerk Liang',
    assignment: 'as-clerk',
  })
  await must(clerk, 'registerCommunity', {
    community: 'c-east',
    name: 'East Community 东社区',
    settlement: 'community',
  })
  await must(clerk, 'registerCommunity', {
    community: 'c-west',
    name: 'West Community 西社区',
    settlement: 'community',
  })
  await must(clerk, 'registerGrid', { community: 'c-east', grid: 'g-east-1', name: 'East grid 1' })
  await must(clerk, 'registerGrid', { community: 'c-east', grid: 'g-east-2', name: 'East grid 2' })
  await must(clerk, 'registerGrid', { community: 'c-west', grid: 'g-west-1', name: 'West grid 1' })
  await must(clerk, 'registerCompound', {
    grid: 'g-east-2',
    compound: 'k-print',
    name: 'Printing-works dormitories',
  })
  await must(clerk, 'registerEntrance', {
    compound: 'k-print',
    entrance: 'e-print-1',
    name: 'Block 1, entrance A',
  })

  // Persons: a migrant printing worker who is a party member, the social worker who leads the
  // social organisation's branch, and a registered resident.
  await must(clerk, 'registerPerson', {
    person: 'p-wang',
    name: 'Wang Jun',
    household: { status: 'migrant', origin: 'Honghu, Hubei 湖北洪湖' },
    home: { level: 'entrance', id: 'e-print-1' },
    languages: ['Honghu dialect', 'Mandarin'],
  })
  await must(clerk, 'registerPerson', {
    person: 'p-chen',
    name: 'Chen Li',
    household: { status: 'registered' },
    home: west,
  })
  await must(clerk, 'registerPerson', {
    person: 'p-zhou',
    name: 'Zhou Min',
    household: { status: 'registered' },
    home: { level: 'grid', id: 'g-east-1' },
  })

  // The party-organisation tree: the street working committee, a community committee, and the
  // floating branch of printing workers answering both to its home county and to the street.
  await must(clerk, 'registerOrganisation', {
    organisation: {
      kind: 'party-committee',
      id: 'o-street-committee',
      name: 'S Street Party Working Committee 街道党工委',
      seat: streetRef,
      parent: null,
    },
  })
  await must(clerk, 'appointRole', {
    assignment: 'as-secretary-street',
    person: 'p-zhou',
    role: 'secretary',
    scope: org('o-street-committee'),
  })
  // From here the street secretary, not the clerk, founds organisations under the committee.
  const secretary = 'p-zhou'
  await must(secretary, 'registerOrganisation', {
    organisation: {
      kind: 'party-committee',
      id: 'o-east-committee',
      name: 'East Community Party Committee 社区党委',
      seat: east,
      parent: 'o-street-committee',
    },
  })
  await must(clerk, 'registerOrganisation', {
    organisation: {
      kind: 'social-organisation',
      id: 'o-fusion',
      name: 'Fusion Social Work Centre 融合社工服务中心',
      seat: west,
      origin: 'purchased',
    },
  })
  console.log('Before embedding (the street committee, East committee and Fusion Centre only):')
  printEmbedding(await load())
  console.log()

  // Organisation embedding 组织嵌入: the street secretary founds branches where people are. The
  // Fusion Centre gets a branch of its own, and Chen Li leads it and (兼任) the floating branch.
  await must(secretary, 'foundBranch', {
    organisation: {
      kind: 'party-branch',
      id: 'o-fusion-branch',
      name: 'Fusion Centre Party Branch',
      seat: west,
      parent: 'o-street-committee',
      branch: { kind: 'social-organisation', host: 'o-fusion' },
    },
    among: 'the social workers of the Fusion Centre',
    secretary: { person: 'p-chen', assignment: 'as-chen-fusion' },
  })
  await must(secretary, 'foundBranch', {
    organisation: {
      kind: 'party-branch',
      id: 'o-jingchu',
      name: 'S Street Jingchu Printing Workers Floating Branch 荆楚印刷工流动党支部',
      seat: { level: 'grid', id: 'g-east-2' },
      parent: 'o-street-committee',
      branch: {
        kind: 'floating',
        homeOrganisation: 'Honghu County Party Committee 洪湖市委',
        origin: 'Honghu, Hubei 湖北洪湖',
      },
    },
    among: 'more than 10,000 printing workers from Honghu, Hubei',
    secretary: { person: 'p-chen', assignment: 'as-chen-jingchu' },
  })
  await must('p-chen', 'foundBranch', {
    organisation: {
      kind: 'party-group',
      id: 'o-dorm-group',
      name: 'Dormitory party group',
      seat: { level: 'compound', id: 'k-print' },
      parent: 'o-jingchu',
    },
    among: 'the workers of the printing-works dormitories',
  })

  // The floating branch's own secretary (Chen Li) names the dormitory group's leader.
  await must('p-chen', 'appointRole', {
    assignment: 'as-wang-group',
    person: 'p-wang',
    role: 'group-leader',
    scope: org('o-dorm-group'),
  })
  await must(clerk, 'appointRole', {
    assignment: 'as-wang-head',
    person: 'p-wang',
    role: 'building-head',
    scope: { level: 'entrance', id: 'e-print-1' },
  })

  console.log('Bad commands are refused with readable errors, and change nothing:')
  const before = store.readAll().length
  printRefusal(
    'a registration sent as malformed JSON',
    await send(
      clerk,
      'registerPerson',
      // As it arrives over the wire: JSON.parse keeps "__proto__" as an ordinary key.
      JSON.parse(
        '{"person":"p-li","name":"","household":{"status":"tourist"},"home":{"level":"grid","id":"g-east-1"},"__proto__":{"isAdmin":true}}',
      ) as Record<string, unknown>,
    ),
  )
  printRefusal(
    'a printing worker founding a branch under the street committee',
    await send('p-wang', 'foundBranch', {
      organisation: {
        kind: 'party-branch',
        id: 'o-rogue',
        name: 'Rogue branch',
        seat: east,
        parent: 'o-street-committee',
        branch: { kind: 'grid' },
      },
      among: 'the workers of East',
    }),
  )
  printRefusal(
    'a second secretary for the floating branch',
    await send(secretary, 'appointRole', {
      assignment: 'as-wang-jingchu',
      person: 'p-wang',
      role: 'secretary',
      scope: org('o-jingchu'),
    }),
  )
  console.log(`  (events stored before: ${before}, after: ${store.readAll().length})\n`)

  const { state: loaded, version } = await engine.load(registryStream(StreetId.make(street)))
  const registered = loaded
  const registry = registered.registry
  console.log(`Places 地方 (registry version ${version}):`)
  printPlaces(placeTree(registry))
  console.log('\nParty organisations 党组织:')
  printParty(registry, partyTree(registry))
  console.log('\nLinks by concurrent posts 兼任:')
  for (const link of organisationLinks(registered)) {
    const [a, b] = link.between
    console.log(
      `  ${link.personName}: ${a.roles.join(', ')} of ${a.name}  ⇄  ${b.roles.join(', ')} of ${b.name}`,
    )
  }

  await memberEmbedding()

  const after = await load()
  console.log('\nAfter organisation and member embedding:')
  printEmbedding(after)
  console.log('\nResponsibility cards shown to residents 责任区公示:')
  for (const card of responsibilityCards(after))
    console.log(`  【${card.area}】 ${card.name} · ${card.place} · ☎ ${card.phone} · ${card.duty}`)
  const power = empowerment(after)
  console.log(
    `\nEmpowerment 组织赋能: ¥${power.funds.toLocaleString('en')} allotted; ${power.firstSecretaries.length} first secretary sent; ${power.membersReported} members reported to a community`,
  )
  console.log('\nCommendations 表彰 for 2024:')
  for (const k of commendationsOf(after, 2024))
    console.log(
      `  ${lookup(after.registry.persons, k.person)?.name ?? k.person} — ${k.title}: ${k.reason}`,
    )
  console.log(`  (candidates still in development: ${candidatesInDevelopment(after).length})`)

  console.log('\nEmbedding event log 事件日志:')
  printLog(
    store.readAll().flatMap((s) => (isEmbeddingEvent(s.event) ? [{ ...s, event: s.event }] : [])),
    (e) => narrateEmbeddingEvent(after, e),
  )

  console.log('\nIntegration 整合机制 — the "five ones" 五个一工程 before:')
  await printFiveOnes()
  await serviceIntegration()
  await managementIntegration()
  await resourceIntegration()
  await valueIntegration()
  console.log('\nThe "five ones" after:')
  await printFiveOnes()
}

/**
 * Member embedding 党员嵌入 among the printing workers: find, contact, report, give duties, act;
 * absorb an elite over a year; commend.
 */
async function memberEmbedding(): Promise<void> {
  const honghu = { status: 'migrant', origin: 'Honghu, Hubei 湖北洪湖' }
  const dorm = { level: 'entrance', id: 'e-print-1' }
  for (const [person, name] of [
    ['p-hu', 'Hu Qiang'],
    ['p-luo', 'Luo Fang'],
    ['p-xia', 'Xia Wen'],
    ['p-tang', 'Tang Hui'],
    ['p-fang', 'Fang Yu'],
  ] as const)
    await must(clerk, 'registerPerson', { person, name, household: honghu, home: dorm })

  // Resources for the branch: the street office allots funds, the district sends a first secretary.
  await must(clerk, 'allotFunds', {
    organisation: 'o-jingchu',
    amount: 50_000,
    purpose: 'a venue and activities for the floating branch',
  })
  await must(clerk, 'registerPerson', {
    person: 'p-deng',
    name: 'Deng Hao',
    household: { status: 'registered' },
    home: null,
  })
  await must('p-zhou', 'sendFirstSecretary', {
    organisation: 'o-jingchu',
    person: 'p-deng',
    assignment: 'as-deng-first',
    sentBy: 'District Organisation Department 区委组织部',
  })

  // Hidden and pocket members found among the workers, contacted, and reporting 报到.
  await must('p-chen', 'discoverMember', {
    person: 'p-hu',
    organisation: 'o-jingchu',
    found: 'hidden',
    homeOrganisation: 'Honghu Printing Association Branch',
  })
  await must('p-chen', 'discoverMember', {
    person: 'p-luo',
    organisation: 'o-jingchu',
    found: 'pocket',
    homeOrganisation: 'Xindi Town Party Committee, Honghu',
  })
  printRefusal(
    'a found member reporting before the branch has made contact',
    await send('p-luo', 'reportToCommunity', {
      member: 'p-luo',
      community: 'c-east',
      organisation: 'o-jingchu',
    }),
  )
  await must('p-chen', 'contactMember', { member: 'p-hu' })
  await must('p-chen', 'contactMember', { member: 'p-luo' })
  printRefusal(
    'the secretary reporting on a member’s behalf',
    await send('p-chen', 'reportToCommunity', {
      member: 'p-hu',
      community: 'c-east',
      organisation: 'o-jingchu',
    }),
  )
  for (const member of ['p-hu', 'p-luo'])
    await must(member, 'reportToCommunity', {
      member,
      community: 'c-east',
      organisation: 'o-jingchu',
    })
  // Wang Jun, a floating member with his certificate, came forward; he reports too.
  await must('p-chen', 'discoverMember', {
    person: 'p-wang',
    organisation: 'o-jingchu',
    found: 'came-forward',
    homeOrganisation: null,
  })
  await must('p-chen', 'contactMember', { member: 'p-wang' })
  await must('p-wang', 'reportToCommunity', {
    member: 'p-wang',
    community: 'c-east',
    organisation: 'o-jingchu',
    homeOrganisation: 'Honghu County Party Committee 洪湖市委',
  })

  // Duties: a public responsibility area, a pioneer post, and "one leads one household".
  await must('p-chen', 'assignDuty', {
    duty: 'd-hu-sanitation',
    member: 'p-hu',
    spec: {
      kind: 'responsibility-area',
      area: 'Dormitory sanitation 卫生环境',
      place: { level: 'compound', id: 'k-print' },
      phone: '020-8123 4567',
      duty: 'weekly clean-up and waste sorting in the dormitories',
    },
  })
  await must('p-chen', 'assignDuty', {
    duty: 'd-luo-desk',
    member: 'p-luo',
    spec: {
      kind: 'pioneer-post',
      post: 'Rental registration help desk',
      place: { level: 'grid', id: 'g-east-2' },
    },
  })
  await must('p-chen', 'assignDuty', {
    duty: 'd-wang-households',
    member: 'p-wang',
    spec: { kind: 'households', households: ['p-tang', 'p-fang'] },
  })
  await must('p-chen', 'recordMemberAct', {
    member: 'p-hu',
    act: 'served',
    occasion: 'led the first dormitory clean-up',
  })
  await must('p-chen', 'recordMemberAct', {
    member: 'p-wang',
    act: 'chaired',
    occasion: 'dormitory meeting on night-shift noise',
  })
  await must('p-chen', 'recordMemberAct', {
    member: 'p-luo',
    act: 'attended',
    occasion: 'street residents’ meeting',
  })

  // Absorbing an elite 吸纳: Xia Wen, a printing-shop owner respected by the workers.
  await must('p-chen', 'recogniseActivist', { person: 'p-xia', organisation: 'o-jingchu' })
  onDay('2024-05-20')
  await must('p-chen', 'acceptApplication', { person: 'p-xia' })
  onDay('2024-06-28')
  await must('p-chen', 'admitProbationary', { person: 'p-xia' })
  onDay('2024-12-20')
  await must('p-chen', 'commend', {
    person: 'p-xia',
    year: 2024,
    title: 'Outstanding activist 优秀积极分子',
    reason: 'organised the workers’ night school',
  })
  onDay('2025-01-10')
  await must('p-chen', 'commend', {
    person: 'p-hu',
    year: 2024,
    title: 'Outstanding party member 优秀共产党员',
    reason: 'kept the dormitories clean through the summer rains',
  })
  printRefusal(
    'confirming the probationary member before her year has passed',
    await send('p-chen', 'confirmFullMember', { person: 'p-xia' }),
  )
  onDay('2025-06-30')
  await must('p-chen', 'confirmFullMember', { person: 'p-xia' })
}

/**
 * Service integration 服务整合: a one-stop station where departments sit under one roof, a
 * catalogue open to migrants as to registered residents unless a legal restriction is recorded,
 * requests with their outcomes, and a cross-region arrangement with Honghu.
 */
async function serviceIntegration(): Promise<void> {
  onDay('2025-07-01')
  console.log('\nService integration 服务整合 — the one-stop station 融合社区服务站:')
  // Two registered residents of East, who will sit on the council too.
  for (const [person, name] of [
    ['p-liang', 'Liang Wei'],
    ['p-su', 'Su Mei'],
  ] as const)
    await must(clerk, 'registerPerson', {
      person,
      name,
      household: { status: 'registered' },
      home: { level: 'grid', id: 'g-east-1' },
    })
  await must(clerk, 'openStation', {
    station: 'st-fusion',
    name: 'S Street Integration Service Station 融合社区服务站',
    place: streetRef,
    departments: ['police', 'justice', 'civil-affairs', 'human-resources', 'health', 'culture'],
    // Luo Fang's pioneer post is the rental-registration desk: she staffs the station.
    staff: ['p-luo'],
  })
  await must(clerk, 'bringDepartment', { station: 'st-fusion', department: 'tax' })
  await must(clerk, 'bringDepartment', { station: 'st-fusion', department: 'housing' })
  const both = { registered: true, migrant: true }
  for (const [service, name, department, eligibility, restriction] of [
    [
      'sv-permit',
      'Residence permit 居住证办理',
      'police',
      { registered: false, migrant: true },
      null,
    ],
    ['sv-rental', 'Rental registration 房屋租赁备案', 'housing', both, null],
    ['sv-tax', 'Rental tax collection 出租屋税代征', 'tax', both, null],
    ['sv-legal', 'Legal aid 法律援助', 'justice', both, null],
    ['sv-jobs', 'Employment services 劳动就业', 'human-resources', both, null],
    [
      'sv-dibao',
      'Minimum living allowance 最低生活保障',
      'civil-affairs',
      { registered: true, migrant: false },
      {
        basis: 'Guangzhou’s minimum-living-allowance rules tie it to local household registration',
      },
    ],
  ] as const)
    await must('p-luo', 'catalogueService', {
      station: 'st-fusion',
      service,
      name,
      department,
      eligibility,
      restriction,
    })
  printRefusal(
    'public rental housing for registered residents only, with no legal restriction recorded',
    await send('p-luo', 'catalogueService', {
      station: 'st-fusion',
      service: 'sv-housing',
      name: 'Public rental housing 公租房',
      department: 'housing',
      eligibility: { registered: true, migrant: false },
      restriction: null,
    }),
  )
  for (const [request, service, resident] of [
    ['rq-1', 'sv-permit', 'p-wang'],
    ['rq-2', 'sv-legal', 'p-tang'],
    ['rq-3', 'sv-jobs', 'p-fang'],
    ['rq-4', 'sv-jobs', 'p-zhou'],
    ['rq-5', 'sv-rental', 'p-liang'],
  ] as const)
    await must(resident, 'fileRequest', { station: 'st-fusion', request, service, resident })
  printRefusal(
    'a migrant worker applying for the minimum living allowance',
    await send('p-tang', 'fileRequest', {
      station: 'st-fusion',
      request: 'rq-6',
      service: 'sv-dibao',
      resident: 'p-tang',
    }),
  )
  await must('p-luo', 'serveRequest', {
    station: 'st-fusion',
    request: 'rq-1',
    note: 'Residence permit issued',
  })
  await must('p-luo', 'serveRequest', {
    station: 'st-fusion',
    request: 'rq-2',
    note: 'Unpaid wages: a legal-aid lawyer takes the case',
  })
  await must('p-luo', 'referRequest', {
    station: 'st-fusion',
    request: 'rq-3',
    to: 'District Human Resources Bureau 区人社局',
    note: 'Needs a vocational certificate first',
  })
  await must('p-luo', 'serveRequest', {
    station: 'st-fusion',
    request: 'rq-4',
    note: 'Registered for the autumn job fair',
  })
  await must('p-luo', 'serveRequest', {
    station: 'st-fusion',
    request: 'rq-5',
    note: 'Tenancy recorded',
  })
  await must(clerk, 'recordArrangement', {
    arrangement: 'ar-honghu-insurance',
    home: 'Honghu, Hubei 湖北洪湖',
    benefit: 'medical-insurance',
    subject:
      'Honghu’s new rural cooperative medical insurance reimbursed directly at two Guangzhou hospitals (agreed in 2014)',
    partners: ['Guangzhou hospital A', 'Guangzhou hospital B'],
  })

  const state = await loadIntegration()
  const registry = (await load()).registry
  const gaps = accessGaps(state, StationId.make('st-fusion'))
  console.log('  Access gaps 机会与结果的差别 between registered and migrant residents:')
  for (const g of gaps.opportunity)
    console.log(
      `    opportunity: ${g.name} — registered ${g.eligibility.registered ? 'yes' : 'no'}, migrants ${g.eligibility.migrant ? 'yes' : 'no'}${g.basis === null ? '' : ` (legal restriction: ${g.basis})`}`,
    )
  for (const g of gaps.outcome)
    console.log(
      `    outcome: ${g.name} — served ${share(g.registered.servedShare)} of registered and ${share(g.migrant.servedShare)} of migrant requests`,
    )
  console.log('  Cross-region arrangements for Wang Jun (from Honghu):')
  for (const a of arrangementsFor(state, registry, PersonId.make('p-wang')))
    console.log(`    ${a.benefit}: ${a.subject}`)
}

const share = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`)

/**
 * Management integration 管理整合: a council branch whose secretary chairs a co-governance council
 * of migrants and locals in balance, with a written charter, deliberating a motion.
 */
async function managementIntegration(): Promise<void> {
  onDay('2025-07-08')
  console.log('\nManagement integration 管理整合 — the co-governance council 共治议事会:')
  // The head of the third-party organisation (Chen Li) is the council branch's secretary and
  // the council's chair.
  await must('p-zhou', 'foundBranch', {
    organisation: {
      kind: 'party-branch',
      id: 'o-council-branch',
      name: 'East Council Party Branch 议事会党支部',
      seat: east,
      parent: 'o-east-committee',
      branch: { kind: 'council' },
    },
    among: 'the representatives of the co-governance council',
    secretary: { person: 'p-chen', assignment: 'as-chen-council' },
  })
  await must(clerk, 'openHall', {
    name: 'East Co-governance Council 东社区共治议事会',
    place: east,
    charter: {
      quorum: { numerator: 1, denominator: 2 },
      threshold: 'simple-majority',
      minutesPerTurn: 3,
      turnsPerMotion: 2,
      balance: { tolerance: 1 },
      passMark: 4,
      seats: 6,
      council: true,
    },
    chair: 'p-chen',
  })
  await must(clerk, 'constituteCouncil', {
    council: 'cl-east',
    name: 'East Co-governance Council 东社区共治议事会',
    hall: councilHall,
    branch: 'o-council-branch',
    articles: [
      'Migrant and local representatives hold about equal seats',
      'Representatives survey their neighbours before moving a motion',
      'Every representative has equal speaking turns; nobody speaks twice before all have spoken once',
    ],
  })
  const resident = (person: string) => ({ person, kind: 'resident', organisation: null })
  printRefusal(
    'seating three migrant workers and one local (out of balance)',
    await send('p-chen', 'appointRepresentatives', {
      representatives: [
        resident('p-wang'),
        resident('p-hu'),
        resident('p-tang'),
        { person: 'p-zhou', kind: 'party-committee', organisation: 'o-east-committee' },
      ],
    }),
  )
  await must('p-chen', 'appointRepresentatives', {
    representatives: [
      resident('p-wang'),
      resident('p-hu'),
      resident('p-tang'),
      { person: 'p-zhou', kind: 'party-committee', organisation: 'o-east-committee' },
      resident('p-liang'),
      resident('p-su'),
    ],
  })
  printRefusal(
    'a seventh representative on a council of six seats',
    await send('p-chen', 'appointRepresentative', resident('p-fang')),
  )

  // A council deliberation: demands from both sides, one matter, a motion adopted by vote.
  await must('p-tang', 'submitDemand', {
    demand: 'dm-trucks',
    resident: 'p-tang',
    channel: 'online',
    text: 'Delivery trucks wake the night-shift workers at 5 am',
  })
  await must('p-su', 'submitDemand', {
    demand: 'dm-lanes',
    resident: 'p-su',
    channel: 'online',
    text: 'Trucks block the lanes by the market every morning',
  })
  await must('p-chen', 'aggregateDemands', {
    matter: 'mt-trucks',
    title: 'Delivery trucks in the lanes 货车扰民',
    demands: ['dm-trucks', 'dm-lanes'],
  })
  await must('p-chen', 'scheduleMeeting', {
    meeting: 'me-july',
    scheduledFor: '2025-07-15T19:00:00+08:00',
  })
  await must('p-chen', 'putOnAgenda', { matter: 'mt-trucks', meeting: 'me-july' })
  onDay('2025-07-15')
  const present = ['p-wang', 'p-hu', 'p-tang', 'p-zhou', 'p-liang', 'p-su']
  await must('p-chen', 'openMeeting', { meeting: 'me-july', present })
  await must('p-wang', 'moveMotion', {
    meeting: 'me-july',
    motion: 'mo-trucks',
    matter: 'mt-trucks',
    text: 'Deliveries to the printing works move to 8–10 am, through the east gate only',
    outcome: {
      kind: 'resolution',
      duties: [
        { party: 'resident', duty: 'printing-shop owners reschedule their deliveries' },
        { party: 'social-organisation', duty: 'the Fusion Centre tells every shop and driver' },
      ],
    },
  })
  await must('p-liang', 'secondMotion', { motion: 'mo-trucks' })
  await must('p-su', 'requestFloor', { motion: 'mo-trucks' })
  await must('p-chen', 'grantFloor', { motion: 'mo-trucks', speaker: 'p-su' })
  await must('p-chen', 'openVoting', { motion: 'mo-trucks' })
  for (const voter of present)
    await must(voter, 'castVote', { motion: 'mo-trucks', choice: voter === 'p-hu' ? 'no' : 'yes' })
  await must('p-chen', 'closeVoting', { motion: 'mo-trucks' })

  const hall = (await engine.load(hallStream(HallId.make(councilHall)))).state
  const council = lookup((await loadIntegration()).councils, CouncilId.make('cl-east'))
  if (council !== undefined) {
    const c = councilComposition(council, hall, (await load()).registry)
    console.log(
      `  ${council.name}: ${c.representatives}/${c.seats ?? '∞'} seats, ${c.migrant} migrant and ${c.local} local (${c.balanced ? 'in balance' : 'OUT OF BALANCE'}); chair is the branch secretary: ${c.chairIsBranchSecretary ? 'yes' : 'no'}`,
    )
  }
  for (const t of voteTallies(hall))
    console.log(
      `  “${t.text}”: ${t.tally.yes} yes, ${t.tally.no} no, ${t.tally.abstain} abstain of ${t.eligible} — ${t.status}`,
    )
}

/**
 * Resource integration 资源整合: the integration school, led by the floating branch, with
 * teachers from government, a college and a printing shop; classes, attendance and completion.
 */
async function resourceIntegration(): Promise<void> {
  onDay('2025-08-01')
  console.log('\nResource integration 资源整合 — the integration school 融合学堂:')
  for (const [person, name] of [
    ['p-gao', 'Gao Ping'],
    ['p-he', 'He Lan'],
  ] as const)
    await must(clerk, 'registerPerson', {
      person,
      name,
      household: { status: 'registered' },
      home: null,
    })
  await must(clerk, 'openSchool', {
    school: 'sc-fusion',
    name: 'S Street Integration School 融合学堂',
    place: streetRef,
    ledBy: 'o-jingchu',
  })
  for (const [teacher, sector, affiliation] of [
    ['p-gao', 'government', 'District Human Resources Bureau 区人社局'],
    ['p-he', 'college', 'Guangzhou Vocational College'],
    ['p-xia', 'firm', 'Xia’s printing shop'],
  ] as const)
    await must('p-chen', 'engageTeacher', {
      school: 'sc-fusion',
      teacher,
      sector,
      affiliation,
      organisation: null,
    })
  await must('p-chen', 'offerCourse', {
    school: 'sc-fusion',
    course: 'co-safety',
    module: 'job-skills',
    title: 'Printing-machine safety 印刷机安全操作',
    teachers: ['p-he', 'p-xia'],
    hoursToComplete: 3,
  })
  await must('p-chen', 'offerCourse', {
    school: 'sc-fusion',
    course: 'co-meeting',
    module: 'backbone-capacity',
    title: 'Speaking at a residents’ meeting 议事能力',
    teachers: ['p-gao'],
    hoursToComplete: 2,
  })
  for (const [course, learner] of [
    ['co-safety', 'p-tang'],
    ['co-safety', 'p-fang'],
    ['co-safety', 'p-hu'],
    ['co-meeting', 'p-tang'],
    ['co-meeting', 'p-liang'],
    ['co-meeting', 'p-su'],
  ] as const)
    await must(learner, 'enrolLearner', { school: 'sc-fusion', course, learner })
  await must('p-he', 'holdClass', {
    school: 'sc-fusion',
    course: 'co-safety',
    class: 'cl-safety-1',
    minutes: 120,
    attended: ['p-tang', 'p-fang', 'p-hu'],
  })
  // Each class is recorded when it ends; the next one of the course is a day later.
  onDay('2025-08-02')
  await must('p-xia', 'holdClass', {
    school: 'sc-fusion',
    course: 'co-safety',
    class: 'cl-safety-2',
    minutes: 60,
    attended: ['p-tang', 'p-hu'],
  })
  onDay('2025-08-03')
  await must('p-gao', 'holdClass', {
    school: 'sc-fusion',
    course: 'co-meeting',
    class: 'cl-meeting-1',
    minutes: 120,
    attended: ['p-tang', 'p-liang', 'p-su'],
  })
  for (const [course, learner] of [
    ['co-safety', 'p-tang'],
    ['co-safety', 'p-hu'],
    ['co-meeting', 'p-tang'],
    ['co-meeting', 'p-liang'],
    ['co-meeting', 'p-su'],
  ] as const)
    await must('p-chen', 'completeCourse', { school: 'sc-fusion', course, learner })
  printRefusal(
    'completing the safety course with two of its three hours attended',
    await send('p-chen', 'completeCourse', {
      school: 'sc-fusion',
      course: 'co-safety',
      learner: 'p-fang',
    }),
  )

  const state = await loadIntegration()
  const registry = (await load()).registry
  console.log('  Training hours 培训时长 per person:')
  for (const line of trainingHours(state))
    console.log(
      `    ${(lookup(registry.persons, line.person)?.name ?? line.person).padEnd(10)} ${String(line.hours).padStart(4)} h, ${line.completed} course(s) completed`,
    )
  console.log('  Training hours per group:')
  for (const g of trainingHoursBy(state, byResidency(registry)))
    console.log(
      `    ${g.group.padEnd(10)} ${g.persons} person(s), ${g.hours} h, ${g.completed} completion(s)`,
    )
}

/**
 * Value integration 价值整合: a volunteer team led by a migrant member and a patrol; verified
 * service becomes points in the points bank, redeemed for living services and donated.
 */
async function valueIntegration(): Promise<void> {
  onDay('2025-09-01')
  console.log('\nValue integration 价值整合 — volunteer teams and the points bank 公益银行:')
  await must(clerk, 'formTeam', {
    team: 'tm-volunteers',
    name: 'Migrant Volunteer Service Team 来穗人员志愿者服务队',
    kind: 'service',
    place: streetRef,
    leader: 'p-wang',
  })
  await must(clerk, 'formTeam', {
    team: 'tm-patrol',
    name: 'Public Security Volunteer Patrol 社会治安志愿巡逻队',
    kind: 'patrol',
    place: streetRef,
    leader: 'p-hu',
  })
  printRefusal(
    'a team led by a worker who is not a party member',
    await send(clerk, 'formTeam', {
      team: 'tm-other',
      name: 'Another team',
      kind: 'service',
      place: streetRef,
      leader: 'p-tang',
    }),
  )
  await must('p-tang', 'joinTeam', { team: 'tm-volunteers', volunteer: 'p-tang' })
  await must('p-fang', 'joinTeam', { team: 'tm-volunteers', volunteer: 'p-fang' })
  await must('p-luo', 'joinTeam', { team: 'tm-patrol', volunteer: 'p-luo' })
  onDay('2025-09-03')
  for (const [team, record, volunteer, activity, minutes] of [
    [
      'tm-volunteers',
      'sr-1',
      'p-tang',
      'Visiting elderly residents who live alone 关爱独居老人',
      120,
    ],
    ['tm-volunteers', 'sr-2', 'p-fang', 'Clearing the dormitory lanes 巡查整治', 90],
    ['tm-patrol', 'sr-3', 'p-luo', 'Night patrol of the printing-works lanes', 180],
  ] as const)
    await must(volunteer, 'recordService', {
      team,
      record,
      volunteer,
      activity,
      minutes,
      servedOn: '2025-09-02T19:00:00+08:00',
    })
  await must('p-wang', 'verifyService', { team: 'tm-volunteers', record: 'sr-1' })
  await must('p-wang', 'verifyService', { team: 'tm-volunteers', record: 'sr-2' })
  await must('p-hu', 'verifyService', { team: 'tm-patrol', record: 'sr-3' })

  // The bank: run by the Fusion Centre, ten points an hour.
  for (const [person, name, household] of [
    ['p-ma', 'Ma Hong', { status: 'registered' }],
    ['p-lei', 'Lei Juan', { status: 'migrant', origin: 'Honghu, Hubei 湖北洪湖' }],
    ['p-cook', 'Cook Wu', { status: 'registered' }],
  ] as const)
    await must(clerk, 'registerPerson', { person, name, household, home: east })
  await must(clerk, 'appointRole', {
    assignment: 'as-ma-fusion',
    person: 'p-ma',
    role: 'director',
    scope: org('o-fusion'),
  })
  await must(clerk, 'registerOrganisation', {
    organisation: {
      kind: 'other-social-force',
      id: 'o-canteen',
      name: 'East Community Canteen 社区饭堂',
      seat: east,
      description: 'A canteen that takes points for meals',
    },
  })
  await must(clerk, 'appointRole', {
    assignment: 'as-cook-canteen',
    person: 'p-cook',
    role: 'director',
    scope: org('o-canteen'),
  })
  await must(clerk, 'openBank', {
    bank: 'bk-fusion',
    name: 'S Street Points Bank 公益银行',
    place: streetRef,
    operator: 'o-fusion',
    pointsPerHour: 10,
    issuanceAccount: 'ac-issuance',
  })
  for (const [account, kind, holder, name] of [
    ['ac-tang', 'volunteer', { kind: 'person', person: 'p-tang' }, 'Tang Hui'],
    ['ac-fang', 'volunteer', { kind: 'person', person: 'p-fang' }, 'Fang Yu'],
    ['ac-luo', 'volunteer', { kind: 'person', person: 'p-luo' }, 'Luo Fang'],
    ['ac-lei', 'family', { kind: 'person', person: 'p-lei' }, 'Lei family (in need)'],
    ['ac-canteen', 'provider', { kind: 'organisation', organisation: 'o-canteen' }, 'Canteen'],
  ] as const)
    await must('p-ma', 'openAccount', { bank: 'bk-fusion', account, kind, holder, name })
  for (const [movement, account, team, record] of [
    ['mv-1', 'ac-tang', 'tm-volunteers', 'sr-1'],
    ['mv-2', 'ac-fang', 'tm-volunteers', 'sr-2'],
    ['mv-3', 'ac-luo', 'tm-patrol', 'sr-3'],
  ] as const)
    await must('p-ma', 'issuePoints', { bank: 'bk-fusion', movement, account, team, record })
  printRefusal(
    'paying the same service record twice',
    await send('p-ma', 'issuePoints', {
      bank: 'bk-fusion',
      movement: 'mv-again',
      account: 'ac-tang',
      team: 'tm-volunteers',
      record: 'sr-1',
    }),
  )
  await must('p-tang', 'redeemPoints', {
    bank: 'bk-fusion',
    movement: 'mv-4',
    from: 'ac-tang',
    provider: 'ac-canteen',
    points: 12,
    service: 'A week of lunches at the canteen',
  })
  await must('p-fang', 'donatePoints', {
    bank: 'bk-fusion',
    movement: 'mv-5',
    from: 'ac-fang',
    to: 'ac-lei',
    points: 10,
    memo: 'For the Lei family 公益循环',
  })
  await must('p-lei', 'redeemPoints', {
    bank: 'bk-fusion',
    movement: 'mv-6',
    from: 'ac-lei',
    provider: 'ac-canteen',
    points: 8,
    service: 'Meals for the children',
  })
  printRefusal(
    'redeeming more points than the account holds',
    await send('p-tang', 'redeemPoints', {
      bank: 'bk-fusion',
      movement: 'mv-7',
      from: 'ac-tang',
      provider: 'ac-canteen',
      points: 50,
      service: 'A month of lunches',
    }),
  )

  const state = await loadIntegration()
  const registry = (await load()).registry
  console.log('  Verified service hours 志愿服务时长:')
  for (const line of serviceHours(state))
    console.log(
      `    ${(lookup(registry.persons, line.volunteer)?.name ?? line.volunteer).padEnd(10)} ${line.hours} h`,
    )
  console.log('  Balances 积分余额:')
  for (const a of balances(state, BankId.make('bk-fusion')))
    console.log(`    ${a.name.padEnd(32)} ${a.kind.padEnd(10)} ${String(a.balance).padStart(4)}`)
  const totals = ledgerTotals(state, BankId.make('bk-fusion'))
  console.log(
    `  Ledger totals 账目: issued ${totals.issued}, redeemed ${totals.redeemed}, donated ${totals.donated}; held by volunteers ${totals.held.volunteers}, families ${totals.held.families}, providers ${totals.held.providers}; ${totals.balanced ? 'the ledger balances' : 'THE LEDGER DOES NOT BALANCE'}`,
  )
}

/** The run, and what it stored: `test/fixtures/record-logs.ts` keeps the log as a fixture. */
export const finished = main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
export { store, streetMechanism as mechanism }
