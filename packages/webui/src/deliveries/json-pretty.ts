/** The page's view of core's lossless pretty-printer: the text to show, and whether it was JSON. */
import { prettyJson as prettyJsonOrNull } from '@hookline/core';

export interface Pretty {
  text: string;
  /** false when the input was not JSON and is shown as it came. */
  json: boolean;
}

export function prettyJson(raw: string): Pretty {
  const text = prettyJsonOrNull(raw);
  return text === null ? { text: raw, json: false } : { text, json: true };
}

/** Headers as a JSON object, in the order they were recorded. */
export function prettyHeaders(headers: Readonly<Record<string, string>>): string {
  return JSON.stringify(headers, null, 2);
}
