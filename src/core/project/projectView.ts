/**
 * One file's view of the project it is linted with: the index of the other files, plus this
 * file's own definitions and references read from the text being linted now (an editor buffer
 * may be ahead of what the index last read from disk).
 */
import type { ParsedFile } from '../parse/parseFile';
import { ProjectIndex, summarize, type FileSummary, type Located } from './projectIndex';
import type { TemplateDefinition, TemplateReference } from './templateModel';

export interface ProjectOptions {
  index: ProjectIndex;
  /** This file's key in the index (its path or URI). */
  file: string;
}

export interface ProjectView {
  /** This file's key ('' when linted alone). */
  readonly file: string;
  readonly own: FileSummary;
  resolve(ref: Pick<TemplateReference, 'kind' | 'name' | 'namespace'>): Located<TemplateDefinition>[];
  referencesTo(def: Pick<TemplateDefinition, 'kind' | 'name' | 'namespace'>): Located<TemplateReference>[];
  definitionsOf(kind: TemplateDefinition['kind']): Located<TemplateDefinition>[];
}

export function projectView(parsed: ParsedFile, options: ProjectOptions | undefined): ProjectView {
  const file = options?.file ?? '';
  const index = options?.index;
  let own: FileSummary | undefined;
  let mine: ProjectIndex | undefined;
  const local = (): ProjectIndex => {
    if (!mine) {
      mine = new ProjectIndex();
      own = summarize(parsed);
      mine.set(file, own);
    }
    return mine;
  };
  const others = <T>(items: Located<T>[]): Located<T>[] => items.filter((l) => l.file !== file);
  return {
    file,
    get own() {
      local();
      return own!;
    },
    resolve: (ref) => [...local().resolve(ref), ...(index ? others(index.resolve(ref)) : [])],
    referencesTo: (def) => [...local().referencesTo(def), ...(index ? others(index.referencesTo(def)) : [])],
    definitionsOf: (kind) => [...local().definitionsOf(kind), ...(index ? others(index.definitionsOf(kind)) : [])],
  };
}
