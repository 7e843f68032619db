/** Messages between the extension host and the lint worker (plain data, structured-cloned). */
import type { LintConfig } from '../../core/config/lintConfig';
import type { NativeFormat } from '../../core/completion/fileSchema';
import type { Finding } from '../../core/lint/finding';

export type WorkerRequest =
  | { type: 'lint'; id: number; key: string; text: string; config: LintConfig }
  /** The document closed: drop its kept parses. */
  | { type: 'forget'; key: string };

export type WorkerResponse =
  | {
      type: 'linted';
      id: number;
      /** Without `fix` and `suggestions`: those travel as JSON text in `fixes` (see lazyFixes). */
      findings: Finding[];
      /** Per finding, `{fix, suggestions}` as JSON, or '' when it has neither. */
      fixes: string[];
      internalErrors: string[];
      /** Whether any document is one Release Safety checks. */
      ours: boolean;
      /** The native format of the whole file, when every document is one (see fileSchema.ts). */
      nativeFormat: NativeFormat | undefined;
      lineCount: number;
      coreMs: number;
    }
  | { type: 'failed'; id: number; message: string };
