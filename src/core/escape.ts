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
 * - controls (`\p{Cc}`: C0 U+0000–U+001F, line feed and tab included, since an error message is
 *   one line; DEL U+007F; C1 U+0080–U+009F);
 * - format characters (`\p{Cf}`): the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E and
 *   U+2066–U+2069, zero-width characters U+200B–U+200D, U+2060–U+2064 and U+FEFF, the soft hyphen
 *   U+00AD, the interlinear annotation marks U+FFF9–U+FFFB, the tag characters U+E0001 and
 *   U+E0020–U+E007F (invisible hidden text), …;
 * - every other default-ignorable code point (`\p{Default_Ignorable_Code_Point}`): the combining
 *   grapheme joiner U+034F, the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, the Mongolian
 *   variation selectors and U+180E, variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF, …;
 * - the line and paragraph separators U+2028 and U+2029 (`\p{Zl}`, `\p{Zp}`);
 * - lone surrogates (`\p{Cs}`: with the `u` flag a well-formed pair is one code point, so only an
 *   unpaired half matches).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Cs}]/gu

/** The longest escape {@link escapeInvisible} writes: `\u{XXXXX}` (tag characters have five digits). */
export const ESCAPE_LENGTH = 10

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
