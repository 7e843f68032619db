/**
 * Imported first by extension.ts, so that esbuild evaluates it before the rest of the bundle: the
 * time from here to activate() is what loading the extension's code costs (the part of activation
 * VS Code spends before calling us).
 */
export const bundleEvaluationStart = performance.now();
