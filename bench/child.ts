// Runs one side of the benchmark in its own Node process (so its peak RSS is its own), with
// stderr passed through for progress, and reads the metrics from its last stdout line.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { SideMetrics } from './side-metrics.ts';

const RUN_TS = resolve(import.meta.dirname, '../bin/run-ts.js');

export function runSide(script: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<SideMetrics> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, RUN_TS, resolve(import.meta.dirname, script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolvePromise(JSON.parse(last) as SideMetrics);
      } catch {
        reject(new Error(`${script} printed no metrics; its output ended with: ${last.slice(0, 300)}`));
      }
    });
  });
}
