/**
 * Tells a Go / Helm template from YAML. A chart's `templates/rollout.yaml` is not YAML until Helm
 * renders it (`{{- if .Values.rollout.enabled }}`, `name: {{ include "app.fullname" . }}`), so its
 * parse errors say nothing about the rollout: the file gets one `yaml/template` finding instead.
 *
 * Not templates: Argo's `{{args.service-name}}` and Flagger's `{{ interval }}` placeholders, which
 * the controllers fill in at run time and which sit inside quoted strings or block scalars (a
 * PromQL `query: |`), and Go templates inside block scalars (Argo notification messages).
 */
import type { Ref } from './yamlNodes';

/** A Helm / Go template action, not an Argo or Flagger placeholder. */
const HELM_ACTION =
  /\{\{-|-\}\}|\{\{\s*(?:\.|\$|\/\*|(?:if|else|end|range|with|define|include|template|block|toYaml|tpl|printf|default|required|quote|not|eq|ne|and|or|lookup)\b)|\{\{[^}]*\|/;
/**
 * Matches wherever HELM_ACTION matches a line of the file, blanked or not (blanking only turns
 * quoted text and comments into spaces, and a `|` after `{{` may sit past a `}`): a file it does not
 * match has no template action.
 */
const ACTION_ANYWHERE = new RegExp(HELM_ACTION.source.replace(String.raw`\{\{[^}]*\|`, String.raw`\{\{[^\n]*\|`));
/** What `blankQuotes` changes: a line without these is its own blanked form. */
const QUOTE_OR_COMMENT = /["'#]/;
const BLOCK_SCALAR_START = /:\s*[|>][-+0-9]*\s*(?:#.*)?$|^\s*-\s+[|>][-+0-9]*\s*(?:#.*)?$/;

/** The first template action of a file written as a Go / Helm template, or undefined for YAML. */
export function findTemplateDirective(text: string): Ref | undefined {
  if (!text.includes('{{')) return undefined; // most files: no scan at all
  // Argo's and Flagger's placeholders alone (`{{args.x}}`, `{{ interval }}`): no line can match.
  if (!ACTION_ANYWHERE.test(text)) return undefined;
  let offset = 0;
  let blockOwnerIndent = -1; // >= 0 while inside a block scalar owned by a line of that indentation
  const lines = text.split('\n');
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const content = line.trimStart();
    const indent = line.length - content.length;
    if (blockOwnerIndent >= 0) {
      if (content === '' || content === '\r' || indent > blockOwnerIndent) {
        // A whole-line action inside a block scalar is still Helm's (`{{- end }}` closing a block).
        if (
          content.startsWith('{{') &&
          (/^\{\{-/.test(content) || /^\{\{\s*(?:end|else|if|range|with)\b/.test(content))
        )
          return actionAt(line, start);
        continue;
      }
      blockOwnerIndent = -1;
    }
    if (content.startsWith('#')) continue;
    // Most lines hold neither an action nor a block scalar indicator: no blanking, no regex.
    const action = line.includes('{{') || line.includes('-}}');
    if (!action && !line.includes('|') && !line.includes('>')) continue;
    const unquoted = QUOTE_OR_COMMENT.test(line) ? blankQuotes(line) : line;
    const m = action ? HELM_ACTION.exec(unquoted) : null;
    if (m) return actionAt(line, start, unquoted.lastIndexOf('{{', m.index + 2));
    if (BLOCK_SCALAR_START.test(unquoted.replace(/\r$/, ''))) blockOwnerIndent = indent;
  }
  return undefined;
}

/** The `{{ ... }}` at (or after) column `from`, as a range in the file. */
function actionAt(line: string, lineStart: number, from = 0): Ref {
  const open = Math.max(0, line.indexOf('{{', Math.max(0, from)));
  const close = line.indexOf('}}', open);
  return { offset: lineStart + open, length: close >= 0 ? close + 2 - open : 2 };
}

/** The line with its quoted strings (and a trailing comment) blanked out, same length. */
function blankQuotes(line: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') {
        out += '  ';
        i++;
      } else if (c === quote) {
        if (quote === "'" && line[i + 1] === "'") {
          out += '  ';
          i++;
        } else {
          quote = undefined;
          out += c;
        }
      } else out += ' ';
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s:\[{,-]/.test(line[i - 1]))) quote = c;
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return out + ' '.repeat(line.length - i);
    out += c;
  }
  return out;
}
