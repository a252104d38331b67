#!/usr/bin/env node
console.log('hookline relay: not built yet');
