/**
 * The rules of cross-region arrangements with migrants' home places
 * (`src/integration/arrangements.ts`), over the pure decider.
 */
import { describe, expect, it } from 'vitest'
import { ArrangementId, PersonId, lookup } from '../../src/core/index.js'
import { arrangementsFor } from '../../src/integration/index.js'
import { CLERK, EAST_CLERK, forbiddenTo, rule, seeded, STREET } from './spec-fixtures.js'

const STREET_REGISTRAR = `registrar@street:${STREET}`

const notFound = (entity: string, id: string) => ({ code: 'NotFound', entity, id })

describe('cross-region arrangements', () => {
  const honghu = (id: string, over: Record<string, unknown> = {}) => ({
    arrangement: id,
    home: 'Honghu, Hubei',
    benefit: 'medical-insurance',
    subject: "Honghu's rural cooperative insurance reimbursed at two Guangzhou hospitals",
    partners: ['Guangzhou Hospital A', 'Guangzhou Hospital B'],
    ...over,
  })

  it('a registrar of the street records and ends an arrangement; a community registrar does not', () => {
    const r = seeded()
    r.when(EAST_CLERK, 'recordArrangement', honghu('ar-1')).thenRefused(
      forbiddenTo(EAST_CLERK, 'recordArrangement', [STREET_REGISTRAR]),
    )
    r.must(CLERK, 'recordArrangement', honghu('ar-1'))
    expect(lookup(r.state.arrangements, ArrangementId.make('ar-1'))).toMatchObject({
      home: 'Honghu, Hubei',
      benefit: 'medical-insurance',
      partners: ['Guangzhou Hospital A', 'Guangzhou Hospital B'],
      endedAt: null,
    })
    r.when(CLERK, 'recordArrangement', honghu('ar-1')).thenRefused({
      code: 'AlreadyExists',
      entity: 'arrangement',
      id: 'ar-1',
    })
    r.when(EAST_CLERK, 'endArrangement', { arrangement: 'ar-1' }).thenRefused(
      forbiddenTo(EAST_CLERK, 'endArrangement', [STREET_REGISTRAR]),
    )
    r.must(CLERK, 'endArrangement', { arrangement: 'ar-1' })
    r.when(CLERK, 'endArrangement', { arrangement: 'ar-1' }).thenRefused(rule('arrangement-ended'))
    r.when(CLERK, 'endArrangement', { arrangement: 'ar-9' }).thenRefused(
      notFound('arrangement', 'ar-9'),
    )
  })

  it('a migrant has the arrangements in force with their home place', () => {
    const r = seeded()
    r.must(CLERK, 'recordArrangement', honghu('ar-school', { benefit: 'schooling' }))
    r.must(CLERK, 'recordArrangement', honghu('ar-insurance'))
    r.must(CLERK, 'recordArrangement', honghu('ar-old', { benefit: 'social-security' }))
    r.must(CLERK, 'recordArrangement', honghu('ar-xiantao', { home: 'Xiantao, Hubei' }))
    r.must(CLERK, 'endArrangement', { arrangement: 'ar-old' })
    const state = r.state
    const registry = r.registry().registry
    expect(arrangementsFor(state, registry, PersonId.make('p-wang')).map((a) => a.id)).toEqual([
      'ar-school',
      'ar-insurance',
    ])
    expect(arrangementsFor(state, registry, PersonId.make('l-1'))).toEqual([])
    expect(arrangementsFor(state, registry, PersonId.make('p-ghost'))).toEqual([])
  })
})
