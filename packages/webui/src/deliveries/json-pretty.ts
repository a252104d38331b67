/**
 * Pretty-prints JSON text for people without changing a single number: Procore's 64-bit event ids are beyond
 * JavaScript's safe integers, so the text goes through lossless-json, which keeps each number's digits.
 */
import { parse, stringify } from 'lossless-json';

export interface Pretty {
  text: string;
  /** false when the input was not JSON and is shown as it came. */
  json: boolean;
}

export function prettyJson(raw: string): Pretty {
  if (raw.trim() === '') return { text: raw, json: false };
  try {
    const text = stringify(parse(raw), undefined, 2);
    return text === undefined ? { text: raw, json: false } : { text, json: true };
  } catch {
    return { text: raw, json: false };
  }
}

/** Headers as a JSON object, in the order they were recorded. */
export function prettyHeaders(headers: Readonly<Record<string, string>>): string {
  return JSON.stringify(headers, null, 2);
}
