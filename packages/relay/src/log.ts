/**
 * The relay's console: friendly lines for people, JSON lines with --json for tools. Only the fields given
 * are written, and callers never pass a secret (authorization values stay in the store).
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** One line per attempt, like `stripe listen`. */
  line(text: string, fields: Record<string, unknown>): void;
}

export interface LoggerOptions {
  json: boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: string, message: string, fields: Record<string, unknown> | undefined, write: (line: string) => void): void => {
    if (options.json) {
      write(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }));
    } else {
      write(level === 'info' || level === 'line' ? message : `${level}: ${message}`);
    }
  };
  return {
    info: (message, fields) => emit('info', message, fields, out),
    warn: (message, fields) => emit('warn', message, fields, err),
    error: (message, fields) => emit('error', message, fields, err),
    line: (text, fields) => emit('line', text, fields, out),
  };
}
