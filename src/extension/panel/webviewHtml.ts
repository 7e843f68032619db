/**
 * The canary panel's HTML shell. No `vscode` import: the host passes `asWebviewUri` strings and
 * the webview's `cspSource`, and the Chromium test renders the very same shell.
 * CSP: nothing by default; scripts only with this load's nonce; styles and fonts only from the
 * extension's own files (Lit's constructable stylesheets and CSSOM writes are not inline styles).
 */
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlParts {
  /** `webview.cspSource` */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function renderWebviewHtml(parts: WebviewHtmlParts): string {
  const nonce = parts.nonce ?? makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(parts.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(parts.styleUri)}">
<title>Canary</title>
</head>
<body>
<main id="app"></main>
<script nonce="${attr(nonce)}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>
`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
