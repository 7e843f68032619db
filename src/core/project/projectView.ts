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
  return new FileProjectView(parsed, options?.file ?? '', options?.index);
}

/** A class rather than a literal with a getter, so that every file's view shares one hidden class. */
class FileProjectView implements ProjectView {
  #own: FileSummary | undefined;
  #mine: ProjectIndex | undefined;

  constructor(
    private readonly parsed: ParsedFile,
    readonly file: string,
    private readonly index: ProjectIndex | undefined,
  ) {}

  get own(): FileSummary {
    this.local();
    return this.#own!;
  }

  resolve(ref: Pick<TemplateReference, 'kind' | 'name' | 'namespace'>): Located<TemplateDefinition>[] {
    return [...this.local().resolve(ref), ...(this.index ? this.others(this.index.resolve(ref)) : [])];
  }

  referencesTo(def: Pick<TemplateDefinition, 'kind' | 'name' | 'namespace'>): Located<TemplateReference>[] {
    return [...this.local().referencesTo(def), ...(this.index ? this.others(this.index.referencesTo(def)) : [])];
  }

  definitionsOf(kind: TemplateDefinition['kind']): Located<TemplateDefinition>[] {
    return [...this.local().definitionsOf(kind), ...(this.index ? this.others(this.index.definitionsOf(kind)) : [])];
  }

  /** This file's own definitions and references, read from the text being linted now. */
  private local(): ProjectIndex {
    if (!this.#mine) {
      this.#mine = new ProjectIndex();
      this.#own = summarize(this.parsed);
      this.#mine.set(this.file, this.#own);
    }
    return this.#mine;
  }

  private others<T>(items: Located<T>[]): Located<T>[] {
    return items.filter((l) => l.file !== this.file);
  }
}
