import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

// Child processes for the load benchmark: start one, wait for it to answer, watch its memory.

export const ROOT = path.resolve(import.meta.dirname, '..');

/** A port nothing listens on right now (on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Server {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Milliseconds from spawn to the first 200 on `readyPath`. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `command args` (Node, not through a shell, so the pid is the server's own) and polls
 * `readyPath` every 10 ms until it answers 200.
 */
export async function startServer(command: string, args: string[], opts: { env: NodeJS.ProcessEnv; port: number; readyPath: string; timeoutMs?: number }): Promise<Server> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = started + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}:\n${output}`);
    const status = await fetch(url + opts.readyPath).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} ${args.join(' ')} did not answer ${opts.readyPath} within ${opts.timeoutMs ?? 30_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    pid: child.pid!,
    url,
    readyMs,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Resident memory of a process in MiB, from /proc (Linux); undefined elsewhere. */
export function rssMiB(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak. */
export function watchRss(pid: number, everyMs = 100): { stop(): number | undefined } {
  let peak: number | undefined;
  const sample = () => {
    const now = rssMiB(pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
