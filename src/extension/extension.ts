/**
 * Entry point of the VS Code extension. Activation (on a YAML file or one of our commands) only
 * wires listeners and registers providers: nothing reads the disk or lints on this path; the
 * documents already open are linted right after, on the next tick. The time spent here is
 * measured and exposed (`activationMs`) for the benchmark.
 *
 * Each feature file registers itself through one `register*(context, diagnostics)` call below.
 */
import { bundleEvaluationStart } from './activationClock';
import * as vscode from 'vscode';
import { DiagnosticsController } from './diagnostics';
import { EditorConfigs } from './configFiles';
import { BackgroundLinter } from './backgroundLint/backgroundLinter';
import { lintWorkspace, registerLintWorkspace, type LintWorkspaceSummary } from './lintWorkspace';
import type { Finding } from '../core/lint/finding';
import { registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { registerHover } from './hover';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerExportCommands } from './exportCommands';
import { nativeSchemas } from '../core/completion/nativeSchemas';
import { registerRedHatYaml } from './redHatYaml';
import { registerCanaryPanel, type CanaryPanelApi } from './panel';
import { registerJourneys, type JourneysApi } from './journeys/journeyTests';
import { WorkspaceTemplates } from './workspaceTemplates';
import { registerTemplateNavigation } from './templateNavigation';

/** What `vscode.extensions.getExtension('release-safety.release-safety').exports` gives. */
export interface ReleaseSafetyApi {
  /** Milliseconds spent in activate(). */
  readonly activationMs: number;
  /** Milliseconds from the first line of the bundle being evaluated to its last. */
  readonly bundleLoadMs: number;
  /** Milliseconds VS Code spent between the end of the bundle's evaluation and calling activate(). */
  readonly beforeActivateMs: number;
  readonly diagnostics: DiagnosticsController;
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined;
  findingsOf(document: vscode.TextDocument): readonly Finding[] | undefined;
  lintWorkspace(token?: vscode.CancellationToken): Promise<LintWorkspaceSummary>;
  /** The live canary watch, its view and status bar (for tests). */
  readonly canary: CanaryPanelApi;
  /** Synthetic journeys: Test Explorer items, runs, secrets, host consent. */
  readonly journeys: JourneysApi;
  /** The workspace's index of templates and references (for tests). */
  readonly templates: WorkspaceTemplates;
}

// Top-level code of the entry module runs after every module it imports: the bundle ends here.
const bundleEvaluationEnd = performance.now();

export function activate(context: vscode.ExtensionContext): ReleaseSafetyApi {
  const t0 = performance.now();
  const bundleLoadMs = bundleEvaluationEnd - bundleEvaluationStart;
  const beforeActivateMs = t0 - bundleEvaluationEnd;
  const configs = new EditorConfigs();
  const redHat = registerRedHatYaml(context);
  const background = new BackgroundLinter(vscode.Uri.joinPath(context.extensionUri, 'dist', 'lintWorker.js').fsPath);
  // References resolve across the workspace: a Rollout is linted with the templates of every file.
  // The index needs the controller (it re-checks files that refer to an edited template), so the
  // hook reaches it once it exists.
  let templates: WorkspaceTemplates | undefined;
  const diagnostics = new DiagnosticsController(configs, background, {
    ...(redHat ? { findingFilter: redHat.findingFilter } : {}),
    projectFor: (uri) => templates?.projectFor(uri),
  });
  context.subscriptions.push(configs, diagnostics);
  const findingFor = diagnostics.findingFor.bind(diagnostics);
  const findingsOf = diagnostics.findingsOf.bind(diagnostics);
  registerLintWorkspace(context, diagnostics);
  templates = new WorkspaceTemplates(diagnostics);
  context.subscriptions.push(templates);
  registerTemplateNavigation(context, templates);
  // Feature registrations (quick fixes, completion, hover, CodeLens, commands) go here, one call each.
  registerCodeActions(context, findingFor);
  registerCompletion(context, nativeSchemas);
  // Hover, CodeLens and the Canary view read the same governing `.release-safety.yaml` as the diagnostics.
  const configBudget = (uri: vscode.Uri) => configs.forUri(uri)?.config.budget;
  registerHover(context, configBudget);
  registerCodeLens(context, configBudget);
  // Before registerCommands: it adds a placeholder Run Journey only when no one registered the real one.
  const journeys = registerJourneys(context, configs);
  registerCommands(context);
  registerExportCommands(context);
  redHat?.start(() => diagnostics.relintAll());
  // A canary source's `auth:` secret comes from the same secret storage as the journeys' (asked once, masked).
  const canary = registerCanaryPanel(context, configBudget, (name) =>
    journeys.secrets.getOrAsk(name, undefined, 'A canary source'),
  );
  diagnostics.start();
  const activationMs = performance.now() - t0;
  return {
    activationMs,
    bundleLoadMs,
    beforeActivateMs,
    diagnostics,
    findingFor,
    findingsOf,
    lintWorkspace: (token) => lintWorkspace(diagnostics, token),
    canary,
    journeys,
    templates,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions, which VS Code disposes.
}
