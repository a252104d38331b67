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

/**
 * Lines for one of the process's streams, written together at most every FLUSH_MS: under load the relay logs two
 * lines per attempt, and one write(2) for all of them costs a fraction of one each (once per turn of the event
 * loop was still a write per event or two at a steady 2,000 events/s). Whatever is pending is written
 * (synchronously, as stdout and stderr are for files, pipes and terminals) if the process exits.
 */
const FLUSH_MS = 20;

function coalescedWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    stream.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    pending += `${line}\n`;
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, FLUSH_MS).unref();
    }
  };
}

/**
 * `{"level":…,"time":…,"message":…,…fields}` as one string: the relay writes two per attempt, and spreading the
 * fields into a new object first cost more than the rest of the line (`npm run bench` profiles).
 */
export function jsonLine(level: string, message: string, fields: Record<string, unknown> | undefined): string {
  const head = `{"level":${JSON.stringify(level)},"time":"${new Date().toISOString()}","message":${JSON.stringify(message)}`;
  const rest = fields === undefined ? '{}' : JSON.stringify(fields);
  return rest.length <= 2 ? `${head}}` : `${head},${rest.slice(1)}`;
}

let stdoutWriter: ((line: string) => void) | undefined;
let stderrWriter: ((line: string) => void) | undefined;

export function createLogger(options: LoggerOptions): Logger {
  const out = options.out ?? (stdoutWriter ??= coalescedWriter(process.stdout));
  const err = options.err ?? (stderrWriter ??= coalescedWriter(process.stderr));
  const emit = (level: string, message: string, fields: Record<string, unknown> | undefined, write: (line: string) => void): void => {
    if (options.json) {
      write(jsonLine(level, message, fields));
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
