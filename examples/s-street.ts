/**
 * S Street (seed 000): a Guangzhou street of some 58,000 migrants, where more than ten thousand
 * printing workers from Honghu, Hubei (湖北洪湖) live. The street party working committee founds a
 * floating branch among them (S街荆楚印刷工流动党支部) under "dual management, territorial
 * management"; the secretary of a social organisation's branch also heads the floating branch
 * (兼任), linking the two.
 *
 * Run: npx tsx examples/s-street.ts   (or: npm run demo)
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  concurrentPosts,
  createEngine,
  createMemoryStore,
  community,
  describeError,
  lookup,
  narrateCommunityEvent,
  partyTree,
  placeTree,
  registryStream,
  StreetId,
  type CommunityEvent,
} from '../src/index.js'
import { printLog, printParty, printPlaces, printRefusal } from './print.js'

const store = createMemoryStore<CommunityEvent>()
const engine = createEngine({ decider: community, store })
const street = 's-street'

let sequence = 0
let minute = 0
/** Sends a command as an app would: plain JSON, with its id, time and actor. */
const send = (actor: string, type: string, payload: Record<string, unknown>) => {
  sequence += 1
  minute += 5
  const at = `2024-04-24T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`
  return engine.handle({ type, commandId: `cmd-${sequence}`, at, actor, street, ...payload })
}
/** Sends a command that must be accepted (the demo stops loudly if it is not). */
const must = async (actor: string, type: string, payload: Record<string, unknown>) => {
  const result = await send(actor, type, payload)
  if (E.isLeft(result)) throw new Error(`${type} refused: ${describeError(result.left)}`)
  return result.right
}

const clerk = 'p-clerk' // the street office's registrar
const streetRef = { level: 'street', id: street }
const east = { level: 'community', id: 'c-east' }
const west = { level: 'community', id: 'c-west' }
const org = (id: string) => ({ level: 'organisation', id })

async function main(): Promise<void> {
  console.log('S Street registry — places and actors (地方与主体)\n')

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
  await must(secretary, 'registerOrganisation', {
    organisation: {
      kind: 'party-branch',
      id: 'o-fusion-branch',
      name: 'Fusion Centre Party Branch',
      seat: west,
      parent: 'o-street-committee',
      branch: { kind: 'social-organisation', host: 'o-fusion' },
    },
  })
  await must(secretary, 'registerOrganisation', {
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
  })
  await must(secretary, 'registerOrganisation', {
    organisation: {
      kind: 'party-group',
      id: 'o-dorm-group',
      name: 'Dormitory party group',
      seat: { level: 'compound', id: 'k-print' },
      parent: 'o-jingchu',
    },
  })

  // Concurrent posts 兼任: Chen Li leads the Fusion Centre's branch and also the floating branch.
  await must(secretary, 'appointRole', {
    assignment: 'as-chen-fusion',
    person: 'p-chen',
    role: 'secretary',
    scope: org('o-fusion-branch'),
  })
  await must(secretary, 'appointRole', {
    assignment: 'as-chen-jingchu',
    person: 'p-chen',
    role: 'secretary',
    scope: org('o-jingchu'),
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
    await send('p-wang', 'registerOrganisation', {
      organisation: {
        kind: 'party-branch',
        id: 'o-rogue',
        name: 'Rogue branch',
        seat: east,
        parent: 'o-street-committee',
        branch: { kind: 'grid' },
      },
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

  const { state, version } = await engine.load(registryStream(StreetId.make(street)))
  console.log(`Places 地方 (registry version ${version}):`)
  printPlaces(placeTree(state))
  console.log('\nParty organisations 党组织:')
  printParty(state, partyTree(state))
  console.log('\nConcurrent posts 兼任 (links between organisations):')
  for (const post of concurrentPosts(state)) {
    const orgs = post.posts.map(
      (p) => `${p.role} of ${lookup(state.organisations, p.organisation)?.name ?? p.organisation}`,
    )
    console.log(`  ${post.personName}: ${orgs.join(' + ')}`)
  }
  console.log('\nEvent log 事件日志:')
  printLog(store.readAll(), (e) => narrateCommunityEvent(state, e))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
