#!/usr/bin/env node
import { exitQuietlyWhenReaderGoes } from './cli/broken-pipe.js';
import { runCli } from './cli/program.js';

exitQuietlyWhenReaderGoes(process.stdout);
exitQuietlyWhenReaderGoes(process.stderr);
process.exitCode = await runCli(process.argv);
