/**
 * Stored logs keep their meaning: the log each example stored (recorded by
 * `test/fixtures/record-logs.ts`) replays on today's code to the state it folded to then (the
 * owning part's, for logs recorded when a combined root's state was a product), and
 * every event's JSON passes its codec unchanged. A change of wire format or of a state's shape
 * fails here, and must be made on purpose (record again, and say so in the CHANGELOG).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { combine, replay, type Tagged } from '../src/core/index.js'
import { community } from '../src/community/index.js'
import { embedding } from '../src/embedding/index.js'
import { deliberation } from '../src/deliberation/index.js'
import { dispute } from '../src/dispute/index.js'
import { integration } from '../src/integration/index.js'
import { recordedExamples, type RecordedLog } from './fixtures/recorded.js'

const here = dirname(fileURLToPath(import.meta.url))
const mechanisms = { community, deliberation, dispute, embedding, integration } as const

const load = (name: string): RecordedLog =>
  JSON.parse(readFileSync(join(here, 'fixtures', 'logs', `${name}.json`), 'utf8')) as RecordedLog

describe.each(Object.entries(recordedExamples))('the recorded log of %s', (name, parts) => {
  const log = load(name)
  const root = combine(
    'street',
    Object.fromEntries(parts.map((part) => [part, mechanisms[part]])) as Record<
      string,
      (typeof mechanisms)[keyof typeof mechanisms]
    >,
  )

  it('was recorded from this example with these parts, and holds events', () => {
    expect(log.example).toBe(name)
    expect(log.parts).toEqual(parts)
    expect(log.events.length).toBeGreaterThan(20)
  })

  it('every stored event passes its codec, and encodes to the JSON it was stored as', () => {
    for (const stored of log.events) {
      const decoded = root.eventCodec.decode(stored.event)
      expect(E.isRight(decoded), `${stored.stream}@${stored.version}`).toBe(true)
      if (E.isRight(decoded))
        expect(JSON.stringify(root.eventCodec.encode(decoded.right))).toBe(
          JSON.stringify(stored.event),
        )
    }
  })

  it('each stream replays to the state recorded', () => {
    const streams = new Map<string, Tagged[]>()
    for (const s of log.events)
      streams.set(s.stream, [...(streams.get(s.stream) ?? []), s.event as Tagged])
    expect([...streams.keys()].sort()).toEqual(Object.keys(log.states).sort())
    for (const [stream, events] of streams) {
      const state: unknown = replay(root, events as never)
      const recorded = (log.states as Record<string, unknown>)[stream]
      if (log.shape === 'sum') {
        expect(JSON.stringify(state), stream).toBe(JSON.stringify(recorded))
        continue
      }
      // Recorded before combine became a sum: the owner's state is under its key, and every
      // other part's state is its initial state (the product held nothing more).
      const kind = stream.slice(0, stream.indexOf('/'))
      const owner = parts.find((part) => mechanisms[part].streamKinds.includes(kind))
      expect(owner, stream).toBeDefined()
      const product = recorded as Record<string, unknown>
      expect(Object.keys(product).sort()).toEqual([...parts].sort())
      for (const part of parts)
        expect(JSON.stringify(product[part]), `${stream} ${part}`).toBe(
          JSON.stringify(part === owner ? state : mechanisms[part].initialState),
        )
    }
  })
})
