import { describe, expect, it } from 'vitest'
import { after, assign, memberOf, reportIn, sanitation, send, spec } from './spec-fixtures.js'

// The rules of the depth of embedding (depth.ts): what members do is recorded act by act by the
// secretary of their organisation (or above), never by themselves; an assigned member becomes
// active with their first substantive act (`substantive-act`), not by attending.

const act = (actor: string, member: string, kind: string, occasion: string) =>
  send(actor, 'recordMemberAct', { member, act: kind, occasion })

describe('the depth of embedding: recording what members do', () => {
  it('attending does not make an assigned member active; speaking does', () => {
    const attended = spec
      .given(after([...reportIn('p-m1'), assign('d-1', 'p-m1', sanitation())]))
      .when(act('p-li', 'p-m1', 'attended', 'Grid meeting'))
      .then()
    expect(memberOf(attended.state, 'p-m1')?.status).toBe('assigned')
    const spoke = attended.when(act('p-li', 'p-m1', 'spoke', 'Hearing')).then()
    const m = memberOf(spoke.state, 'p-m1')
    expect(m?.status).toBe('active')
    expect(m?.acts.map((a) => a.act)).toEqual(['attended', 'spoke'])
  })

  it('authority is checked first: a member without a post is simply not authorised', () => {
    spec
      .given(after(reportIn('p-m1')))
      .when(act('p-m1', 'p-m1', 'spoke', 'Hearing'))
      .thenRefused({
        code: 'Forbidden',
        actor: 'p-m1',
        missingRole: ['secretary@organisation:o-grid-east'],
      })
  })
})
