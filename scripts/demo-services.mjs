#!/usr/bin/env node
// Starts the two local demo services (stable and canary) for examples/canary-demo.yaml.
// The logic lives in src/demo/ (bundled to dist/demo-services.js by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const bundle = fileURLToPath(new URL('../dist/demo-services.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('dist/demo-services.js is missing: run `npm run build` first.');
  process.exit(1);
}
createRequire(import.meta.url)(bundle);
