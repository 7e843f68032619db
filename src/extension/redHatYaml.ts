/**
 * Users of Red Hat's YAML extension (redhat.vscode-yaml) get our JSON Schemas (native formats, and
 * the Argo Rollouts and Flagger kinds) for its completion, hover and outline, without any schema
 * problem showing twice.
 *
 * Why not `yamlValidation` in package.json: it associates schemas by file name, and a name cannot
 * tell a native `canary.yaml` from a Flagger `canary.yaml` or a Kubernetes file, while our own
 * validation runs schema checks on every native document whatever its name. So no file pattern
 * exists where only Red Hat would check, and any pattern would either miss files or flag others.
 * Instead the schema is contributed per file through Red Hat's extension API
 * (`registerContributor`), decided from the file's content exactly as our linter decides
 * (nativeSchemaOfFile). For precisely those files our `schema/*` diagnostics step aside while the
 * contribution is in place: Red Hat reports them. Everything else keeps our schema checks.
 */
import * as vscode from 'vscode';
import { parseFile } from '../core/parse/parseFile';
import type { Finding } from '../core/lint/finding';
import { nativeSchemaOfFile, type NativeFormat } from '../core/completion/fileSchema';
import { nativeSchemas } from '../core/completion/nativeSchemas';

export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';
const SCHEME = 'release-safety-schema';

interface RedHatYamlApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
    label?: string,
  ): boolean;
}

/** The hand-off to Red Hat's extension: a filter for the diagnostics, and when to lint again. */
export interface RedHatSchemaHandoff {
  /** Drops our `schema/*` findings from files whose schema Red Hat validates. */
  findingFilter(uri: vscode.Uri, nativeFormat: NativeFormat | undefined, findings: Finding[]): Finding[];
  /** Call once the diagnostics exist: it runs `relintAll` when the contribution starts. */
  start(relintAll: () => void): void;
}

/** Undefined when Red Hat's extension is not installed: our own schema checks are the only ones. */
export function registerRedHatYaml(context: vscode.ExtensionContext): RedHatSchemaHandoff | undefined {
  const ext = vscode.extensions.getExtension<RedHatYamlApi>(RED_HAT_YAML_ID);
  if (!ext) return undefined;
  let contributing = false;
  const start = (relintAll: () => void): void => {
    // Off the activation path: activating Red Hat's extension starts its language server.
    const timer = setTimeout(() => {
      void Promise.resolve(ext.activate()).then(
        (api) => {
          if (typeof api?.registerContributor !== 'function') return;
          contributing =
            api.registerContributor('release-safety', requestSchema, requestSchemaContent, 'Release Safety') !== false;
          if (contributing) relintAll();
        },
        (e: unknown) =>
          console.warn(
            `[release-safety] Red Hat YAML did not activate; keeping our own schema checks: ${(e as Error)?.message ?? e}`,
          ),
      );
    }, 0);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  };
  return {
    findingFilter: (_uri, nativeFormat, findings) =>
      contributing && nativeFormat ? withoutSchemaFindings(findings) : findings,
    start,
  };
}

export function withoutSchemaFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.rule.startsWith('schema/'));
}

/** Red Hat asks which schema a file has: ours when the whole file is of one kind (native, Argo or Flagger). */
function requestSchema(resource: string): string | undefined {
  const uri = vscode.Uri.parse(resource).toString();
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!doc) return undefined;
  const format = nativeSchemaOfFile(parseFile(doc.getText()));
  return format ? `${SCHEME}://schemas/${format}.schema.json` : undefined;
}

function requestSchemaContent(uri: string): string | undefined {
  const m = /^release-safety-schema:\/\/schemas\/([a-z-]+)\.schema\.json$/.exec(uri);
  const schema = m ? nativeSchemas()[m[1] as NativeFormat] : undefined;
  return schema ? JSON.stringify(schema) : undefined;
}
