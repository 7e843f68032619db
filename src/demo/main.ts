/**
 * `node scripts/demo-services.mjs`: starts the stable and the canary demo services on 127.0.0.1
 * (ports 9101 and 9102 unless RELEASE_SAFETY_DEMO_STABLE_PORT / _CANARY_PORT say otherwise) and
 * runs until interrupted.
 */
import { DEFAULT_CANARY_PORT, DEFAULT_STABLE_PORT, startDemoServices } from './demoServices';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`${name}="${raw}" is not a port number; using ${fallback}.\n`);
    return fallback;
  }
  return n;
}

async function run(): Promise<void> {
  const demo = await startDemoServices({
    stablePort: port('RELEASE_SAFETY_DEMO_STABLE_PORT', DEFAULT_STABLE_PORT),
    canaryPort: port('RELEASE_SAFETY_DEMO_CANARY_PORT', DEFAULT_CANARY_PORT),
  });
  process.stdout.write(
    [
      `Demo stable service: ${demo.stable.metricsUrl}`,
      `Demo canary service: ${demo.canary.metricsUrl}`,
      `Break the canary:    curl -X POST '${demo.canary.url}/control/error-rate?value=8'`,
      `Heal it again:       curl -X POST '${demo.canary.url}/control/error-rate?value=0.3'`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

run().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
