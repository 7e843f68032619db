/**
 * The editor's way to the analysis of a Rollout, a Flagger Canary or an AnalysisTemplate: the
 * templates it references are looked up among the workspace's YAML files (bounded), and
 * `releaseSafety.prometheusUrl` (per workspace folder) replaces the in-cluster addresses the files
 * name, since the editor usually runs outside the cluster.
 */
import * as vscode from 'vscode';
import { parseFile } from '../../core/parse/parseFile';
import type { AnalysisFile, JobsResult } from '../../core/analysis/job';
import { resolveJobs } from '../../core/analysis/resolveJobs';

const MAX_FILES = 500;
const TEMPLATE_KIND = /^kind\s*:\s*["']?(AnalysisTemplate|ClusterAnalysisTemplate|MetricTemplate)\b/m;

export function prometheusUrlFor(uri: vscode.Uri): string | undefined {
  const url = vscode.workspace.getConfiguration('releaseSafety', uri).get<string>('prometheusUrl', '').trim();
  return url || undefined;
}

async function workspaceTemplates(except: vscode.Uri): Promise<AnalysisFile[]> {
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', MAX_FILES);
  const out: AnalysisFile[] = [];
  for (const uri of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    if (uri.toString() === except.toString()) continue;
    let text: string;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      continue;
    }
    if (TEMPLATE_KIND.test(text)) out.push({ path: vscode.workspace.asRelativePath(uri), file: parseFile(text) });
  }
  return out;
}

/** The jobs of one document of `text` (the file at `uri`), config errors in the user's words. */
export async function analysisJobsFor(uri: vscode.Uri, text: string, docIndex: number): Promise<JobsResult> {
  const target: AnalysisFile = { path: vscode.workspace.asRelativePath(uri), file: parseFile(text) };
  const prometheus = prometheusUrlFor(uri);
  return resolveJobs(target, await workspaceTemplates(uri), { docIndex, ...(prometheus ? { prometheus } : {}) });
}
