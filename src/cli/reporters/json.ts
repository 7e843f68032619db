/**
 * `--format json` (README, The CLI): one array of findings, 1-based positions, in file order:
 * {"file", "line", "column", "endLine", "endColumn", "rule", "severity", "message"}.
 */
import { rangeOf, type Reporter } from './report';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export const jsonReporter: Reporter = ({ files }) => {
  const out: JsonFinding[] = [];
  for (const file of files) {
    for (const f of file.findings) {
      out.push({ file: file.displayPath, ...rangeOf(file, f), rule: f.rule, severity: f.severity, message: f.message });
    }
  }
  return `${JSON.stringify(out, null, 2)}\n`;
};
