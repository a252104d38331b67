/**
 * The one pretty-printer for JSON people read (the CLI, the web page, VS Code's documents and diffs): payload ids
 * are 64-bit (5982324300946918154), beyond JavaScript's safe integers, so text goes through lossless-json, which
 * keeps every number's digits exactly. Pure and browser-safe.
 */
import { parse, stringify } from 'lossless-json';

/** The parsed value (numbers kept as exact LosslessNumbers), or undefined when the text is not JSON. */
export function parseLossless(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** Indented JSON (two spaces) for any value, including ones holding parseLossless output. */
export function stringifyLossless(value: unknown): string {
  return stringify(value, undefined, 2) ?? 'null';
}

/** Indented JSON when the text is JSON, else null (callers then show the text as it is). */
export function prettyJson(text: string): string | null {
  const value = parseLossless(text);
  return value === undefined ? null : stringifyLossless(value);
}
