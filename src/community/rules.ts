/**
 * The rules of the registry (登记规则), as data: every rule the registry's `decide` can refuse
 * with, under a short key, with what the rule requires. The registry builds on no other mechanism,
 * so every rule is its own. The lifecycle tables' guards are named here too
 * (`guard: communityRules.noActiveSubOrganisations.id`), and the docs' rule list is generated from
 * the catalogue (`npm run docs:rules`). A mechanism on the registry's stream (embedding) spreads
 * this catalogue into its own.
 *
 * @module
 */
import { defineRules, type RuleIdOf } from '../core/index.js'

/**
 * The catalogue of the registry's rules 规则目录, in the order the docs list them.
 *
 * @example
 * ```ts
 * import { communityRules } from 'governance-kit/community'
 * communityRules.selfAppointment.id // 'self-appointment'
 * ```
 *
 * @category Rules
 */
export const communityRules = defineRules({
  earlierThanLastEvent: [
    'earlier-than-last-event',
    "A command on a street's registry stream is dated no earlier than the stream's last event (checked first, for every command on the stream, embedding's too): a registry's record runs forward.",
  ],
  moveToSameHome: [
    'move-to-same-home',
    'A resident is moved to a home other than the one they live in.',
  ],
  notAResident: [
    'not-a-resident',
    'A departure is recorded for a person who has a home in the street.',
  ],
  seatLevel: [
    'seat-level',
    'An organisation sits at a level of place its kind allows (`allowedSeats`).',
  ],
  parentKind: [
    'parent-kind',
    "An organisation's parent is of a kind that may hold it (`allowedParents`).",
  ],
  parentActive: ['parent-active', "An organisation's parent is active, not dissolved."],
  seatWithinParent: [
    'seat-within-parent',
    "An organisation sits within its parent's place (`isWithin`).",
  ],
  branchHost: [
    'branch-host',
    "A social-organisation branch's `host` is an active social organisation, and the branch sits where its host works (one place contains the other).",
  ],
  branchSeat: [
    'branch-seat',
    'A party branch sits where its kind allows (`allowedBranchSeats`: a grid branch in a grid, a floating branch at street, community or grid level, …).',
  ],
  noActiveSubOrganisations: [
    'no-active-sub-organisations',
    'An organisation is dissolved only when no organisation under it, and no branch inside it, is active (the guard of `organisationMachine`).',
  ],
  roleScope: ['role-scope', 'A role is held over a level of scope it allows (`allowedScopes`).'],
  scopeActive: ['scope-active', 'A role over an organisation is held over an active one.'],
  alreadyHoldsRole: [
    'already-holds-role',
    'A person is appointed only to a role they do not already hold over exactly this scope.',
  ],
  singleHolder: [
    'single-holder',
    'A single-holder post (`singleHolderRoles`, e.g. secretary) has one holder at a time: the first one is ended before a second is appointed.',
  ],
  selfAppointment: [
    'self-appointment',
    'Posts are given by someone else: nobody appoints themselves.',
  ],
  onePartyRoot: [
    'one-party-root',
    'A street has one party tree: at most one active party committee without a parent, so a registrar cannot found a hierarchy that answers to nobody.',
  ],
  lastStreetRegistrar: [
    'last-street-registrar',
    'The street keeps a registrar: its only registrar does not leave the post, or the street, until another is appointed (or nobody could change the registry again).',
  ],
})

/**
 * The id of a rule of the registry (a {@link decider!RuleViolation}'s `rule`), as a union.
 *
 * @category Rules
 */
export type CommunityRuleId = RuleIdOf<typeof communityRules>
