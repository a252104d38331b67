export const NODE24_VERSION: string;
export function node24Path(env?: NodeJS.ProcessEnv): string;
export function findNode24(env?: NodeJS.ProcessEnv): string | null;
export function node24Missing(env?: NodeJS.ProcessEnv): string;
export function ensureNode24(options?: { env?: NodeJS.ProcessEnv; log?: (line: string) => void }): string;
