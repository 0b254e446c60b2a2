/**
 * CPU time of the workerd processes that a `wrangler dev` started, read from /proc (Linux only).
 * `wrangler dev` (4.x) runs two workerd processes: the runtime that hosts the Worker (and its
 * Durable Objects and the local D1/KV simulators) and a small proxy in front of it that owns the
 * public port. Both are counted separately.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuTicks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    const comm = text.slice(open + 1, close);
    // Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    const rest = text.slice(close + 2).split(' ');
    return { pid, ppid: Number(rest[1]), comm, cpuTicks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

function allProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) out.push(stat);
  }
  return out;
}

/** `rootPid` and every process below it. */
export function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of allProcesses()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out = [rootPid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

/**
 * The runtime is started with an inspector address when the inspector is on, and always listens on
 * a port the OS picks (`entry=127.0.0.1:0`); the dev proxy owns the public port.
 */
function isRuntime(cmdline: string): boolean {
  return cmdline.includes('--inspector-addr') || /--socket-addr=entry=[^\0]*:0(\0|$)/.test(cmdline);
}

export interface WorkerdPids {
  runtime: number[];
  proxy: number[];
}

/** The workerd processes descended from `rootPid`, split into the Worker runtime and wrangler's proxy. */
export function workerdDescendants(rootPid: number): WorkerdPids {
  const procs = allProcesses();
  const children = new Map<number, ProcStat[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: WorkerdPids = { runtime: [], proxy: [] };
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const child of children.get(pid) ?? []) {
      queue.push(child.pid);
      if (child.comm !== 'workerd') continue;
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      (isRuntime(cmdline) ? found.runtime : found.proxy).push(child.pid);
    }
  }
  return found;
}

/** User + system CPU time in ms of the given processes (all their threads). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) ticks += readStat(pid)?.cpuTicks ?? 0;
  return (ticks * 1000) / CLK_TCK;
}

/** Every pid under `rootPid` whose comm is workerd (for the final clean-up check). */
export function anyWorkerd(rootPid: number): number[] {
  const d = workerdDescendants(rootPid);
  return [...d.runtime, ...d.proxy];
}

export const CLOCK_TICK_MS = 1000 / CLK_TCK;
