/**
 * The integration mechanism's lifecycles, declared once as data: a request at the one-stop
 * station, an enrolment at the integration school, and a record of volunteer service on its way
 * to the points bank.
 *
 * @module
 */
import { defineMachine } from '../core/index.js'
import { integrationRules } from './rules.js'

/**
 * A resident's request at a one-stop station 一站式服务: filed → served 办结, referred 转办 to
 * another office, or refused 不予办理 with a reason.
 *
 * @category Lifecycle
 */
export const requestMachine = defineMachine({
  id: 'request',
  states: ['filed', 'served', 'referred', 'refused'],
  initial: 'filed',
  final: ['served', 'referred', 'refused'],
  transitions: [
    { from: 'filed', on: 'serveRequest', to: 'served' },
    { from: 'filed', on: 'referRequest', to: 'referred' },
    { from: 'filed', on: 'refuseRequest', to: 'refused' },
  ],
})

/**
 * A learner's enrolment in a course of the integration school 融合学堂: enrolled → completed once
 * the hours to complete it are attended (`hours-attended`), or withdrawn.
 *
 * @category Lifecycle
 */
export const enrolmentMachine = defineMachine({
  id: 'enrolment',
  states: ['enrolled', 'completed', 'withdrawn'],
  initial: 'enrolled',
  final: ['completed', 'withdrawn'],
  transitions: [
    {
      from: 'enrolled',
      on: 'completeCourse',
      to: 'completed',
      guard: integrationRules.hoursAttended.id,
    },
    { from: 'enrolled', on: 'withdrawLearner', to: 'withdrawn' },
  ],
})

/**
 * A record of volunteer service 志愿服务记录: recorded → verified by the team's leader (or
 * rejected) → rewarded once, when the points bank issues points for it.
 *
 * @category Lifecycle
 */
export const recordMachine = defineMachine({
  id: 'service record',
  states: ['recorded', 'verified', 'rejected', 'rewarded'],
  initial: 'recorded',
  final: ['rejected', 'rewarded'],
  transitions: [
    { from: 'recorded', on: 'verifyService', to: 'verified' },
    { from: 'recorded', on: 'rejectService', to: 'rejected' },
    { from: 'verified', on: 'issuePoints', to: 'rewarded' },
  ],
})
