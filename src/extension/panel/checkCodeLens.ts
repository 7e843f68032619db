/**
 * "Check against Prometheus" above each metric of an AnalysisTemplate and of a Flagger Canary:
 * the metric's query runs once (through `releaseSafety.prometheusUrl` when set) and the lens then
 * shows the value, the condition and the phase, as its controller would judge it right now.
 * Nothing is queried in an untrusted workspace.
 */
import * as vscode from 'vscode';
import { RefreshableLensProvider } from '../refreshableLenses';
import { analysisMetricRefs } from '../../core/analysis/metricRefs';
import { measure, type MetricOutcome } from '../../core/analysis/runAnalysis';
import { round } from '../../core/analysis/judge';
import { isLargeDocument } from '../largeDocuments';
import { parsedDocument } from '../parsedDocument';
import { analysisJobsFor } from './analysisJobs';

export const CHECK_COMMAND = 'releaseSafety.checkAgainstPrometheus';
const ANALYSIS_KIND = /^kind\s*:\s*["']?(AnalysisTemplate|ClusterAnalysisTemplate|Canary)\b/m;
const ICON: Record<MetricOutcome['phase'], string> = {
  Successful: '$(pass)',
  Failed: '$(error)',
  Inconclusive: '$(question)',
  Error: '$(warning)',
};

export interface CheckResult {
  name: string;
  /** Workspace-relative path of the file that holds the metric. */
  file: string;
  phase: MetricOutcome['phase'];
  value: number | null;
  condition: string;
  message: string;
  at: number;
}

/** The last check of each metric: `uri#docIndex#name` -> result (or a message when it could not run). */
export class CheckResults {
  private readonly results = new Map<string, CheckResult | { error: string }>();
  private readonly emitter = new vscode.EventEmitter<CheckResult | undefined>();
  readonly onDidChange = this.emitter.event;

  key(uri: vscode.Uri, docIndex: number, name: string): string {
    return `${uri.toString()}#${docIndex}#${name}`;
  }

  get(key: string): CheckResult | { error: string } | undefined {
    return this.results.get(key);
  }

  set(key: string, value: CheckResult | { error: string }): void {
    this.results.set(key, value);
    this.emitter.fire('error' in value ? undefined : value);
  }

  /** The most recent checks, newest first (for the Canary view). */
  latest(limit = 10): CheckResult[] {
    return [...this.results.values()]
      .filter((r): r is CheckResult => !('error' in r))
      .sort((a, b) => b.at - a.at)
      .slice(0, limit);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export function lensTitle(r: CheckResult): string {
  const value = r.value === null ? 'no value' : round(r.value);
  return `${ICON[r.phase]} ${r.phase}: ${value} · ${r.condition}`;
}

class CheckCodeLensProvider extends RefreshableLensProvider {
  constructor(private readonly results: CheckResults) {
    super();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (isLargeDocument(document)) return [];
    const text = document.getText();
    if (!ANALYSIS_KIND.test(text)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const ref of analysisMetricRefs(parsedDocument(document))) {
      const range = new vscode.Range(document.positionAt(ref.offset), document.positionAt(ref.offset));
      const args = [document.uri, ref.docIndex, ref.name];
      const last = this.results.get(this.results.key(document.uri, ref.docIndex, ref.name));
      if (last && !('error' in last)) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: lensTitle(last),
            tooltip: last.message || `Checked at ${new Date(last.at).toLocaleTimeString()}`,
            command: CHECK_COMMAND,
            arguments: args,
          }),
        );
        lenses.push(new vscode.CodeLens(range, { title: 'Check again', command: CHECK_COMMAND, arguments: args }));
      } else {
        lenses.push(
          new vscode.CodeLens(range, {
            title: '$(beaker) Check against Prometheus',
            tooltip: last?.error ?? "Run this metric's query once and judge it as the controller would",
            command: CHECK_COMMAND,
            arguments: args,
          }),
        );
      }
    }
    return lenses;
  }
}

export function registerCheckCodeLens(context: vscode.ExtensionContext, log: vscode.OutputChannel): CheckResults {
  const results = new CheckResults();
  const provider = new CheckCodeLensProvider(results);
  context.subscriptions.push(
    results,
    provider,
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }, { pattern: '**/*.{yaml,yml}' }], provider),
    results.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand(
      CHECK_COMMAND,
      async (uri?: vscode.Uri, docIndex?: number, name?: string): Promise<CheckResult | undefined> => {
        if (!(uri instanceof vscode.Uri) || typeof docIndex !== 'number' || typeof name !== 'string') return undefined;
        const key = results.key(uri, docIndex, name);
        if (!vscode.workspace.isTrusted) {
          const error =
            'Release Safety queries no Prometheus in an untrusted workspace: a file could make the editor call any address on your network. Trust the workspace to check metrics.';
          results.set(key, { error });
          void vscode.window.showWarningMessage(error);
          return undefined;
        }
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const text = document ? document.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const { jobs, errors } = await analysisJobsFor(uri, text, docIndex);
        const metric = jobs.flatMap((j) => j.metrics).find((m) => m.name === name);
        if (errors.length || !metric) {
          const error = errors.length ? errors.join(' ') : `No metric named ${name} to check.`;
          results.set(key, { error });
          void vscode.window.showWarningMessage(`Cannot check ${name}: ${error}`);
          return undefined;
        }
        const outcome = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: `Checking ${name} against Prometheus` },
          () => measure(metric, {}),
        );
        const result: CheckResult = {
          name,
          file: vscode.workspace.asRelativePath(uri),
          phase: outcome.phase,
          value: outcome.value,
          condition: outcome.condition,
          message: outcome.message,
          at: Date.now(),
        };
        log.appendLine(
          `[check] ${name}: ${result.phase} (value ${result.value ?? 'none'}, ${result.condition})${result.message ? ` ${result.message}` : ''}`,
        );
        results.set(key, result);
        return result;
      },
    ),
  );
  return results;
}
