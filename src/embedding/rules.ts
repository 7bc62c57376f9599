/**
 * The rules of embedding (嵌入机制的规则), as data: every rule its `decide` can refuse with, under a
 * short key, with what the rule requires. Embedding decides on the registry's stream and runs the
 * registry's commands (and its compound acts are made of them), so its catalogue holds the
 * registry's rules too; its own follow. The lifecycle tables' guards are named here as well
 * (`guard: embeddingRules.probationYearServed.id`), and the docs' rule list is generated from the
 * catalogue (`npm run docs:rules`).
 *
 * @module
 */
import { defineRules, type RuleIdOf } from '../core/index.js'
import { communityRules } from '../community/index.js'

/**
 * Embedding's own rules, in the order the docs list them (after the registry's). Two of the
 * registry's are named by embedding's own decisions too: `earlier-than-last-event` (the stream
 * runs forward, embedding's commands included) and `not-a-resident` (a member found, or reporting,
 * lives in the street and in the community reported to).
 */
const ownRules = defineRules({
  partyOrganisation: [
    'party-organisation',
    'Members, candidates and first secretaries belong to an active party organisation (a party committee, branch or group).',
  ],
  ownRecord: [
    'own-record',
    'Nobody decides on their own member or candidate record: a secretary does not record, task, grade, develop, commend or remove themselves.',
  ],
  outsideOrganisation: [
    'outside-organisation',
    'A member is recorded by a party organisation that works where they live.',
  ],
  reportToCommunity: [
    'report-to-community',
    'A member reports 报到 to a party organisation of the community reported to (one of the two places contains the other).',
  ],
  alreadyAMember: [
    'already-a-member',
    'A person on record as a party member is not developed as a candidate.',
  ],
  alreadyACandidate: [
    'already-a-candidate',
    'A person being developed is not recorded as a member, found or reporting, before being confirmed.',
  ],
  dutyPlace: [
    'duty-place',
    "A duty's place, and every household a member leads, lie in the member's community.",
  ],
  householdSelf: ['household-self', 'A member does not lead their own household.'],
  householdAlreadyLed: [
    'household-already-led',
    'A household is led by one member at a time (one member leads one household 一人带一户).',
  ],
  otherDutiesRemain: [
    'other-duties-remain',
    'An assigned member stays assigned while other duties remain and is reported again when the last one ends (a guard of the member table that chooses between edges; it never refuses).',
  ],
  substantiveAct: [
    'substantive-act',
    'An assigned member becomes active with their first substantive act, anything but attending (a guard of the member table that chooses between edges; it never refuses).',
  ],
  probationYearServed: [
    'probation-year-served',
    'A probationary member is confirmed no earlier than a calendar year after admission, counted in Beijing time (`CALENDAR_ZONE`).',
  ],
  memberOrActivist: [
    'member-or-activist',
    'A commendation goes to an enrolled member or to a candidate being developed.',
  ],
  commendationYear: [
    'commendation-year',
    'A commendation is for the current or the last year, the year of `at` in Beijing time (`CALENDAR_ZONE`).',
  ],
  temporaryBranchOnly: [
    'temporary-branch-only',
    'Only a temporary party branch 临时党支部 is converted into another body.',
  ],
  membersNeedAnOrganisation: [
    'members-need-an-organisation',
    'A temporary branch with members or candidates is converted only with the organisation they move to (`membersTo`).',
  ],
  membersEnrolled: [
    'members-enrolled',
    'An organisation is dissolved only when no member or candidate belongs to it (transfer them first, or convert a temporary branch).',
  ],
  organisationActive: ['organisation-active', 'Funds are allotted to an active organisation.'],
})

/**
 * The catalogue of embedding's rules 规则目录: the registry's (`communityRules`, which embedding
 * applies to every registry command on the stream and to its compound acts) and its own.
 *
 * @example
 * ```ts
 * import { embeddingRules } from 'governance-kit/embedding'
 * embeddingRules.householdAlreadyLed.id // 'household-already-led'
 * ```
 *
 * @category Rules
 */
export const embeddingRules = Object.freeze({ ...communityRules, ...ownRules })

/**
 * The id of a rule of embedding (a {@link decider!RuleViolation}'s `rule`), as a union.
 *
 * @category Rules
 */
export type EmbeddingRuleId = RuleIdOf<typeof embeddingRules>
