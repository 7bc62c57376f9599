/**
 * The rules of dispute coordination (矛盾纠纷化解的规则), as data: every rule a case's `decide`
 * refuses with, each under a short key with its stable id and what it requires, in the order of
 * the field — the case and its parties, mediation and the agreement, the escalation ladder. The
 * guards of the case table (`machine.ts`) are rules of this catalogue too: a guard that does not
 * hold is a refusal named after it (`every-party-consents` and `signed-and-sealed` only choose
 * between two edges, so they never refuse). The docs' rule table is generated from it
 * (`npm run docs:rules`).
 *
 * No rule of the registry reaches a case through `community`: what dispute asks of it —
 * `authorise`, `actsFor`, `hasParty`, `hasPlace` and the other place and post questions —
 * answers with a `Forbidden`, a `NotFound` or a yes or no, never a registry rule's refusal, and a
 * case never runs the registry's decider. So the catalogue holds dispute's own rules only.
 *
 * @module
 */
import { defineRules, type RuleIdOf } from '../core/index.js'

/**
 * The catalogue of dispute's rules 规则目录, each with the statement the docs show.
 *
 * @example
 * ```ts
 * import { disputeRules } from 'governance-kit/dispute'
 * disputeRules.topOfLadder.id // 'top-of-ladder'
 * ```
 *
 * @category Rules
 */
export const disputeRules = defineRules({
  // The case: filing, parties and who speaks for them, consent, the record.
  twoParties: [
    'two-parties',
    'A case has at least two distinct parties, and nobody speaks for two of them: at filing, and at every act done for a party, by the registry as it is then.',
  ],
  kindParties: [
    'kind-parties',
    "The parties fit the case's kind (persons only, for owner against owner and for residents of two communities; a person and the owners' committee, or a person and the property company; organisations only, for organisations of two communities), and no organisation party is dissolved.",
  ],
  twoCommunities: [
    'two-communities',
    'A case between two communities has parties who live or sit in exactly two communities.',
  ],
  limitsByOffice: [
    'limits-by-office',
    'Time limits are set by the office of the level: a party filing its own case sets none.',
  ],
  earlierThanLastStep: [
    'earlier-than-last-step',
    "A command on a case is dated no earlier than the case's last event, a step or not (`lastAt`; the id is kept from when only steps counted).",
  ],
  everyPartyConsents: [
    'every-party-consents',
    'A case is accepted for mediation once every party has consented, each for itself (a guard of the case table that chooses between edges: until then the case waits for the other parties; it never refuses).',
  ],
  alreadyConsented: ['already-consented', 'A party consents to mediation once.'],
  // Mediation: mediators and their assignment, sessions, the agreement, judicial confirmation.
  caseNotOpen: [
    'case-not-open',
    'A mediator is assigned to a case only while it is filed, accepted or in mediation (not from the draft agreement on, nor while it is escalated and awaits acceptance).',
  ],
  mediatorLevel: [
    'mediator-level',
    "The mediator assigned is a mediator of the case's level: a grid worker or mediator of the grid; a mediator of the community or of an organisation seated in it; a mediator of the street or of an organisation seated there; for a case between two communities, of either community.",
  ],
  alreadyAssigned: [
    'already-assigned',
    'A mediator is assigned to a case once at its level, while a post they were assigned under lasts (an assignment whose posts have all ended may be made again).',
  ],
  mediatorIsParty: [
    'mediator-is-party',
    'A mediator speaks for no party (is none, leads none, mediates inside none): when assigned, and at every act of theirs while assigned, by the registry as it is then.',
  ],
  tooManyPosts: [
    'too-many-posts',
    "An assignment records at most `MEDIATOR_POSTS_MAX` (10,000) of the mediator's qualifying posts; the registry sets no limit on one person's posts.",
  ],
  tooManyMediators: [
    'too-many-mediators',
    'A case has at most `MAX_CASE_MEDIATORS` (10) mediators assigned at a level; one assigned again keeps their place.',
  ],
  jointMediators: [
    'joint-mediators',
    'A session of a case between two communities at the community level (the joint office) has two different assigned mediators, one from each community.',
  ],
  alreadySigned: ['already-signed', 'A party signs the agreement once.'],
  alreadyCountersigned: [
    'already-countersigned',
    "The mediator signs an agreement and affixes the mediation committee's seal once.",
  ],
  signedAndSealed: [
    'signed-and-sealed',
    "An agreement takes effect when every party has signed it and the mediator has signed it with the mediation committee's seal, whichever comes last (a guard of the case table that chooses between edges: until then the agreement waits for the other signatures; it never refuses).",
  ],
  withinThirtyDays: [
    'within-30-days',
    'A party applies for judicial confirmation within 30 calendar days of the agreement taking effect: the day of effect is not counted and the 30th day ends at 24:00, Beijing time (statutory holidays are not taken into account).',
  ],
  alreadyApplied: ['already-applied', 'A party applies for judicial confirmation once.'],
  alreadyRequested: [
    'already-requested',
    'A party applies for judicial confirmation only until the joint request stands (when every party has applied).',
  ],
  // The ladder: grid → community → street.
  escalationNeedsRequest: [
    'escalation-needs-request',
    "A mediator escalates a case on a party's request, or unasked once the level's time limit has passed (at 24:00 of its last calendar day).",
  ],
  topOfLadder: [
    'top-of-ladder',
    'A case goes up the ladder from the grid or the community only: a street-level case can only be referred out.',
  ],
})

/**
 * The id of a rule of dispute (a {@link decider!RuleViolation}'s `rule`), as a union.
 *
 * @category Rules
 */
export type DisputeRuleId = RuleIdOf<typeof disputeRules>
