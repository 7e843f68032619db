/**
 * Live canary status in the editor: the watch controller and everything that shows it (the
 * Canary view, the status bar, the breach notification, the CodeLens). One call for activation.
 */
import * as vscode from 'vscode';
import { registerWatchController, type WatchController } from './watchController';
import { registerCanaryView, type CanaryViewProvider } from './canaryViewProvider';
import { registerCanaryStatusBar } from './statusBar';
import type { StatusText } from './statusText';
import { registerBreachNotification } from './breachNotification';
import { registerWatchCodeLens } from './watchCodeLens';
import type { WatcherFactory } from './liveCanary';
import type { SecretLookup } from '../../core/net/sourceAuth';
import { registerCheckCodeLens, type CheckResults } from './checkCodeLens';

export interface CanaryPanelApi {
  readonly controller: WatchController;
  readonly view: CanaryViewProvider;
  /** The status-bar item's text and tone as shown (undefined while hidden). */
  statusBar(): StatusText | undefined;
  /** The last "Check against Prometheus" results. */
  readonly checks: CheckResults;
}

/**
 * `configBudget`: the risk budget of the `.release-safety.yaml` governing a file.
 * `secrets`: the editor's SecretStorage, for `${secret:NAME}` in a source's `auth:`.
 */
export function registerCanaryPanel(
  context: vscode.ExtensionContext,
  configBudget?: (uri: vscode.Uri) => unknown,
  secrets: SecretLookup = () => undefined,
): CanaryPanelApi {
  const log = vscode.window.createOutputChannel('Release Safety: Canary');
  context.subscriptions.push(log);
  const controller = registerWatchController(context, lazyWatcherFactory(secrets), log, configBudget);
  const view = registerCanaryView(context, controller, log);
  const statusBar = registerCanaryStatusBar(context, controller);
  registerBreachNotification(context, controller);
  registerWatchCodeLens(context, controller);
  const checks = registerCheckCodeLens(context, log);
  controller.checks = () => checks.latest();
  context.subscriptions.push(checks.onDidChange(() => controller.checksChanged()));
  return {
    checks,
    controller,
    view,
    statusBar: () => statusBar.shown(),
  };
}

/**
 * The sources, the watcher and the network behind them are needed only once a watch starts: the
 * bundle keeps them in a file of their own (scripts/editorBundle.mjs), required then.
 */
function lazyWatcherFactory(secrets: SecretLookup): WatcherFactory {
  let factory: WatcherFactory | undefined;
  return (plan, options) => {
    factory ??= (require('./coreWatcher') as typeof import('./coreWatcher')).coreWatcherFactory(secrets);
    return factory(plan, options);
  };
}
