/**
 * The human format, shaped like eslint's "stylish": a header per file with problems, then
 * `line:col  severity  message  rule`, aligned, and one summary line. Colour only when asked
 * (the command decides: stdout is a terminal and NO_COLOR is unset).
 */
import type { Severity } from '../../core/lint/finding';
import { countSeverities, rangeOf, type Reporter } from './report';

const ESC = '\u001b[';
const paint = (code: string, reset: string) => (s: string) => `${ESC}${code}m${s}${ESC}${reset}m`;
const STYLE = {
  underline: paint('4', '24'),
  dim: paint('2', '22'),
  bold: paint('1', '22'),
  red: paint('31', '39'),
  yellow: paint('33', '39'),
  blue: paint('34', '39'),
  green: paint('32', '39'),
};
const SEVERITY_COLOR: Record<Severity, (s: string) => string> = {
  error: STYLE.red,
  warning: STYLE.yellow,
  info: STYLE.blue,
};

export const stylishReporter: Reporter = ({ files, color }) => {
  const c = color ? STYLE : (Object.fromEntries(Object.keys(STYLE).map((k) => [k, (s: string) => s])) as typeof STYLE);
  const sev = (s: Severity, text: string) => (color ? SEVERITY_COLOR[s](text) : text);
  let out = '';
  for (const file of files) {
    if (file.findings.length === 0) continue;
    const rows = file.findings.map((f) => {
      const r = rangeOf(file, f);
      return { pos: `${r.line}:${r.column}`, severity: f.severity, message: oneLine(f.message), rule: f.rule };
    });
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const sevWidth = Math.max(...rows.map((r) => r.severity.length));
    const msgWidth = Math.max(...rows.map((r) => r.message.length));
    out += `\n${c.underline(file.displayPath)}\n`;
    for (const r of rows) {
      out += `  ${c.dim(r.pos.padEnd(posWidth))}  ${sev(r.severity, r.severity.padEnd(sevWidth))}  ${r.message.padEnd(msgWidth)}  ${c.dim(r.rule)}\n`;
    }
  }
  const counts = countSeverities(files);
  const total = counts.error + counts.warning + counts.info;
  const fixed = files.reduce((n, f) => n + f.fixed, 0);
  const fixedLine = fixed ? `${plural(fixed, 'fix', 'fixes')} applied.\n` : '';
  if (total === 0) {
    if (files.length === 0) return fixedLine;
    return `${fixedLine}${c.green('✔')} No problems (${plural(files.length, 'file')} checked).\n`;
  }
  const summary = `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})`;
  const paintSummary = counts.error
    ? (s: string) => c.bold(c.red(s))
    : counts.warning
      ? (s: string) => c.bold(c.yellow(s))
      : c.bold;
  const fixable = files.reduce((n, f) => n + f.findings.filter((x) => x.fix).length, 0);
  const fixableLine = fixable
    ? `  ${plural(fixable, 'problem')} can be fixed automatically with the \`--fix\` option.\n`
    : '';
  return `${out}\n${paintSummary(summary)}\n${fixableLine}${fixedLine}`;
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A finding is one row: line breaks in a message would break the columns. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
