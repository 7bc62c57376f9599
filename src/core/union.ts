/**
 * Tagged structs and unions dispatched on their tag (判别联合): the codecs of every command and
 * event, whose decode errors name one path, not every member of the union.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { oneOf, StructType, type Simplify } from './codec.js'
import { attempt, hasOwn, isPlainRecord } from './reading.js'

/**
 * A {@link struct} whose key `K` is a string literal: one member of a {@link discriminatedUnion}.
 *
 * @category Codecs
 */
export type DiscriminatedStruct<K extends string> = t.Mixed & {
  readonly required: { readonly [P in K]: { readonly value: string } }
}

/**
 * A {@link struct} with a literal `type` tag: one member of a {@link taggedUnion}.
 *
 * @category Codecs
 */
export type TaggedStruct = DiscriminatedStruct<'type'>

/**
 * A struct whose `type` key is the literal `tag`: the shape of every command and event.
 *
 * @example
 * ```ts
 * import { tagged, text } from 'governance-kit/codec'
 * const Renamed = tagged('renamed', { name: text(100) })
 * ```
 *
 * @category Codecs
 */
export const tagged = <
  const T extends string,
  R extends t.Props,
  O extends t.Props = Record<never, never>,
>(
  tag: T,
  required: R,
  optional?: O,
): StructType<Simplify<{ readonly type: t.LiteralC<T> } & R>, O> =>
  new StructType(tag, { type: t.literal(tag), ...required }, optional ?? ({} as O))

/** The members of a discriminated union, by the value of their discriminant. @category Codecs */
export type MembersBy<K extends string, Ms extends ReadonlyArray<DiscriminatedStruct<K>>> = {
  readonly [M in Ms[number] as t.TypeOf<M>[K] & string]: M
}

/**
 * The codec a {@link discriminatedUnion} returns; `members` maps each tag to its codec.
 *
 * @category Codecs
 */
export interface DiscriminatedUnionType<M extends Readonly<Record<string, t.Mixed>>> extends t.Type<
  t.TypeOf<M[keyof M]>,
  t.OutputOf<M[keyof M]>
> {
  /** The discriminant key. */
  readonly key: string
  /** The member codecs, by tag. */
  readonly members: M
  /** The tags, in declaration order. */
  readonly tags: ReadonlyArray<keyof M & string>
}

/** The codec a {@link taggedUnion} returns. @category Codecs */
export type TaggedUnionType<M extends Readonly<Record<string, t.Mixed>>> = DiscriminatedUnionType<M>

/**
 * A union of structs dispatched on the literal key `key`: an unknown value of `key` is reported at
 * `$.<key>`, and a known one is decoded by its own member only, so errors name one path.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts'
 * import { discriminatedUnion, struct } from 'governance-kit/codec'
 * const Household = discriminatedUnion('Household', 'status', [
 *   struct('Registered', { status: t.literal('registered') }),
 *   struct('Migrant', { status: t.literal('migrant'), origin: t.string }),
 * ])
 * ```
 *
 * @category Codecs
 */
export const discriminatedUnion = <
  const K extends string,
  const Ms extends ReadonlyArray<DiscriminatedStruct<K>>,
>(
  name: string,
  key: K,
  members: Ms,
): DiscriminatedUnionType<MembersBy<K, Ms>> => {
  const byTag: Record<string, t.Mixed> = {}
  const tags: string[] = []
  for (const m of members) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- false positive: K is a string key, not an enum
    const tag: string = m.required[key].value
    if (hasOwn(byTag, tag)) throw new Error(`union ${name}: duplicate ${key} "${tag}"`)
    byTag[tag] = m
    tags.push(tag)
  }
  const [first, ...rest] = tags
  if (first === undefined) throw new Error(`union ${name}: no members`)
  const tagCodec = oneOf([first, ...rest])
  const memberByTag = (tag: unknown): t.Mixed | undefined =>
    typeof tag === 'string' && hasOwn(byTag, tag) ? byTag[tag] : undefined
  const memberOf = (u: unknown): t.Mixed | undefined =>
    isPlainRecord(u) ? memberByTag(u[key]) : undefined
  const codec = new t.Type<t.TypeOf<Ms[number]>, t.OutputOf<Ms[number]>, unknown>(
    name,
    (u): u is t.TypeOf<Ms[number]> => {
      try {
        return memberOf(u)?.is(u) ?? false
      } catch {
        return false // input that cannot be read is not a value of this type
      }
    },
    (u, c) => {
      const plain = attempt(() => isPlainRecord(u))
      if (E.isLeft(plain)) return t.failure(plain.left, c)
      if (!plain.right) return t.failure(u, c)
      const read = attempt((): unknown => (u as Readonly<Record<string, unknown>>)[key])
      const tag: unknown = E.isLeft(read) ? read.left : read.right
      const member = E.isLeft(read) ? undefined : memberByTag(tag)
      if (member === undefined) return t.failure(tag, t.appendContext(c, key, tagCodec, tag))
      return member.validate(u, c)
    },
    (a) => (memberOf(a)?.encode(a) ?? a) as t.OutputOf<Ms[number]>,
  )
  return Object.assign(codec, { key, members: byTag, tags }) as unknown as DiscriminatedUnionType<
    MembersBy<K, Ms>
  >
}

/**
 * A union of {@link tagged} structs dispatched on `type` (see {@link discriminatedUnion}).
 *
 * @example
 * ```ts
 * import { taggedUnion, tagged, text, decodeWith } from 'governance-kit/codec'
 * const Command = taggedUnion('Command', [tagged('rename', { name: text(50) })])
 * decodeWith(Command, { type: 'delete' }) // Left at `$.type`
 * ```
 *
 * @category Codecs
 */
export const taggedUnion = <const Ms extends ReadonlyArray<TaggedStruct>>(
  name: string,
  members: Ms,
): TaggedUnionType<MembersBy<'type', Ms>> => discriminatedUnion(name, 'type', members)
