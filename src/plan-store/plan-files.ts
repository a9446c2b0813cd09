/**
 * Command-line paths → plan files. A file is taken as named (whatever its extension); a directory
 * is searched recursively for *.yaml, *.yml and *.json (hidden directories and node_modules are
 * skipped). The result is sorted and free of duplicates; paths that do not exist are returned apart
 * so the command can report them (exit 2) and still check the rest.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadPlanText, makeFinding, MAX_PLAN_BYTES, SCHEMA_RULE, type LoadedDocument } from '../plan/load.ts';
import type { Finding } from '../plan/schema.ts';

export const PLAN_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export interface ExpandedPaths {
  /** Plan files, sorted, each once; as the user spelled them (joined with `path.join` below a directory). */
  files: string[];
  /** Arguments that do not exist or cannot be read. */
  missing: { path: string; reason: string }[];
}

export const isPlanFile = (name: string): boolean => PLAN_FILE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/**
 * `.groundworkignore` in a directory lists entry names (one per line, `#` comments) that a
 * directory walk skips — e.g. `examples/` keeps its deliberately flawed plan out of
 * `groundwork lint examples/`. Paths named on the command line are never ignored.
 */
export const IGNORE_FILE = '.groundworkignore';

async function readIgnoreFile(dir: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path.join(dir, IGNORE_FILE), 'utf8');
  } catch {
    return new Set();
  }
  return new Set(
    text
      .split(/\r?\n/)
      .map((l) => l.replace(/#.*/, '').trim().replace(/\/+$/, ''))
      .filter(Boolean),
  );
}

export async function expandPaths(paths: readonly string[]): Promise<ExpandedPaths> {
  const files = new Set<string>();
  const missing: ExpandedPaths['missing'] = [];
  const visitedDirs = new Set<string>();

  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) return; // symlink loop or the same directory named twice
    visitedDirs.add(real);
    let entries: Dirent[];
    let ignored: Set<string>;
    try {
      entries = await readdir(dir, { withFileTypes: true });
      ignored = await readIgnoreFile(dir);
    } catch (e) {
      missing.push({ path: dir, reason: reasonOf(e) });
      return;
    }
    for (const entry of entries) {
      if (ignored.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(full);
      } else if (isFile && isPlanFile(entry.name)) {
        files.add(full);
      }
    }
  };

  for (const p of paths) {
    const st = await stat(p).catch((e: unknown) => e as Error);
    if (st instanceof Error) missing.push({ path: p, reason: reasonOf(st) });
    else if (st.isDirectory()) await walk(p);
    else files.add(p);
  }
  return { files: [...files].sort(), missing };
}

export function reasonOf(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

export interface LoadedPlanFiles {
  documents: LoadedDocument[];
  /** Unreadable paths and schema problems, as `schema` findings with file and line. */
  findings: Finding[];
  files: string[];
}

/** Paths → every plan document in them (the CLI's lint and import, and the demo seed, read plans this way). */
export async function loadPlanFiles(paths: readonly string[]): Promise<LoadedPlanFiles> {
  const expanded = await expandPaths(paths);
  const problem = (file: string, message: string) => makeFinding({ rule: SCHEMA_RULE, severity: 'error', message, file, path: '' });
  const findings: Finding[] = expanded.missing.map((m) => problem(m.path, `cannot read ${m.path}: ${m.reason}`));
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  const loaded = await Promise.all(
    expanded.files.map(async (file) => {
      try {
        const { size } = await stat(file);
        if (size > MAX_PLAN_BYTES)
          return { documents: [], findings: [problem(file, `file is too large (${mb(size)}); the limit is ${mb(MAX_PLAN_BYTES)}`)] };
        return loadPlanText(await readFile(file, 'utf8'), file);
      } catch (e) {
        return { documents: [], findings: [problem(file, `cannot read ${file}: ${reasonOf(e)}`)] };
      }
    }),
  );
  for (const l of loaded) findings.push(...l.findings);
  return { documents: loaded.flatMap((l) => l.documents), findings, files: expanded.files };
}
