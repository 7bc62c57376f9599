/**
 * S Street (seed 000): a Guangzhou street of some 58,000 migrants, where more than ten thousand
 * printing workers from Honghu, Hubei (湖北洪湖) live. The street party working committee founds a
 * floating branch among them (S街荆楚印刷工流动党支部) under "dual management, territorial
 * management"; the secretary of a social organisation's branch also heads the floating branch
 * (兼任), linking the two. Then member embedding: the branch finds hidden 隐形 and pocket 口袋
 * members among the workers, they report to the community 报到 and take duties; a capable
 * migrant printing-shop owner is absorbed 吸纳 into the party over a year; the best are commended
 * 表彰. Coverage and the depth of embedding are printed before and after.
 *
 * Run: npx tsx examples/s-street.ts   (or: npm run demo)
 */
import {
  candidatesInDevelopment,
  commendationsOf,
  CommunityId,
  coverage,
  createEngine,
  createMemoryStore,
  depthOfEmbedding,
  embedding,
  empowerment,
  lookup,
  narrateEmbeddingEvent,
  OrganisationId,
  organisationLinks,
  partyTree,
  placeTree,
  registryStream,
  responsibilityCards,
  StreetId,
  type EmbeddingEvent,
  type EmbeddingState,
} from '../src/index.js'
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
// commands too, so one engine keeps places, people, the party tree and embedding together.
const store = createMemoryStore<EmbeddingEvent>()
const engine = createEngine({ decider: embedding, store })
const street = 's-street'

const { send, must, onDay } = scenario(engine.handle, { street, day: '2024-04-24' })

const clerk = 'p-clerk' // the street office's registrar
const streetRef = { level: 'street', id: street }
const east = { level: 'community', id: 'c-east' }
const west = { level: 'community', id: 'c-west' }
const org = (id: string) => ({ level: 'organisation', id })
const load = async (): Promise<EmbeddingState> =>
  (await engine.load(registryStream(StreetId.make(street)))).state

/** Coverage of the street and the depth of embedding in East community and the floating branch. */
const printEmbedding = (state: EmbeddingState): void => {
  printCoverage(state.registry, coverage(state))
  printDepth('East Community', depthOfEmbedding(state, { community: CommunityId.make('c-east') }))
  printDepth(
    'Jingchu floating branch',
    depthOfEmbedding(state, { organisation: OrganisationId.make('o-jingchu') }),
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

  const { state: registered, version } = await engine.load(registryStream(StreetId.make(street)))
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

  console.log('\nEvent log 事件日志:')
  printLog(store.readAll(), (e) => narrateEmbeddingEvent(after, e))
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

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
