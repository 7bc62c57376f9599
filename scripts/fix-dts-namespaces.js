// @ts-check
/**
 * Repairs the namespaces in the bundled declarations (`npm run build` runs it after tsup).
 *
 * The root exports each mechanism as a namespace too (`export * as Deliberation from …`). tsup
 * bundles declarations with rollup-plugin-dts (6.1.1, vendored in tsup 8.5), which writes such a
 * namespace as aliases — `type ns_X = X` for what it sees declared as a type in the same chunk,
 * `declare const ns_X: typeof X` for everything else — and exports the aliases. So a member
 * imported from another chunk (`Deliberation.HallState`, an interface) becomes a value that is not
 * one (TS2693 under `skipLibCheck: false`, and no type for the app), and a codec with its type of
 * the same name (`Deliberation.DeliberationCommand`) keeps only one of the two meanings.
 *
 * An ambient namespace may re-export the module's own bindings directly (`export { X }` inside
 * `declare namespace ns { … }`), which carries every meaning of `X` — type, value or both —
 * whether declared in the chunk or imported into it. That is what this script writes instead of
 * the aliases. It fails (exit 1) if it finds the shape it expects nowhere, or leaves an alias.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dist = join(import.meta.dirname, '..', 'dist')
const escape = (/** @type {string} */ s) => s.replace(/[$]/g, '\\$')
let fixed = 0

for (const file of readdirSync(dist).filter((f) => /\.d\.c?ts$/.test(f))) {
  const path = join(dist, file)
  let text = readFileSync(path, 'utf8')
  const blocks = [
    ...text.matchAll(/^declare namespace ([\w$]+) \{\n {2}export \{ ([^}]*) \};\n\}$/gm),
  ]
  if (blocks.length === 0) continue
  for (const [block, ns = '', list = ''] of blocks) {
    const alias = new RegExp(`^(?:type )?${escape(ns)}_([\\w$]+) as ([\\w$]+)$`)
    const members = list.split(', ').map((spec) => {
      const m = alias.exec(spec)
      return m !== null && m[1] === m[2] ? m[1] : spec
    })
    text = text.replace(block, `declare namespace ${ns} {\n  export { ${members.join(', ')} };\n}`)
    const e = escape(ns)
    text = text
      .replace(new RegExp(`^declare const ${e}_([\\w$]+): typeof \\1;\\n`, 'gm'), '')
      .replace(new RegExp(`^type ${e}_([\\w$]+)(<[^=\\n]*>)? = \\1(<[^;\\n]*>)?;\\n`, 'gm'), '')
    if (new RegExp(`\\b${e}_[\\w$]+\\b`).test(text)) {
      console.error(`fix-dts-namespaces: ${file}: an alias of namespace ${ns} is left`)
      process.exit(1)
    }
    fixed += 1
  }
  writeFileSync(path, text)
}

if (fixed === 0) {
  console.error('fix-dts-namespaces: no namespace found in dist/*.d.ts (has tsup changed?)')
  process.exit(1)
}
console.log(`fix-dts-namespaces: ${fixed} namespaces rewritten`)
