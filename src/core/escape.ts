/**
 * Escaping for text that people read: error messages and the renderings of input inside them.
 *
 * Internal: `core/index.ts` does not re-export this module, so it is not part of the package's
 * API. `errors.ts` (every error builder) and `codec.ts` (decode paths) use it.
 *
 * @module
 */

/**
 * The characters an error message never carries raw, because they are invisible, break the line
 * or reorder what a reader sees (a logged error could be visually spoofed with them):
 *
 * - C0 controls U+0000–U+001F (line feed and tab included: an error message is one line), DEL
 *   U+007F and C1 controls U+0080–U+009F;
 * - bidi controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069;
 * - zero-width characters U+200B–U+200D, U+2060 and U+FEFF;
 * - the line and paragraph separators U+2028 and U+2029;
 * - lone surrogates (with the `u` flag a well-formed pair is one code point, so only an unpaired
 *   half matches `[\ud800-\udfff]`).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]/gu

/** The longest escape {@link escapeInvisible} writes: `\u{XXXX}`. */
export const ESCAPE_LENGTH = 8

/**
 * Makes text safe to show on one line: each character of {@link INVISIBLE} becomes the visible
 * text `\u{XXXX}`, its code point in at least four upper-case hex digits (U+202E becomes
 * `\u{202E}`, a line feed `\u{000A}`, a lone surrogate `\u{D800}`). Every other character, the
 * backslash included, is kept as it is.
 *
 * It is idempotent: its output holds no character it escapes, so escaping text that is escaped
 * already (a message built from an `actual` that `renderActual` escaped) changes nothing, and no
 * `\\u{…}` pile-up can happen. The price is that the escape is for display, not reversible: text
 * that literally reads `\u{202E}` looks the same as an escaped U+202E. Where that matters the text
 * is JSON-quoted first (`renderActual`, keys in paths), and JSON writes a typed backslash as `\\`.
 *
 * @internal
 */
export const escapeInvisible = (text: string): string =>
  text.replace(
    INVISIBLE,
    (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`,
  )
