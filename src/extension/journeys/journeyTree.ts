/**
 * The Test Explorer's tree of journeys (the shape of VS Code's test-provider sample, testTree.ts):
 * each synthetic file, its journeys and their steps as test items with ranges. What an item stands
 * for lives in a WeakMap beside it, never parsed back out of its id. Open documents are re-read
 * after a short pause in typing, not on every keystroke.
 */
import { isLargeText } from '../largeDocuments';
import * as vscode from 'vscode';
import { KeyedDebounce } from '../keyedDebounce';
import { readFileSync } from 'node:fs';
import { parseFile } from '../../core/parse/parseFile';
import { buildSyntheticConfig } from '../../core/synthetic/buildSynthetic';
import type { Journey } from '../../core/synthetic/model';
import type { Ref } from '../../core/parse/yamlNodes';
import type { LineIndex } from '../../core/text/lineIndex';
import { stepLabel } from '../../core/journey/httpStep';

/** Pause after the last keystroke before a file's items are rebuilt. */
export const TREE_DEBOUNCE_MS = 300;

export type ItemData =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'journey'; uri: vscode.Uri; docIndex: number; journeyIndex: number; steps: Map<number, vscode.TestItem> }
  | { kind: 'step'; journey: vscode.TestItem; stepIndex: number };

/** Item ids stay stable across edits (the Test Explorer keeps results and expansion by id). */
export const journeyId = (uri: vscode.Uri, docIndex: number, index: number): string =>
  `${uri.toString()}#${docIndex}/${index}`;
const stepId = (journey: string, index: number): string => `${journey}/${index}`;

export function rangeFrom(lineIndex: LineIndex, ref: Ref): vscode.Range {
  const a = lineIndex.positionAt(ref.offset);
  const b = lineIndex.positionAt(ref.offset + ref.length);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

export class JourneyTree implements vscode.Disposable {
  private readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private readonly timers = new KeyedDebounce();

  constructor(private readonly controller: vscode.TestController) {}

  dataOf(item: vscode.TestItem): ItemData | undefined {
    return this.data.get(item);
  }

  /** The file's item now, read from the open document or the disk; undefined without journeys. */
  async discover(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    this.cancelPending(uri);
    const text = await textOf(uri);
    return text === undefined ? undefined : this.update(uri, text);
  }

  /** An edit: rebuild the file's items once typing pauses. */
  scheduleUpdate(document: vscode.TextDocument): void {
    this.timers.schedule(
      document.uri.toString(),
      TREE_DEBOUNCE_MS,
      () => !document.isClosed && this.update(document.uri, document.getText()),
    );
  }

  /** (Re)builds a file's items from its text; a file without journeys has no item. */
  update(uri: vscode.Uri, text: string): vscode.TestItem | undefined {
    const key = uri.toString();
    if (isLargeText(text) || !/^\s*synthetic\s*:/m.test(text)) {
      this.controller.items.delete(key);
      return undefined;
    }
    const file = parseFile(text);
    const journeys = file.documents
      .filter((d) => d.kind === 'synthetic')
      .flatMap((d) => buildSyntheticConfig(d, file)?.journeys.map((journey) => ({ journey, docIndex: d.index })) ?? []);
    if (journeys.length === 0) {
      this.controller.items.delete(key);
      return undefined;
    }
    const item =
      this.controller.items.get(key) ?? this.controller.createTestItem(key, vscode.workspace.asRelativePath(uri), uri);
    this.data.set(item, { kind: 'file', uri });
    item.children.replace(
      journeys.map(({ journey, docIndex }) => this.journeyItem(uri, docIndex, journey, file.lineIndex)),
    );
    this.controller.items.add(item);
    return item;
  }

  private journeyItem(uri: vscode.Uri, docIndex: number, j: Journey, lineIndex: LineIndex): vscode.TestItem {
    const id = journeyId(uri, docIndex, j.index);
    const item = this.controller.createTestItem(id, j.name, uri);
    item.range = rangeFrom(lineIndex, j.nameRef);
    item.description = j.kind === 'browser' ? 'browser' : 'api';
    item.tags = [new vscode.TestTag(j.kind)];
    const steps = new Map<number, vscode.TestItem>();
    item.children.replace(
      j.steps.map((s) => {
        const si = this.controller.createTestItem(stepId(id, s.index), stepLabel(s), uri);
        si.range = rangeFrom(lineIndex, s.ref);
        this.data.set(si, { kind: 'step', journey: item, stepIndex: s.index });
        steps.set(s.index, si);
        return si;
      }),
    );
    this.data.set(item, { kind: 'journey', uri, docIndex, journeyIndex: j.index, steps });
    return item;
  }

  /** The journey items a request covers: a file means its journeys, a step means its journey. */
  journeyItemsOf(request: vscode.TestRunRequest): vscode.TestItem[] {
    const out = new Set<vscode.TestItem>();
    const excluded = new Set(request.exclude ?? []);
    const add = (item: vscode.TestItem): void => {
      if (excluded.has(item)) return;
      const d = this.data.get(item);
      if (d?.kind === 'file') item.children.forEach(add);
      else if (d?.kind === 'journey') out.add(item);
      else if (d?.kind === 'step' && !excluded.has(d.journey)) out.add(d.journey);
    };
    if (request.include) request.include.forEach(add);
    else this.controller.items.forEach(add);
    return [...out];
  }

  /** Looks through the workspace's YAML files (the Test Explorer asks for everything). */
  async discoverWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', 2000);
    for (const uri of files) await this.discover(uri);
  }

  private cancelPending(uri: vscode.Uri): void {
    this.timers.cancel(uri.toString());
  }

  dispose(): void {
    this.timers.dispose();
  }
}

/** The text of an open document, else of the file on disk; undefined when it cannot be read. */
export async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return uri.scheme === 'file'
      ? readFileSync(uri.fsPath, 'utf8')
      : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
