/**
 * The state diagrams committed in docs/*.md are the exact output of the transition
 * tables' `toMermaid()`, so the documentation cannot drift from the lifecycles it shows.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { assignmentMachine, organisationMachine } from '../src/community/index.js'
import { developmentMachine, dutyMachine, memberMachine } from '../src/embedding/index.js'
import {
  matterMachine,
  meetingMachine,
  motionMachine,
  taskMachine,
} from '../src/deliberation/index.js'
import { caseMachine } from '../src/dispute/index.js'
import { enrolmentMachine, recordMachine, requestMachine } from '../src/integration/index.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The bodies of every ```mermaid fenced block in a Markdown file, without the fences. */
const mermaidBlocks = (file: string): ReadonlyArray<string> => {
  const markdown = readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n')
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] ?? '')
}

describe('docs/community.md', () => {
  const blocks = mermaidBlocks('docs/community.md')

  it.each([
    ['organisationMachine', organisationMachine],
    ['assignmentMachine', assignmentMachine],
  ] as const)('shows %s exactly as its table draws it', (_name, machine) => {
    expect(blocks).toContain(machine.toMermaid())
  })

  it('has no other state diagram that could drift', () => {
    const diagrams = blocks.filter((b) => b.startsWith('stateDiagram-v2'))
    expect(diagrams).toHaveLength(2)
  })
})

describe('docs/embedding.md', () => {
  const blocks = mermaidBlocks('docs/embedding.md')

  it.each([
    ['memberMachine', memberMachine],
    ['developmentMachine', developmentMachine],
    ['dutyMachine', dutyMachine],
  ] as const)('shows %s exactly as its table draws it', (_name, machine) => {
    expect(blocks).toContain(machine.toMermaid())
  })

  it('has no other state diagram that could drift', () => {
    const diagrams = blocks.filter((b) => b.startsWith('stateDiagram-v2'))
    expect(diagrams).toHaveLength(3)
  })
})

describe('docs/deliberation.md', () => {
  const blocks = mermaidBlocks('docs/deliberation.md')

  it.each([
    ['matterMachine', matterMachine],
    ['meetingMachine', meetingMachine],
    ['motionMachine', motionMachine],
    ['taskMachine', taskMachine],
  ] as const)('shows %s exactly as its table draws it', (_name, machine) => {
    expect(blocks).toContain(machine.toMermaid())
  })

  it('has no other state diagram that could drift', () => {
    const diagrams = blocks.filter((b) => b.startsWith('stateDiagram-v2'))
    expect(diagrams).toHaveLength(4)
  })
})

describe('docs/dispute.md', () => {
  const blocks = mermaidBlocks('docs/dispute.md')

  it('shows caseMachine exactly as its table draws it', () => {
    expect(blocks).toContain(caseMachine.toMermaid())
  })

  it('has no other state diagram that could drift', () => {
    expect(blocks.filter((b) => b.startsWith('stateDiagram-v2'))).toHaveLength(1)
  })
})

describe('docs/integration.md', () => {
  const blocks = mermaidBlocks('docs/integration.md')

  it.each([
    ['requestMachine', requestMachine],
    ['enrolmentMachine', enrolmentMachine],
    ['recordMachine', recordMachine],
  ] as const)('shows %s exactly as its table draws it', (_name, machine) => {
    expect(blocks).toContain(machine.toMermaid())
  })

  it('has no other state diagram that could drift', () => {
    expect(blocks.filter((b) => b.startsWith('stateDiagram-v2'))).toHaveLength(3)
  })
})
