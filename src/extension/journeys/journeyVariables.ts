/**
 * Where a journey's `${env:NAME}` and `${secret:NAME}` values come from in the editor, settled
 * before anything is sent:
 *   - env: the extension host's environment, then the `.env` file (dotenv syntax) at the root of
 *     the file's workspace folder (the environment wins, as with the CLI's --env-file), then values
 *     entered in this session;
 *   - secrets: VS Code's SecretStorage (see journeySecrets.ts), never a file.
 * Every value still missing is named in one question; the user enters them now (secrets masked
 * and stored) or the run stops with the whole list. A code-server's extension host has no shell
 * environment of the user's, which is why the `.env` file and the question exist.
 */
import * as vscode from 'vscode';
import * as util from 'node:util';
import type { Journey } from '../../core/synthetic/model';
import { envNames, secretNames } from '../../core/journey/variables';
import type { JourneySecrets } from './journeySecrets';

export interface MissingVariable {
  kind: 'env' | 'secret';
  name: string;
}

/** The questions asked of the user; tests replace them to answer without a dialog. */
export interface VariablePrompter {
  /** Names every missing value at once; true when the user wants to enter them now. */
  confirm(
    missing: readonly MissingVariable[],
    journeys: readonly Journey[],
    envFile: vscode.Uri | undefined,
  ): Promise<boolean>;
  /** One value (a secret masked); undefined when dismissed. */
  ask(variable: MissingVariable, token: vscode.CancellationToken): Promise<string | undefined>;
}

export type ResolvedVariables =
  | { ok: true; env: (name: string) => string | undefined; secret: (name: string) => string | undefined }
  | { ok: false; message: string };

const label = (v: MissingVariable) => `\${${v.kind}:${v.name}}`;

export const vscodePrompter: VariablePrompter = {
  async confirm(missing, journeys, envFile) {
    const ENTER = 'Enter values';
    const what = journeys.length === 1 ? `"${journeys[0].name}"` : `${journeys.length} journeys`;
    const envHint = missing.some((m) => m.kind === 'env')
      ? `Env values can also go in ${envFile ? vscode.workspace.asRelativePath(envFile) : 'a .env file at the workspace folder root'} (NAME=value lines). `
      : '';
    const answer = await vscode.window.showWarningMessage(
      `${what} need${journeys.length === 1 ? 's' : ''} ${missing.length === 1 ? 'a value that is' : `${missing.length} values that are`} not set: ${missing.map(label).join(', ')}`,
      {
        modal: true,
        detail: `Nothing has been sent. ${envHint}Secrets are kept in VS Code's secret storage, never in files.`,
      },
      ENTER,
    );
    return answer === ENTER;
  },
  async ask(v, token) {
    const secret = v.kind === 'secret';
    return vscode.window.showInputBox(
      {
        title: `Release Safety: ${secret ? 'secret' : 'variable'} ${v.name}`,
        prompt: secret
          ? `A journey uses \${secret:${v.name}}. Its value is kept in VS Code's secret storage (your OS keychain), never in settings or files.`
          : `A journey uses \${env:${v.name}}. Used for this session; to keep it, add ${v.name}=... to the workspace's .env file.`,
        password: secret,
        ignoreFocusOut: true,
        placeHolder: `value of ${v.name}`,
      },
      token,
    );
  },
};

export class JourneyVariables {
  /** Env values entered in this session (not written anywhere). */
  private readonly entered = new Map<string, string>();
  prompter: VariablePrompter = vscodePrompter;

  constructor(private readonly secrets: JourneySecrets) {}

  async resolve(
    uri: vscode.Uri,
    journeys: readonly Journey[],
    token: vscode.CancellationToken,
  ): Promise<ResolvedVariables> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const envFile = folder ? vscode.Uri.joinPath(folder.uri, '.env') : undefined;
    const fromFile = envFile ? await readEnvFile(envFile) : {};
    if (typeof fromFile === 'string') return { ok: false, message: `Not run, nothing was sent: ${fromFile}` };
    const env = (name: string) => process.env[name] ?? fromFile[name] ?? this.entered.get(name);
    const stored = new Map<string, string>();
    const missing: MissingVariable[] = [];
    for (const name of unique(journeys.flatMap(envNames)))
      if (env(name) === undefined) missing.push({ kind: 'env', name });
    for (const name of unique(journeys.flatMap(secretNames))) {
      const value = await this.secrets.get(name);
      if (value === undefined) missing.push({ kind: 'secret', name });
      else stored.set(name, value);
    }
    const resolved: ResolvedVariables = { ok: true, env, secret: (name) => stored.get(name) };
    if (missing.length === 0) return resolved;

    const stop = (left: readonly MissingVariable[]): ResolvedVariables => ({
      ok: false,
      message: notSetMessage(left, envFile),
    });
    if (!(await this.prompter.confirm(missing, journeys, envFile)) || token.isCancellationRequested)
      return stop(missing);
    for (let i = 0; i < missing.length; i++) {
      const v = missing[i];
      const value = await this.prompter.ask(v, token);
      if (value === undefined || value === '' || token.isCancellationRequested) return stop(missing.slice(i));
      if (v.kind === 'secret') {
        await this.secrets.store(v.name, value);
        stored.set(v.name, value);
      } else this.entered.set(v.name, value);
    }
    return resolved;
  }
}

/** The one message that names every value still missing, and where each kind is set. */
export function notSetMessage(missing: readonly MissingVariable[], envFile: vscode.Uri | undefined): string {
  const env = missing.filter((m) => m.kind === 'env');
  const secrets = missing.filter((m) => m.kind === 'secret');
  const where: string[] = [];
  if (env.length)
    where.push(
      `add ${env.map((m) => `${m.name}=...`).join(', ')} to ${envFile ? vscode.workspace.asRelativePath(envFile) : 'a .env file at the workspace folder root'}`,
    );
  if (secrets.length)
    where.push(
      `run again and enter ${secrets.length === 1 ? 'the secret' : 'the secrets'} when asked (kept in VS Code's secret storage)`,
    );
  return `Not run, nothing was sent: ${missing.length === 1 ? 'this value is' : 'these values are'} not set: ${missing.map(label).join(', ')}. To set them, ${where.join('; ')}.`;
}

/** The `.env` file's values; {} when there is none; a message when it cannot be read. */
async function readEnvFile(uri: vscode.Uri): Promise<Record<string, string> | string> {
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return {};
    return `${vscode.workspace.asRelativePath(uri)} could not be read (${(e as Error).message}).`;
  }
  // node:util's parseEnv (the CLI's --env-file parser) is in Node 20.12+; older VS Code hosts lack it.
  const parseEnv = (util as { parseEnv?: (text: string) => Record<string, string> }).parseEnv;
  if (!parseEnv)
    return `${vscode.workspace.asRelativePath(uri)} cannot be read by this VS Code (its Node has no .env parser): update VS Code, or enter the values when asked.`;
  return parseEnv(text);
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
