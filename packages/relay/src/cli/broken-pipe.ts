/**
 * `hookline deliveries | head -1`: once the reader goes away, writes to stdout fail with EPIPE. Like other Unix
 * tools, the CLI then stops quietly instead of dying with an unhandled 'error' event. Nothing is lost by
 * stopping: every command's effect is on the relay, and the relay commits before it answers.
 */
export function exitQuietlyWhenReaderGoes(stream: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
