#!/usr/bin/env node
// Kept as plain JS so the bin link exists before the first build; the CLI itself is built from src/cli.ts.
import '../dist/cli.js';
