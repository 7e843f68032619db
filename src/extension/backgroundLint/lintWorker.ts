/**
 * The lint worker (a worker_threads thread, bundled to dist/lintWorker.js): lints files too large
 * to lint within a frame on the extension host's thread. It keeps an IncrementalLinter per
 * document, so an edit re-lints one `---` document here too. Never imports vscode.
 */
import { parentPort } from 'node:worker_threads';
import { IncrementalLinter } from '../../core/lint/incrementalLint';
import { nativeSchemaOfFile } from '../../core/completion/fileSchema';
import type { WorkerRequest, WorkerResponse } from './protocol';

const linters = new Map<string, IncrementalLinter>();
const port = parentPort;

port?.on('message', (request: WorkerRequest) => {
  if (request.type === 'forget') {
    linters.delete(request.key);
    return;
  }
  let response: WorkerResponse;
  try {
    let linter = linters.get(request.key);
    if (!linter) linters.set(request.key, (linter = new IncrementalLinter()));
    const t0 = performance.now();
    const result = linter.lint(request.text, { config: request.config });
    const coreMs = performance.now() - t0;
    const fixes = result.findings.map((f) =>
      f.fix || f.suggestions ? JSON.stringify({ fix: f.fix, suggestions: f.suggestions }) : '',
    );
    response = {
      type: 'linted',
      id: request.id,
      findings: result.findings.map(({ fix: _f, suggestions: _s, ...lean }) => lean),
      fixes,
      internalErrors: result.internalErrors,
      ours: result.file.documents.some((d) => d.kind !== null),
      nativeFormat: nativeSchemaOfFile(result.file),
      lineCount: result.file.lineIndex.lineCount,
      coreMs,
    };
  } catch (e) {
    linters.delete(request.key);
    response = { type: 'failed', id: request.id, message: (e as Error).stack ?? String(e) };
  }
  port.postMessage(response);
});
