/**
 * D town (Shanghai) and Q town (Jiangsu), seed 001: a cross-province neighbourhood where
 * "frictions across the administrative boundary are usually settled by party cadres". Two cases:
 *
 * 1. Residents of the two towns' border communities quarrel over a drainage ditch. Filed at a
 *    grid, the case goes up to the joint mediation office that both communities staff; one
 *    mediator from each side mediates; both parties sign the agreement and a mediator signs it
 *    with the joint office's seal, which puts it in effect (People's Mediation Law art. 29); both
 *    parties apply for judicial confirmation within 30 days — jointly, as art. 33 asks, the last
 *    on the window's 30th calendar day — and fulfil it.
 * 2. An owner and the property company dispute parking fees; mediation fails at the community
 *    and the case is referred to court.
 *
 * The two towns are one registry here (the D–Q linkage area), with a community for each side.
 * Run: npx tsx examples/dq-towns.ts
 */
import {
  combine,
  community,
  createEngine,
  createMemoryStore,
  dispute,
  instant,
  PersonId,
} from 'governance-kit'
import { registryStream } from 'governance-kit/community'
import {
  allowedInCase,
  caseStream,
  caseTimeline,
  dueInCase,
  judicialConfirmationStatus,
  ladderReport,
  type Case,
} from 'governance-kit/dispute'
import { CaseId, StreetId } from 'governance-kit/codec'
import { scenario } from './scenario.js'
import { printRefusal } from './print.js'

const street = combine('street', { community, dispute })
const store = createMemoryStore<Parameters<typeof street.evolve>[1]>()
const engine = createEngine({ decider: street, store, clock: Date.now })

const { send, must, onDay } = scenario(engine.handle, { street: 'dq', day: '2024-03-01' })

const clerk = 'p-clerk'
const place = (level: string, id: string) => ({ level, id })
const person = (id: string) => ({ kind: 'person', person: id })

async function registerArea(): Promise<void> {
  await must(clerk, 'openRegistry', {
    name: 'D–Q linkage area 毗邻社区生活圈',
    registrar: clerk,
    registrarName: 'Joint office clerk',
    assignment: 'as-clerk',
  })
  await must(clerk, 'registerCommunity', {
    community: 'c-d',
    name: 'D town border community (Shanghai)',
    settlement: 'community',
  })
  await must(clerk, 'registerCommunity', {
    community: 'c-q',
    name: 'Q town border community (Jiangsu)',
    settlement: 'community',
  })
  await must(clerk, 'registerGrid', { grid: 'g-d', community: 'c-d', name: 'D riverside grid' })
  await must(clerk, 'registerGrid', { grid: 'g-q', community: 'c-q', name: 'Q riverside grid' })
  for (const [id, name, home] of [
    ['p-shen', 'Shen (D town resident)', place('grid', 'g-d')],
    ['p-gu', 'Gu (Q town resident)', place('grid', 'g-q')],
    ['p-lu', 'Lu (D town owner)', place('grid', 'g-d')],
    ['p-gw', 'Grid worker Xu (D)', place('grid', 'g-d')],
    ['p-med-d', 'Mediator Qiu (D town party member)', place('community', 'c-d')],
    ['p-med-q', 'Mediator Jin (Q town party member)', place('community', 'c-q')],
    ['p-prop', 'Manager Bao (D Property)', null],
  ] as const)
    await must(clerk, 'registerPerson', {
      person: id,
      name,
      household: { status: 'registered' },
      home,
    })
  const appoint = (assignment: string, who: string, role: string, scope: object) =>
    must(clerk, 'appointRole', { assignment, person: who, role, scope })
  await appoint('as-gw', 'p-gw', 'grid-worker', place('grid', 'g-d'))
  await appoint('as-med-d', 'p-med-d', 'mediator', place('community', 'c-d'))
  await appoint('as-med-q', 'p-med-q', 'mediator', place('community', 'c-q'))
  await must(clerk, 'registerOrganisation', {
    organisation: {
      kind: 'property-company',
      id: 'o-prop',
      name: 'D Property Services',
      seat: place('community', 'c-d'),
    },
  })
  await appoint('as-prop', 'p-prop', 'director', { level: 'organisation', id: 'o-prop' })
}

async function ditchCase(): Promise<void> {
  onDay('2024-03-04')
  // Shen goes to the grid worker, whose office files the case and sets its time limits.
  await must('p-gw', 'fileCase', {
    case: 'k-ditch',
    kind: { kind: 'residents-of-two-communities' },
    parties: [person('p-shen'), person('p-gu')],
    arose: place('grid', 'g-d'),
    summary: 'A blocked drainage ditch along the provincial boundary floods Shen’s yard',
    limits: { grid: 7, community: 30 },
  })
  await must('p-shen', 'giveConsent', { case: 'k-ditch', party: 0 })
  await must('p-gu', 'giveConsent', { case: 'k-ditch', party: 1 })
  await must('p-gw', 'assignMediator', { case: 'k-ditch', mediator: 'p-gw' })
  await must('p-gw', 'holdSession', {
    case: 'k-ditch',
    attended: ['p-shen', 'p-gu'],
    outcome: 'The ditch crosses the boundary: neither grid can settle it alone',
  })
  printRefusal(
    'the grid worker escalating before the grid’s seven days, unasked',
    await send('p-gw', 'escalateCase', { case: 'k-ditch', reason: 'Too big for the grid' }),
  )
  // The grid's seven days are 5 to 11 March (the day of filing is not counted): from 12 March the
  // grid worker may take the case up unasked.
  onDay('2024-03-12')
  await must('p-gw', 'escalateCase', {
    case: 'k-ditch',
    reason: 'Seven days at the grid; the ditch belongs to two communities',
  })
  await must('p-med-d', 'acceptEscalation', { case: 'k-ditch' })
  await must('p-med-d', 'assignMediator', { case: 'k-ditch', mediator: 'p-med-d' })
  printRefusal(
    'a joint-office session with only D town’s mediator',
    await send('p-med-d', 'holdSession', {
      case: 'k-ditch',
      attended: ['p-shen', 'p-gu'],
      outcome: 'Heard both sides',
    }),
  )
  await must('p-med-q', 'assignMediator', { case: 'k-ditch', mediator: 'p-med-q' })
  await must('p-med-d', 'holdSession', {
    case: 'k-ditch',
    attended: ['p-shen', 'p-gu', 'p-med-d', 'p-med-q'],
    outcome: 'Both towns will share the dredging; Gu moves his fence half a metre',
  })
  await must('p-med-q', 'draftAgreement', {
    case: 'k-ditch',
    terms: [
      'D and Q town each pay half of dredging the ditch before the rainy season',
      'Gu moves his fence 0.5 m back from the ditch by 30 April',
      'Shen stops dumping garden waste into the ditch',
    ],
  })
  printRefusal(
    'the D town mediator signing for Gu',
    await send('p-med-d', 'signAgreement', { case: 'k-ditch', party: 1 }),
  )
  await must('p-shen', 'signAgreement', { case: 'k-ditch', party: 0 })
  await must('p-gu', 'signAgreement', { case: 'k-ditch', party: 1 })
  printRefusal(
    'asking for judicial confirmation before the mediator has signed and sealed the agreement',
    await send('p-gu', 'requestJudicialConfirmation', { case: 'k-ditch', party: 1 }),
  )
  // The mediator signs, and the joint office's seal goes on in the same act: now it takes effect.
  await must('p-med-q', 'countersignAgreement', {
    case: 'k-ditch',
    committee: 'D–Q joint people’s mediation committee 毗邻人民调解委员会',
  })
  onDay('2024-03-25')
  await must('p-gu', 'requestJudicialConfirmation', { case: 'k-ditch', party: 1 })
  printRefusal(
    'Gu applying a second time',
    await send('p-gu', 'requestJudicialConfirmation', { case: 'k-ditch', party: 1 }),
  )
  const waiting = judicialConfirmationStatus(await loadCase('k-ditch'))
  console.log(
    `  judicial confirmation: ${waiting?.applied.length ?? 0} applied, awaiting ${
      waiting?.awaiting.map((a) => `party ${a.party}`).join(', ') ?? '—'
    }`,
  )
  // What the mediator's inbox shows for the case on 10 April (dueInCase: read from the case's
  // state alone, with the same day count as the rule).
  const on = instant('2024-04-10T09:00:00+08:00')
  for (const item of dueInCase({ case: await loadCase('k-ditch') }, on))
    console.log(
      `  due on ${on.slice(0, 10)}: ${item.kind}${item.kind === 'judicial-confirmation' ? ` by ${item.dueBy.slice(0, 16).replace('T', ' ')}, awaiting ${item.awaiting.map((a) => `party ${a.party}`).join(', ')}` : ''}`,
    )
  // And what the parties and a mediator may do on the case that day (allowedInCase: the table
  // of permissions, read from the case's state and the street's registry; nothing is decided).
  const { state: registry } = await engine.load(registryStream(StreetId.make('dq')))
  const ditch = { case: await loadCase('k-ditch') }
  for (const who of ['p-shen', 'p-gu', 'p-med-q']) {
    const allowed = allowedInCase(ditch, { registry }, PersonId.make(who), on).map(
      ({ type, target }) =>
        `${type}${Object.entries(target)
          .map(([field, value]) => ` (${field} ${String(value)})`)
          .join('')}`,
    )
    console.log(`  ${who} may on ${on.slice(0, 10)}: ${allowed.join(', ') || 'nothing'}`)
  }
  // Shen applies too, on the window's last day: in effect on 12 March, the agreement's 30 days
  // are 13 March to 11 April (the day of effect is not counted), and 11 April ends at 24:00
  // (Civil Procedure Law art. 85). The joint application stands.
  onDay('2024-04-11')
  await must('p-shen', 'requestJudicialConfirmation', { case: 'k-ditch', party: 0 })
  onDay('2024-05-06')
  await must('p-med-q', 'recordFulfilment', {
    case: 'k-ditch',
    note: 'Ditch dredged; fence moved; no flooding in the first rains',
  })
}

async function parkingCase(): Promise<void> {
  onDay('2024-03-05')
  await must('p-lu', 'fileCase', {
    case: 'k-parking',
    kind: { kind: 'owner-vs-property-company' },
    parties: [person('p-lu'), { kind: 'organisation', organisation: 'o-prop' }],
    arose: place('community', 'c-d'),
    summary: 'Lu refuses the new parking fee; the company clamps his car',
    limits: { grid: null, community: null },
  })
  await must('p-lu', 'giveConsent', { case: 'k-parking', party: 0 })
  await must('p-prop', 'giveConsent', { case: 'k-parking', party: 1 })
  await must('p-med-d', 'assignMediator', { case: 'k-parking', mediator: 'p-med-d' })
  await must('p-med-d', 'holdSession', {
    case: 'k-parking',
    attended: ['p-lu', 'p-prop'],
    outcome: 'The company will not revisit the fee without an owners’ meeting',
  })
  await must('p-med-d', 'recordFailure', {
    case: 'k-parking',
    reason: 'No agreement on the fee after two sessions',
  })
  onDay('2024-04-18')
  printRefusal(
    'asking for judicial confirmation of an agreement that does not exist',
    await send('p-lu', 'requestJudicialConfirmation', { case: 'k-parking', party: 0 }),
  )
  await must('p-med-d', 'referOut', {
    case: 'k-parking',
    to: 'District People’s Court',
    reason: 'Mediation failed; Lu was told of the court route (People’s Mediation Law art. 26)',
  })
}

const loadCase = async (id: string): Promise<Case> => {
  const c = (await engine.load(caseStream(CaseId.make(id)))).state.case
  if (c === null) throw new Error(`no case ${id}`)
  return c
}

async function main(): Promise<void> {
  console.log(
    'D town and Q town — dispute coordination across a provincial boundary (矛盾纠纷化解)\n',
  )
  await registerArea()
  await ditchCase()
  await parkingCase()
  const cases = [await loadCase('k-ditch'), await loadCase('k-parking')]
  for (const c of cases) {
    console.log(`\nCase ${c.id} (${c.kind.kind}) — now ${c.status} at the ${c.level} level:`)
    for (const entry of caseTimeline(c))
      console.log(`  ${entry.at.slice(0, 16).replace('T', ' ')}  [${entry.level}] ${entry.what}`)
  }
  const report = ladderReport(cases)
  const share = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
  console.log('\nThe ladder 小事不出网格、大事不出社区、难事不出街道:')
  for (const level of ['grid', 'community', 'street'] as const)
    console.log(
      `  ${level}: ${report.openPerLevel[level]} open, ${report.closedPerLevel[level]} closed (${share(report.closedShare[level])} of closed cases)`,
    )
  console.log(
    `  mean days from filing to closing: ${report.meanDaysToClose?.toFixed(1) ?? '—'}; agreements fulfilled ${report.fulfilled}, breached ${report.breached}`,
  )
}

/** The run, and what it stored: `test/fixtures/record-logs.ts` keeps the log as a fixture. */
export const finished = main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
export { store, street as mechanism }
