export function cleanNpmEnv(env?: NodeJS.ProcessEnv): Record<string, string>;
export function codeServerInstallEnv(node24Dir: string, node24Bin: string, env?: NodeJS.ProcessEnv): Record<string, string>;
