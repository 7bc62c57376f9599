/**
 * The embedding mechanism's lifecycles (生命周期), declared once as data: a member's embedding, a
 * person's development into a member, and a duty. Guards are named by the catalogue
 * ({@link embeddingRules}).
 *
 * @module
 */
import { defineMachine } from '../core/index.js'
import { embeddingRules } from './rules.js'

/** Every member state from which a member is still in the street's organisations. */
const enrolled = ['reported', 'assigned', 'active'] as const
/** Every member state that is neither ended nor unrecorded. */
const onRecord = ['discovered', 'contacted', ...enrolled] as const

/**
 * A member's embedding 党员嵌入 (seed 000): found hidden 隐形 or pocket 口袋 → contacted →
 * reported to the residential community 报到 → assigned a duty → active (acting on it);
 * transferred out; lapsed.
 *
 * `unrecorded` is the state of every person before the first event about them. Every member is
 * first recorded by a local organisation's secretary — found hidden or pocket, or come forward
 * (an in-service member 在职党员 on a work unit's list) — so that nobody declares themselves a
 * member; an elite absorbed by a branch enters as reported when confirmed a full member; a member
 * transferred out may report again. A member with a duty becomes active with their first substantive act; one
 * whose last duty ends before that goes back to reported.
 *
 * @category Lifecycle
 */
export const memberMachine = defineMachine({
  id: 'member',
  states: [
    'unrecorded',
    'discovered',
    'contacted',
    'reported',
    'assigned',
    'active',
    'transferred-out',
    'lapsed',
  ],
  initial: 'unrecorded',
  final: ['lapsed'],
  transitions: [
    { from: 'unrecorded', on: 'discoverMember', to: 'discovered' },
    { from: 'discovered', on: 'contactMember', to: 'contacted' },
    { from: ['contacted', 'transferred-out'], on: 'reportToCommunity', to: 'reported' },
    { from: 'unrecorded', on: 'confirmFullMember', to: 'reported' },
    { from: ['reported', 'assigned'], on: 'assignDuty', to: 'assigned' },
    { from: 'active', on: 'assignDuty', to: 'active' },
    { from: 'assigned', on: 'endDuty', to: 'assigned', guard: embeddingRules.otherDutiesRemain.id },
    { from: 'assigned', on: 'endDuty', to: 'reported' },
    { from: 'active', on: 'endDuty', to: 'active' },
    { from: 'reported', on: 'recordMemberAct', to: 'reported' },
    {
      from: 'assigned',
      on: 'recordMemberAct',
      to: 'active',
      guard: embeddingRules.substantiveAct.id,
    },
    { from: 'assigned', on: 'recordMemberAct', to: 'assigned' },
    { from: 'active', on: 'recordMemberAct', to: 'active' },
    { from: enrolled, on: 'moveResident', to: 'contacted' },
    { from: onRecord, on: 'transferMemberOut', to: 'transferred-out' },
    { from: onRecord, on: 'lapseMember', to: 'lapsed' },
  ],
})

/**
 * Absorbing elites 吸纳 (seed 000): activist 积极分子 → applicant 申请人 → probationary member
 * 预备党员 → full member 正式党员, no step skipped; the probationary year must have passed
 * before confirmation. A candidate may be dropped at any stage before full membership.
 *
 * @category Lifecycle
 */
export const developmentMachine = defineMachine({
  id: 'development',
  states: ['unrecorded', 'activist', 'applicant', 'probationary', 'full', 'dropped'],
  initial: 'unrecorded',
  final: ['full', 'dropped'],
  transitions: [
    { from: 'unrecorded', on: 'recogniseActivist', to: 'activist' },
    { from: 'activist', on: 'acceptApplication', to: 'applicant' },
    { from: 'applicant', on: 'admitProbationary', to: 'probationary' },
    {
      from: 'probationary',
      on: 'confirmFullMember',
      to: 'full',
      guard: embeddingRules.probationYearServed.id,
    },
    { from: ['activist', 'applicant', 'probationary'], on: 'dropCandidate', to: 'dropped' },
  ],
})

/**
 * A duty: held until it ends (by command, or with the member's transfer or lapse).
 *
 * @category Lifecycle
 */
export const dutyMachine = defineMachine({
  id: 'duty',
  states: ['held', 'ended'],
  initial: 'held',
  final: ['ended'],
  transitions: [{ from: 'held', on: 'endDuty', to: 'ended' }],
})

/**
 * Member states in which a member belongs to a local organisation and may hold duties.
 *
 * @category Lifecycle
 */
export const enrolledStates: ReadonlySet<string> = new Set<string>(enrolled)

/**
 * Member states of a member on the street's record (found, contacted or enrolled).
 *
 * @category Lifecycle
 */
export const onRecordStates: ReadonlySet<string> = new Set<string>(onRecord)
