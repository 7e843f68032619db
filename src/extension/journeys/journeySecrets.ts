/**
 * `${secret:NAME}` in the editor: values live in VS Code's SecretStorage (the OS keychain), never
 * in settings or files. A missing one is asked for (masked) by journeyVariables.ts and stored here.
 * SecretStorage cannot list its keys, so the names (never the values) are kept in globalState for
 * the "Manage Journey Secrets" command.
 */
import * as vscode from 'vscode';

const KEY_PREFIX = 'releaseSafety.secret.';
const INDEX_KEY = 'releaseSafety.secretNames';
export const MANAGE_SECRETS_COMMAND = 'releaseSafety.manageJourneySecrets';

export class JourneySecrets {
  constructor(private readonly context: vscode.ExtensionContext) {}

  names(): string[] {
    return [...(this.context.globalState.get<string[]>(INDEX_KEY) ?? [])].sort();
  }

  async get(name: string): Promise<string | undefined> {
    return this.context.secrets.get(KEY_PREFIX + name);
  }

  async store(name: string, value: string): Promise<void> {
    await this.context.secrets.store(KEY_PREFIX + name, value);
    const names = new Set(this.names());
    names.add(name);
    await this.context.globalState.update(INDEX_KEY, [...names]);
  }

  async delete(name: string): Promise<void> {
    await this.context.secrets.delete(KEY_PREFIX + name);
    await this.context.globalState.update(
      INDEX_KEY,
      this.names().filter((n) => n !== name),
    );
  }

  /** The stored value, or asks for it once (masked); undefined when the user dismisses the box. */
  async getOrAsk(name: string, token?: vscode.CancellationToken, usedBy = 'A journey'): Promise<string | undefined> {
    const stored = await this.get(name);
    if (stored !== undefined) return stored;
    const value = await vscode.window.showInputBox(
      {
        title: `Release Safety: secret ${name}`,
        prompt: `${usedBy} uses \${secret:${name}}. Its value is kept in VS Code's secret storage (your OS keychain), never in settings or files.`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: `value of ${name}`,
      },
      token,
    );
    if (value === undefined || value === '') return undefined;
    await this.store(name, value);
    return value;
  }
}

export function registerSecretCommands(context: vscode.ExtensionContext, secrets: JourneySecrets): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(MANAGE_SECRETS_COMMAND, async () => {
      const names = secrets.names();
      if (names.length === 0) {
        void vscode.window.showInformationMessage(
          'Release Safety keeps no journey secrets yet: they are asked for the first time a journey uses ${secret:NAME}.',
        );
        return;
      }
      const ALL = '$(trash) Clear all journey secrets';
      const picked = await vscode.window.showQuickPick(
        [...names.map((n) => ({ label: n, description: 'clear this secret' })), { label: ALL }],
        {
          title: 'Release Safety: journey secrets (values are never shown)',
          placeHolder: 'Pick a secret to clear; it is asked for again at the next run',
        },
      );
      if (!picked) return;
      const clear = picked.label === ALL ? names : [picked.label];
      for (const n of clear) await secrets.delete(n);
      void vscode.window.showInformationMessage(
        `Cleared ${clear.length === 1 ? `the secret ${clear[0]}` : `${clear.length} secrets`}.`,
      );
    }),
  );
}
