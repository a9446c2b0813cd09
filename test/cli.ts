/** The real launcher (`node bin/groundwork.js …`) run as from a shell, in a temporary folder of files a test writes. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/groundwork.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliFolder {
  dir: string;
  /** Writes `text` to `name` below the folder, making its folders; answers the file's path. */
  write(name: string, text: string): string;
  /** `groundwork <args>` with the folder as working directory and `env` over this process's environment. */
  groundwork(args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun>;
}

/** A fresh temporary folder (`prefix` names it), removed after the file's tests. */
export function cliFolder(prefix: string): CliFolder {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, text) {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    groundwork(args, env = {}) {
      const base = { ...process.env };
      delete base.FORCE_COLOR; // vitest sets it; the CLI must decide from the (piped) stdout
      delete base.NO_COLOR;
      return new Promise((resolve) => {
        // From a foreign cwd: the launcher must not depend on where it is run.
        execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...base, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        });
      });
    },
  };
}
