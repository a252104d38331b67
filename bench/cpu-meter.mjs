/**
 * How busy the whole machine was during a measurement, and how much of that was the bench's own processes:
 * these machines are shared, and a figure taken while something else ran says so in the results. Linux only
 * (/proc); elsewhere every figure is null.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ

function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  return { busy: user + nice + system + irq + softirq + steal, all: user + nice + system + idle + iowait + irq + softirq + steal };
}

function processTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // gone: its last ticks are lost, a slight under-count of our own share
  }
}

/** Starts metering; `stop(pids)` gives cores busy in all, by `pids` (ours), and by everything else. */
export function startCpuMeter(pids) {
  let start;
  try {
    start = { machine: machineTicks(), ours: pids().reduce((sum, pid) => sum + processTicks(pid), 0), at: Date.now() };
  } catch {
    return { stop: () => ({ busyCores: null, ourCores: null, otherCores: null }) };
  }
  return {
    stop() {
      const machine = machineTicks();
      const ours = pids().reduce((sum, pid) => sum + processTicks(pid), 0) - start.ours;
      const seconds = (machine.all - start.machine.all) / TICKS_PER_SECOND / Math.max(1, cpuCount());
      if (seconds <= 0) return { busyCores: null, ourCores: null, otherCores: null };
      const busy = (machine.busy - start.machine.busy) / TICKS_PER_SECOND / seconds;
      const own = ours / TICKS_PER_SECOND / seconds;
      const round = (v) => Math.round(v * 100) / 100;
      return { busyCores: round(busy), ourCores: round(own), otherCores: round(Math.max(0, busy - own)) };
    },
  };
}

function cpuCount() {
  return readFileSync('/proc/stat', 'utf8').split('\n').filter((line) => /^cpu\d/.test(line)).length;
}
