/**
 * Node and every browser have the WHATWG URL class, but lib "ES2022" does not declare it and core compiles
 * without @types/node (it must not depend on Node). Reaching it through globalThis with a local type keeps
 * core from declaring a global that would clash with Node's or the DOM's own declaration.
 */
export interface ParsedUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
}

const UrlClass = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/** The parsed URL, or undefined when the WHATWG parser rejects the input. */
export function parseUrl(input: string): ParsedUrl | undefined {
  try {
    return new UrlClass(input);
  } catch {
    return undefined;
  }
}
