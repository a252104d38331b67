/**
 * Which methods a path answers to, for a 405 (with `Allow`) instead of a 404 when the path exists but the method
 * does not. Read once from the app's own routers, so it can never disagree with them.
 */
import { match } from 'path-to-regexp';

interface RouterLayer {
  route?: { path: unknown; methods: Record<string, boolean | undefined> };
  handle?: { stack?: RouterLayer[] };
}

interface RouteEntry {
  matches: (path: string) => boolean;
  methods: string[];
}

function collect(stack: readonly RouterLayer[], into: RouteEntry[]): RouteEntry[] {
  for (const layer of stack) {
    if (layer.route && typeof layer.route.path === 'string') {
      const methods = Object.keys(layer.route.methods).filter((method) => layer.route?.methods[method] && method !== '_all').map((method) => method.toUpperCase());
      into.push({ matches: match(layer.route.path, { decode: false }) as (path: string) => boolean, methods });
    } else if (layer.handle?.stack) {
      collect(layer.handle.stack, into);
    }
  }
  return into;
}

/** `stack` is the app's router stack (`app.router.stack`), read after every router is mounted. */
export function allowedMethodsOf(stack: readonly unknown[]): (path: string) => string[] {
  let table: RouteEntry[] | null = null;
  return (path) => {
    table ??= collect(stack as RouterLayer[], []);
    const methods = new Set<string>();
    for (const entry of table) if (entry.matches(path)) for (const method of entry.methods) methods.add(method);
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
