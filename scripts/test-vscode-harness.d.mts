// Types of test-vscode-harness.mjs, for the TypeScript tests (test/ui) that import it.
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';

export const repoRoot: string;
export const cacheDir: string;
export const node24Dir: string;
export const node24: string;
export const codeServerDir: string;
export const serverMain: string;
export const codeServerBin: string;
export const chromiumPath: string;
export const vsixPath: string;
export const CHROMIUM_ARGS: string[];
export function requireSystemDeps(): void;
export function freePort(): Promise<number>;
export function tempDir(prefix: string): string;
export function removeDir(dir: string): void;
export function startGroup(
  command: string,
  args: string[],
  options?: { env?: Record<string, string>; log?: (chunk: string) => void; cwd?: string },
): ChildProcess;
export function killGroup(child: ChildProcess | undefined, signal?: NodeJS.Signals): void;
export function stopGroup(child: ChildProcess | undefined, ms?: number): Promise<void>;
export function waitForHttp(url: string, ms: number, child?: ChildProcess): Promise<void>;
export function startVSCodeServer(options: {
  log: (chunk: string) => void;
  dataRoot: string;
  workspaceTrust?: boolean;
}): Promise<{ child: ChildProcess; port: number }>;
export function codeServerEnv(dataRoot: string): Record<string, string>;
export function installVsix(dataRoot: string, vsix?: string): void;
export function startCodeServer(options: {
  dataRoot: string;
  port: number;
  log: (chunk: string) => void;
  host?: string;
  workspaceTrust?: boolean;
}): Promise<ChildProcess>;
export const UNTRUSTED_WORKBENCH_SETTINGS: Record<string, unknown>;
export function grantWorkspaceTrust(page: import('playwright-core').Page): Promise<string>;
export function launchChromium(): Promise<Browser>;
export const WORKBENCH_SETTINGS: Record<string, unknown>;
export function writeUserSettings(dataRoot: string, settings?: Record<string, unknown>): void;
export function secretSpellings(secret: string): string[];
export function scanPageForSecrets(
  page: import('playwright-core').Page,
  secrets: string[],
): Promise<{ leaks: string[]; frames: number; notifications: number; chars: number }>;
