/**
 * Names and descriptions (名称与说明): the free text every record of the registry carries, bounded
 * so that input cannot exhaust memory.
 *
 * @module
 */
import { text } from '../../core/index.js'

/**
 * A name of a place, person or organisation: 1 to 200 characters.
 *
 * @category State
 */
export const Name = text(200, 'name (1 to 200 characters)')
/**
 * A free-text reason or description: 1 to 2,000 characters.
 *
 * @category State
 */
export const Description = text(2000, 'description (1 to 2000 characters)')
