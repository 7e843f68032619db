/**
 * `--format sarif`: SARIF 2.1.0, the format code-scanning services read. One run; the driver
 * lists every rule of the catalog (id, description, docs link, default level) so that a viewer
 * can explain a result; result uris are relative to the working folder (%SRCROOT%).
 * Typed with @types/sarif so that a misspelt property is a compile error.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Severity } from '../../core/lint/finding';
import { allRuleMetas } from '../../core/lint/rules/index';
import { docsUrl, type RuleMeta } from '../../core/lint/rule';
import { rangeOf, type Reporter } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/release-safety/release-safety';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export const sarifReporter: Reporter = ({ files, cwd, version }) => {
  const metas: RuleMeta[] = [...allRuleMetas()];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  // Ids the catalog does not list (e.g. one schema/* id per schema problem) still get a descriptor.
  for (const file of files)
    for (const f of file.findings)
      if (!index.has(f.rule)) {
        index.set(f.rule, metas.length);
        metas.push({
          id: f.rule,
          defaultSeverity: f.severity,
          description: f.rule,
          docsUrl: docsUrl(f.rule),
          fixable: false,
          appliesTo: [],
        });
      }

  const rules: Sarif.ReportingDescriptor[] = metas.map((m) => ({
    id: m.id,
    shortDescription: { text: m.description },
    helpUri: m.docsUrl,
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
  }));

  const results: Sarif.Result[] = [];
  for (const file of files) {
    const artifactLocation = artifactOf(file.displayPath, file.path);
    for (const f of file.findings) {
      const r = rangeOf(file, f);
      results.push({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule)!,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
            },
          },
        ],
      });
    }
  }

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'release-safety', version, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** Relative to %SRCROOT% when the file is under the working folder, else an absolute file uri. */
function artifactOf(displayPath: string, absolutePath: string): Sarif.ArtifactLocation {
  if (
    displayPath.startsWith('../') ||
    displayPath === '..' ||
    displayPath.startsWith('/') ||
    /^[A-Za-z]:/.test(displayPath)
  ) {
    return { uri: pathToFileURL(absolutePath).href };
  }
  return { uri: displayPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
