// Stops the server global setup started and removes its temp dir.
import { rmSync } from 'node:fs';
import { readState } from './state';

export default async function globalTeardown(): Promise<void> {
  const s = readState();
  try {
    process.kill(s.pid, 'SIGTERM');
  } catch { /* already gone */ }
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(s.pid, 0);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(s.tmp, { recursive: true, force: true });
}
