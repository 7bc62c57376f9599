/**
 * Rules as data (规则目录): each mechanism declares the rules its refusals name, once, with what
 * each one states. The catalogue gives a typed union of rule ids, so a refusal can only name a
 * catalogued rule; the docs' rule lists are generated from it ({@link rulesTable}) and a test keeps
 * them in step.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { ruleViolation, type RuleViolation } from './errors.js'

/**
 * One rule of a catalogue: its stable kebab-case id and the rule it states, in a sentence.
 *
 * @category Rules
 */
export interface Rule<Id extends string = string> {
  /** The id a {@link RuleViolation} names (stable: apps switch on it and store it). */
  readonly id: Id
  /** What the rule requires, as the docs state it. */
  readonly statement: string
}

/**
 * A mechanism's catalogue: its rules under short keys, in the order the docs list them.
 *
 * @category Rules
 */
export type Catalogue = Readonly<Record<string, Rule>>

/** The rule ids of a catalogue, as a union. @category Rules */
export type RuleIdOf<C extends Catalogue> = C[keyof C]['id']

/**
 * Declares a catalogue from `key: [id, statement]` pairs; the ids are kept as literal types.
 * Throws (a programmer error) on an id that is not kebab-case or is given twice.
 *
 * @example
 * ```ts
 * import { defineRules } from 'governance-kit/decider'
 * const rules = defineRules({
 *   secondByAnother: ['second-by-another', 'A motion is seconded by someone other than its mover.'],
 * })
 * rules.secondByAnother.id // 'second-by-another'
 * ```
 *
 * @category Rules
 */
export const defineRules = <const R extends Readonly<Record<string, readonly [string, string]>>>(
  rules: R,
): { readonly [K in keyof R]: Rule<R[K][0]> } => {
  const seen = new Set<string>()
  const out: Record<string, Rule> = {}
  for (const [key, [id, statement]] of Object.entries(rules)) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))
      throw new Error(`defineRules: rule "${id}" (${key}) is not kebab-case`)
    if (seen.has(id)) throw new Error(`defineRules: rule "${id}" is declared twice`)
    seen.add(id)
    out[key] = Object.freeze({ id, statement })
  }
  return Object.freeze(out) as { readonly [K in keyof R]: Rule<R[K][0]> }
}

/**
 * The refusal of a catalogued rule: a {@link RuleViolation} naming `rule.id`, with `message`
 * saying what in this command broke it.
 *
 * @example
 * ```ts
 * import { defineRules, violation } from 'governance-kit/decider'
 * const rules = defineRules({ quorum: ['quorum', 'A vote needs a quorum present.'] })
 * violation(rules.quorum, '3 of 9 present') // { code: 'RuleViolation', rule: 'quorum', … }
 * ```
 *
 * @category Rules
 */
export const violation = <Id extends string>(rule: Rule<Id>, message: string): RuleViolation =>
  ruleViolation(rule.id, message)

/**
 * Refuses by `rule` when `broken` holds; passes otherwise. The message is built only when the
 * rule is broken.
 *
 * @category Rules
 */
export const refuseBy = (
  rule: Rule,
  broken: boolean,
  message: () => string,
): E.Either<RuleViolation, void> =>
  broken ? E.left(violation(rule, message())) : E.right(undefined)

/** The rules of a catalogue, in declaration order. @category Rules */
export const rulesOf = (catalogue: Catalogue): ReadonlyArray<Rule> => Object.values(catalogue)

/**
 * A catalogue as a Markdown table (`| rule | what it requires |`), as the docs pages show it
 * between `<!-- rules:NAME -->` and `<!-- /rules -->`.
 *
 * @category Rules
 */
export const rulesTable = (catalogue: Catalogue): string =>
  [
    '| rule | what it requires |',
    '| --- | --- |',
    ...rulesOf(catalogue).map((r) => `| \`${r.id}\` | ${r.statement.replace(/\|/g, '\\|')} |`),
  ].join('\n')
