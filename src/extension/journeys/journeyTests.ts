/**
 * Synthetic journeys in the Test Explorer: the controller, its "Run" and "Run headed" profiles,
 * the "Run journey" CodeLens command, the "Run Journey..." quick pick and an output channel with
 * one line per step. The tree of items is journeyTree.ts, running them journeyRun.ts; everything
 * runs through the core runner (src/core/journey): the editor only asks and shows.
 */
import * as vscode from 'vscode';
import type { LintConfig } from '../../core/config/lintConfig';
import type { RunResult } from '../../core/journey/result';
import { effectiveConfig, readSettings } from '../settings';
import type { EditorConfigs } from '../configFiles';
import { RUN_JOURNEY_COMMAND } from '../codeLens';
import { HostConsent, registerHostCommands } from './hostConsent';
import { JourneySecrets, registerSecretCommands } from './journeySecrets';
import { JourneyVariables } from './journeyVariables';
import { JourneyTree, journeyId } from './journeyTree';
import type { JourneyRunContext, RecordedState } from './journeyRun';

export type { RecordedState } from './journeyRun';
export { stepLine } from './stepLine';

/**
 * The runner and all it needs (HTTP, browser, assertions) are not needed to list journeys: the
 * bundle keeps them in a file of their own (scripts/editorBundle.mjs), required on the first run.
 */
const journeyRun = (): typeof import('./journeyRun') => require('./journeyRun');

export const RUN_JOURNEY_PICK_COMMAND = 'releaseSafety.runJourneyPick';

/** What tests and other features may use (through the extension's exported API). */
export interface JourneysApi {
  readonly controller: vscode.TestController;
  readonly secrets: JourneySecrets;
  readonly consent: HostConsent;
  /** `${env:..}` from the workspace's .env, and the one question naming every missing value. */
  readonly variables: JourneyVariables;
  /** Runs one journey as the CodeLens does; resolves with the core's result (undefined when nothing ran). */
  runJourney(uri: vscode.Uri, journeyIndex: number, docIndex: number, headed?: boolean): Promise<RunResult | undefined>;
  /** Finds the journeys of a file now (normally done on open and, after a pause in typing, on change). */
  discover(uri: vscode.Uri): Promise<vscode.TestItem | undefined>;
  /** Each state given to a test item, with its message's line: what the Test Explorer shows (for tests). */
  readonly onDidRecord: vscode.Event<RecordedState>;
}

export function registerJourneys(context: vscode.ExtensionContext, configs: EditorConfigs): JourneysApi {
  const controller = vscode.tests.createTestController('releaseSafety.journeys', 'Release Safety journeys');
  const output = vscode.window.createOutputChannel('Release Safety Journeys');
  const secrets = new JourneySecrets(context);
  const consent = new HostConsent(context.workspaceState);
  const variables = new JourneyVariables(secrets);
  const tree = new JourneyTree(controller);
  const recorded = new vscode.EventEmitter<RecordedState>();
  context.subscriptions.push(controller, output, tree, recorded);
  registerSecretCommands(context, secrets);
  registerHostCommands(context, consent);

  const isYaml = (d: vscode.TextDocument) => d.languageId === 'yaml' || /\.ya?ml$/i.test(d.uri.path);
  for (const d of vscode.workspace.textDocuments) if (isYaml(d)) tree.update(d.uri, d.getText());
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => isYaml(d) && tree.update(d.uri, d.getText())),
    vscode.workspace.onDidChangeTextDocument(
      (e) => isYaml(e.document) && e.contentChanges.length > 0 && tree.scheduleUpdate(e.document),
    ),
  );
  controller.resolveHandler = async (item) => {
    if (!item) await tree.discoverWorkspace();
  };
  controller.refreshHandler = async () => {
    await tree.discoverWorkspace();
  };

  const runContext: JourneyRunContext = {
    tree,
    output,
    consent,
    variables,
    lintConfig: (uri): LintConfig => effectiveConfig(configs.forUri(uri), readSettings(uri)),
    screenshotDir: vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'screenshots').fsPath,
  };
  const runHandler =
    (headed: boolean) =>
    async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<RunResult | undefined> => {
      const testRun = controller.createTestRun(request, headed ? 'Run journeys (headed)' : 'Run journeys');
      try {
        const { runJourneyItems, RunStates } = journeyRun();
        return await runJourneyItems(
          runContext,
          request,
          new RunStates(testRun, (s) => recorded.fire(s)),
          token,
          headed,
        );
      } finally {
        testRun.end();
      }
    };
  const runProfile = controller.createRunProfile(
    'Run',
    vscode.TestRunProfileKind.Run,
    (r, t) => void runHandler(false)(r, t),
    true,
  );
  const headedProfile = controller.createRunProfile(
    'Run headed',
    vscode.TestRunProfileKind.Run,
    (r, t) => void runHandler(true)(r, t),
    false,
    new vscode.TestTag('browser'),
  );
  context.subscriptions.push(runProfile, headedProfile);

  const runItem = async (item: vscode.TestItem, headed: boolean): Promise<RunResult | undefined> => {
    const cts = new vscode.CancellationTokenSource();
    try {
      return await runHandler(headed)(
        new vscode.TestRunRequest([item], undefined, headed ? headedProfile : runProfile),
        cts.token,
      );
    } finally {
      cts.dispose();
    }
  };

  const runJourney = async (
    uri: vscode.Uri,
    journeyIndex: number,
    docIndex: number,
    headed = false,
  ): Promise<RunResult | undefined> => {
    const fileItem = await tree.discover(uri);
    const item = fileItem?.children.get(journeyId(uri, docIndex, journeyIndex));
    if (!item) {
      void vscode.window.showWarningMessage(
        'Release Safety: that journey was not found in the file (was it just renamed?).',
      );
      return undefined;
    }
    return runItem(item, headed);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      RUN_JOURNEY_COMMAND,
      async (uri?: unknown, _name?: unknown, journeyIndex?: unknown, docIndex?: unknown) => {
        if (uri instanceof vscode.Uri && typeof journeyIndex === 'number' && typeof docIndex === 'number')
          return runJourney(uri, journeyIndex, docIndex);
        return vscode.commands.executeCommand(RUN_JOURNEY_PICK_COMMAND);
      },
    ),
    vscode.commands.registerCommand(RUN_JOURNEY_PICK_COMMAND, async () => {
      const active = vscode.window.activeTextEditor?.document;
      if (active) await tree.discover(active.uri);
      else await tree.discoverWorkspace();
      const picks: Array<vscode.QuickPickItem & { item: vscode.TestItem }> = [];
      controller.items.forEach((file) => {
        if (active && file.id !== active.uri.toString() && controller.items.get(active.uri.toString())) return;
        file.children.forEach((j) =>
          picks.push({ label: j.label, description: `${j.description ?? ''} · ${file.label}`, item: j }),
        );
      });
      if (picks.length === 0) {
        void vscode.window.showInformationMessage(
          'No synthetic journeys here: open a file with a "synthetic:" block (or create one with "Release Safety: New Synthetic Journey").',
        );
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(picks, {
        title: 'Release Safety: Run Journey',
        placeHolder: 'Which journey?',
        matchOnDescription: true,
      });
      return picked ? runItem(picked.item, false) : undefined;
    }),
  );

  return {
    controller,
    secrets,
    consent,
    variables,
    runJourney,
    discover: (uri) => tree.discover(uri),
    onDidRecord: recorded.event,
  };
}
