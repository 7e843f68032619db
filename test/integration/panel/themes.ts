/**
 * A subset of VS Code's theme variables (Light Modern, Dark Modern, Dark High Contrast) that the
 * canary panel uses, so the Chromium harness paints it the way a webview view would.
 */
export type ThemeName = 'light' | 'dark' | 'hc';

const shared = { '--vscode-font-family': 'system-ui, "Segoe UI", "Ubuntu", sans-serif', '--vscode-font-size': '13px', '--vscode-font-weight': 'normal' };

export const THEMES: Record<ThemeName, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      ...shared,
      '--vscode-foreground': '#3b3b3b', '--vscode-sideBar-background': '#f8f8f8', '--vscode-editor-background': '#ffffff',
      '--vscode-descriptionForeground': '#6f6f6f', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0258a8', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-button-border': '#0000001a',
      '--vscode-charts-blue': '#1a85ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#e51400', '--vscode-charts-green': '#388a34',
      '--vscode-testing-iconPassed': '#388a34', '--vscode-testing-iconFailed': '#e51400', '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-errorForeground': '#a1260d', '--vscode-widget-border': '#e5e5e5', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-focusBorder': '#005fb8',
      '--vscode-inputValidation-errorBackground': '#f2dede',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      ...shared,
      '--vscode-foreground': '#cccccc', '--vscode-sideBar-background': '#181818', '--vscode-editor-background': '#1f1f1f',
      '--vscode-descriptionForeground': '#9d9d9d', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1', '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c', '--vscode-button-border': '#ffffff12',
      '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185',
      '--vscode-testing-iconPassed': '#73c991', '--vscode-testing-iconFailed': '#f14c4c', '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-errorForeground': '#f85149', '--vscode-widget-border': '#313131', '--vscode-editorWidget-border': '#454545', '--vscode-focusBorder': '#0078d4',
      '--vscode-inputValidation-errorBackground': '#5a1d1d',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      ...shared,
      '--vscode-foreground': '#ffffff', '--vscode-sideBar-background': '#000000', '--vscode-editor-background': '#000000',
      '--vscode-descriptionForeground': '#ffffffb3', '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df', '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#f14c4c',
      '--vscode-testing-iconPassed': '#73c991', '--vscode-testing-iconFailed': '#f48771', '--vscode-editorWarning-foreground': '#ffd370',
      '--vscode-errorForeground': '#f48771', '--vscode-contrastBorder': '#6fc3df', '--vscode-widget-border': '#6fc3df', '--vscode-editorWidget-border': '#6fc3df',
      '--vscode-focusBorder': '#f38518', '--vscode-inputValidation-errorBackground': '#000000',
    },
  },
};
