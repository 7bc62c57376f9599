/**
 * The rules of integration (整合机制的规则), as data: every rule a refusal of integration's
 * `decide` can name, with what it requires. The docs' rule table (`docs/integration.md`) is
 * generated from this catalogue (`npm run docs:rules`), and a test keeps the two in step.
 *
 * Integration decides every rule it refuses with itself: it reads the registry, the embedding
 * records and a council's hall as context, but calls no other mechanism's `decide` or rule
 * check, so it inherits no rule of theirs. The ids `earlier-than-last-event`, `not-a-resident`
 * and `council-charter` are also ids of the registry's or the hall's own rules: the same kind of
 * rule, decided by each mechanism on its own stream.
 *
 * @module
 */
import { defineRules, type RuleIdOf } from '../core/index.js'

/**
 * The catalogue of integration's rules (规则目录), by vehicle: the street's stream, the council
 * 议事会, the one-stop station 一站式服务站 and its requests and arrangements, the integration
 * school 融合学堂, the volunteer teams 志愿服务队 and the points bank 公益银行.
 *
 * @example
 * ```ts
 * import { integrationRules } from 'governance-kit/integration'
 * integrationRules.equalAccess.id // 'equal-access'
 * ```
 *
 * @category Rules
 */
export const integrationRules = defineRules({
  // The street's stream, and who lives in the street
  runsForward: [
    'earlier-than-last-event',
    "A command is dated no earlier than the street's last integration event: a street's integration record runs forward, so a ledger's statements and a course's hours read in order.",
  ],
  livesInStreet: [
    'not-a-resident',
    'A resident who files a request, a volunteer who joins a team or whose service is recorded, and a learner who enrols or attends a class live in the street now.',
  ],

  // Management integration: the co-governance council 共治议事会
  councilHall: ['council-hall', 'A hall carries at most one council.'],
  councilCharter: [
    'council-charter',
    "A council is constituted on a hall whose charter is a council's charter (`council: true`), which the deliberation mechanism keeps with seats and a balance rule for migrant and local seats through every amendment.",
  ],
  councilBranch: [
    'council-branch',
    'A council is carried by an active council branch 议事会党支部 that sits where its hall does (one place inside the other) and carries no other council.',
  ],
  councilBalance: [
    'council-balance',
    "A council is constituted on a hall whose roster is in balance: the migrant and local representatives who act now are no further apart than the charter's tolerance.",
  ],
  councilChair: [
    'council-chair',
    "A council is constituted on a hall whose chair is a secretary of the council's branch.",
  ],
  councilArticles: [
    'council-articles',
    "A council's written charter 成文章程 has at least one article.",
  ],

  // Service integration: the one-stop station 一站式服务站
  departmentOnce: [
    'department-twice',
    'A station has each department once: listed once when it opens, and brought only when it lacks it.',
  ],
  staffOnce: ['staff-twice', 'A station opens with each member of staff listed once.'],
  staffBound: ['staff-full', 'A station has at most 100 staff.'],
  departmentInStation: [
    'department-not-in-station',
    'A service is catalogued under a department the station has.',
  ],
  somebodyEligible: [
    'nobody-eligible',
    'A service is open to registered residents, to migrant residents, or to both.',
  ],
  equalAccess: [
    'equal-access',
    'A service open to registered residents is open to migrants too, unless a legal restriction 法定限制 is recorded (equal access 同等待遇 unless the law says otherwise).',
  ],
  restrictionExplainsGap: [
    'restriction-without-gap',
    'A restriction is recorded only for a service open to one kind of resident, so that every recorded restriction explains a real difference in access.',
  ],
  catalogueBound: ['catalogue-full', "A station's catalogue holds at most 200 services."],
  serviceInForce: [
    'service-withdrawn',
    'A service withdrawn from the catalogue is neither withdrawn again nor requested.',
  ],
  eligible: [
    'not-eligible',
    "A request is filed for a resident whose household registration now is one the service is open to (a refusal cites the restriction's basis when one is recorded).",
  ],
  othersRequests: [
    'decides-own-request',
    'A member of staff serves, refers or refuses the requests of others, never one of their own.',
  ],
  arrangementEndsOnce: ['arrangement-ended', 'A cross-region arrangement 跨地区协作 ends once.'],

  // Resource integration: the integration school 融合学堂
  schoolLedByParty: [
    'school-led-by-party',
    'A school is opened led by an active party organisation (committee, branch or group), and takes commands only while the organisation that leads it is active.',
  ],
  teachersBound: ['teachers-full', 'A school has at most 200 teachers.'],
  courseHasTeachers: [
    'no-teachers',
    'A course is offered with at least one teacher to hold its classes.',
  ],
  teachersEngaged: ['teacher-not-engaged', 'A course names only teachers its school has engaged.'],
  teacherOnce: ['teacher-twice', 'A course names each of its teachers once.'],
  enrolledOnce: [
    'already-enrolled',
    'A learner is enrolled in a course once (one enrolment per course and learner, even after completing or withdrawing).',
  ],
  attendeesEnrolled: ['not-enrolled', "A class's attendees are enrolled in its course now."],
  attendeeOnce: ['attended-twice', 'A class names each of its attendees once.'],
  classesApart: [
    'class-overlap',
    "A class, recorded when it ends and so running from `at − minutes` to `at`, starts no earlier than the end of its course's latest class, so that no hour is counted twice.",
  ],
  teachersTeach: [
    'teacher-learns',
    "A teacher of a course neither enrols in it nor is named among its classes' attendees.",
  ],
  completionByAnother: [
    'completes-own',
    'The completion of an enrolment is recorded by someone other than its learner (a school head too).',
  ],
  hoursAttended: [
    'hours-attended',
    'A course is completed once the hours to complete it are attended.',
  ],

  // Value integration: volunteer teams 志愿服务队
  teamLedByMember: [
    'team-led-by-member',
    'A team is formed, handed over and led by a party member embedded in the street (one who has reported to the community 报到) who lives in it; a leader who no longer is one acts for the team no more until it is handed over.',
  ],
  teamInService: [
    'team-disbanded',
    'A disbanded team takes no command but the review of the service records it left.',
  ],
  joinsOnce: ['already-in-team', 'A volunteer joins only a team they are not in.'],
  teamBound: ['team-full', 'A team has at most 1,000 volunteers.'],
  volunteerOfTeam: [
    'not-in-team',
    'A volunteer leaves, serves for, or is handed the lead of a team they are in.',
  ],
  leaderHandsOver: ['leader-leaves', "A team's leader hands the team over before leaving it."],
  servedBeforeRecorded: ['service-in-future', 'Service is recorded no earlier than it was served.'],
  servedAfterForming: [
    'service-before-team',
    'Service is recorded as served no earlier than its team was formed.',
  ],
  reviewedByAnother: [
    'reviews-own-service',
    'A service record is verified or rejected by a leader who neither served it nor recorded it: nobody both records and verifies service.',
  ],

  // Value integration: the points bank 公益银行
  operatorActive: [
    'operator-dissolved',
    'A bank is opened with an operator organisation that is not dissolved.',
  ],
  holderKind: [
    'holder-kind',
    "A volunteer's or a family's account is held by a person; a provider's by a person or an organisation.",
  ],
  holderActive: [
    'holder-dissolved',
    'An organisation has an account opened for it, and takes redemptions as a provider, only while it is active.',
  ],
  oneAccountPerHolder: [
    'one-account-per-holder',
    'A holder has at most one account of each kind in a bank.',
  ],
  teamWithinBank: [
    'team-outside-bank',
    "A bank issues points only for the records of teams whose place lies within the bank's place (a bank pays the teams where it sits, at its own rate).",
  ],
  holdersRecord: [
    'not-holders-record',
    "Points for a service record are paid into an account held by the record's volunteer.",
  ],
  accountKind: [
    'account-kind',
    "Points are paid into a volunteer's account, redeemed from a volunteer's or a family's account at a provider's, and donated from a volunteer's account to a family's.",
  ],
  wholePoints: [
    'no-points',
    "A service record is paid only when it earns at least one whole point at the bank's rate.",
  ],
  donatesToAnother: [
    'donates-to-self',
    'A holder donates only to a family account held by another.',
  ],
  redeemsWithAnother: [
    'redeems-to-self',
    'A holder redeems only at a provider that is neither the holder nor an organisation the actor leads, so that spent points leave their holder.',
  ],
  pointsCovered: [
    'insufficient-points',
    'A redemption or donation is covered by the balance of the account it debits: balances are never negative.',
  ],
})

/**
 * The id of one of integration's rules (the `rule` of a {@link decider!RuleViolation} it refuses with).
 *
 * @category Rules
 */
export type IntegrationRuleId = RuleIdOf<typeof integrationRules>
