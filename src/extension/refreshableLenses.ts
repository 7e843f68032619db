/**
 * A CodeLens provider whose lenses change without an edit (a watch started, a check answered):
 * `refresh()` tells VS Code to ask again. Shared by the Watch and the Check against Prometheus lenses.
 */
import * as vscode from 'vscode';

export abstract class RefreshableLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  abstract provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[];
}
