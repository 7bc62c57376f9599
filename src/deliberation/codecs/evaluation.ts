/**
 * Supervision and evaluation 监督评估 as data: the commands that begin supervision, file
 * supervision reports, and open, submit and close residents' evaluation rounds, and their events.
 *
 * @module
 */
import { MatterId, TaskId, command, event, finiteNumber, integer } from '../../core/index.js'
import { Description } from '../../community/index.js'
import { inHall, matterMove } from './common.js'

// Commands

/** The chair moves a matter from coordination to supervision. @category Commands */
export const BeginSupervision = command('beginSupervision', { ...inHall, matter: MatterId })

/** A supervisor files a report on a task they do not own. @category Commands */
export const FileSupervisionReport = command('fileSupervisionReport', {
  ...inHall,
  task: TaskId,
  finding: Description,
})

/**
 * The chair opens residents' evaluation of a matter whose tasks are all done.
 *
 * @category Commands
 */
export const OpenEvaluation = command('openEvaluation', { ...inHall, matter: MatterId })

/**
 * A resident of the hall's place evaluates the outcome (1 to 5), once per round.
 *
 * @category Commands
 */
export const Evaluate = command('evaluate', {
  ...inHall,
  matter: MatterId,
  score: integer(1, 5),
})

/**
 * The chair closes the evaluation: at or above the pass mark the matter closes, else it reopens.
 *
 * @category Commands
 */
export const CloseEvaluation = command('closeEvaluation', { ...inHall, matter: MatterId })

// Events

/** A matter moved from coordination to supervision. */
export const SupervisionBegun = event('supervisionBegun', matterMove)

/** A supervisor reported on a task. */
export const SupervisionReported = event('supervisionReported', {
  task: TaskId,
  finding: Description,
})

/** Residents' evaluation of a matter opened. */
export const EvaluationOpened = event('evaluationOpened', matterMove)

/** A resident evaluated a matter (1 to 5). */
export const EvaluationSubmitted = event('evaluationSubmitted', {
  matter: MatterId,
  score: integer(1, 5),
})

/** A matter's evaluation round closed: the matter closed, or reopened. */
export const EvaluationClosed = event('evaluationClosed', {
  ...matterMove,
  /** The round's average score: the evaluations' scores (1 to 5) summed, over their number. */
  average: finiteNumber(1, 5),
  evaluations: integer(0, 100_000),
})
