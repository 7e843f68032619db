/// <reference types="mocha" />
/**
 * Journey variables in the real VS Code: `${env:..}` from the workspace's `.env` file, and every
 * missing value (env and secret) named in one question before anything is sent. The question's
 * UI (a modal and input boxes) is replaced by a recording prompter; the rest is real: the
 * extension host, the `.env` file on disk, SecretStorage, a local HTTP server, and for the demo's
 * journeys scripts/demo-api.mjs and Chromium.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { api, closeAllEditors, EXTENSION_ID, workspaceUri } from '../helpers';
import type { RecordedState } from '../../../src/extension/journeys/journeyTests';
import type { MissingVariable, VariablePrompter } from '../../../src/extension/journeys/journeyVariables';

let server: http.Server;
let base = '';
const seen: Array<Record<string, string>> = [];

function journeyFile(name: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers)
    .map(([k, v]) => `${k}: "${v}"`)
    .join(', ');
  return `synthetic:
  base_url: ${base}
  alerts:
    - channel: slack:#checks
  journeys:
    - name: ${name}
      steps:
        - request: GET /echo
          headers: { ${lines} }
          expect: { status: 200 }
`;
}

async function writeJourney(rel: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function record<T>(fn: () => Promise<T>): Promise<{ result: T; recorded: RecordedState[] }> {
  const { journeys } = await api();
  const recorded: RecordedState[] = [];
  const sub = journeys.onDidRecord((r) => recorded.push(r));
  try {
    return { result: await fn(), recorded };
  } finally {
    sub.dispose();
  }
}

describe('journey variables: .env and one question for every missing value', () => {
  const envFile = () => workspaceUri('.env');
  let original: VariablePrompter;

  before(async () => {
    server = http.createServer((req, res) => {
      seen.push({
        user: String(req.headers['x-user'] ?? ''),
        a: String(req.headers['x-a'] ?? ''),
        b: String(req.headers['x-b'] ?? ''),
        s1: String(req.headers['x-s1'] ?? ''),
        s2: String(req.headers['x-s2'] ?? ''),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { journeys } = await api();
    original = journeys.variables.prompter;
    await journeys.consent.allow([new URL(base).host]);
  });
  after(async () => {
    const { journeys } = await api();
    journeys.variables.prompter = original;
    for (const n of ['RS_VARS_S1', 'RS_VARS_S2']) await journeys.secrets.delete(n);
    await vscode.workspace.fs.delete(envFile()).then(undefined, () => undefined);
    await closeAllEditors();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('takes ${env:NAME} from the .env file at the workspace folder root, without asking', async () => {
    const { journeys } = await api();
    assert.equal(process.env.RS_VARS_USER, undefined, 'the test needs a name the environment does not set');
    await vscode.workspace.fs.writeFile(
      envFile(),
      new TextEncoder().encode('# demo values\nRS_VARS_USER="me@example.com"\n'),
    );
    let asked = 0;
    journeys.variables.prompter = { confirm: async () => (asked++, false), ask: async () => (asked++, undefined) };
    const uri = await writeJourney(
      'vars-dotenv.yaml',
      journeyFile('user from dotenv', { 'X-User': '${env:RS_VARS_USER}' }),
    );
    const before = seen.length;
    const { result } = await record(() => journeys.runJourney(uri, 0, 0));
    assert.equal(result?.status, 'passed', JSON.stringify(result));
    assert.equal(asked, 0, 'nothing was asked: the .env file had the value');
    assert.equal(seen.length, before + 1);
    assert.equal(seen.at(-1)?.user, 'me@example.com');
  });

  it('names every missing env variable and secret in one question, and sends nothing when declined', async () => {
    const { journeys } = await api();
    const questions: MissingVariable[][] = [];
    journeys.variables.prompter = {
      confirm: async (missing) => (questions.push([...missing]), false),
      ask: async () => assert.fail('no value is asked after the user declined'),
    };
    const uri = await writeJourney(
      'vars-missing.yaml',
      journeyFile('needs four values', {
        'X-A': '${env:RS_VARS_A}',
        'X-B': '${env:RS_VARS_B}',
        'X-S1': '${secret:RS_VARS_S1}',
        'X-S2': '${secret:RS_VARS_S2}',
      }),
    );
    const before = seen.length;
    const { result, recorded } = await record(() => journeys.runJourney(uri, 0, 0));
    assert.equal(result, undefined, 'nothing ran');
    assert.equal(seen.length, before, 'no request reached the server');
    assert.equal(questions.length, 1, 'one question, not one per value');
    assert.deepEqual(questions[0].map((m) => `${m.kind}:${m.name}`).sort(), [
      'env:RS_VARS_A',
      'env:RS_VARS_B',
      'secret:RS_VARS_S1',
      'secret:RS_VARS_S2',
    ]);
    const errored = recorded.find((r) => r.state === 'errored');
    assert.ok(errored, JSON.stringify(recorded));
    for (const name of ['RS_VARS_A', 'RS_VARS_B', 'RS_VARS_S1', 'RS_VARS_S2'])
      assert.match(errored.message ?? '', new RegExp(name), 'the failure names every missing value');
    assert.match(errored.message ?? '', /nothing was sent/);
    assert.match(errored.message ?? '', /\.env/, 'it says where env values go');
  });

  it('asks each missing value after the one question, keeps secrets in SecretStorage, and runs', async () => {
    const { journeys } = await api();
    const order: string[] = [];
    const answers: Record<string, string> = {
      RS_VARS_A: 'alpha',
      RS_VARS_B: 'beta',
      RS_VARS_S1: 'secret-one-123',
      RS_VARS_S2: 'secret-two-456',
    };
    journeys.variables.prompter = {
      confirm: async (missing) => (order.push(`confirm ${missing.length}`), true),
      ask: async (v) => (order.push(`ask ${v.name}`), answers[v.name]),
    };
    const uri = workspaceUri('vars-missing.yaml');
    const { result, recorded } = await record(() => journeys.runJourney(uri, 0, 0));
    assert.equal(result?.status, 'passed', JSON.stringify(result));
    assert.equal(order[0], 'confirm 4', 'the question names all four before any value is asked');
    assert.deepEqual(order.slice(1).sort(), ['ask RS_VARS_A', 'ask RS_VARS_B', 'ask RS_VARS_S1', 'ask RS_VARS_S2']);
    assert.deepEqual(seen.at(-1), { user: '', a: 'alpha', b: 'beta', s1: 'secret-one-123', s2: 'secret-two-456' });
    assert.equal(await journeys.secrets.get('RS_VARS_S1'), 'secret-one-123', 'the secret was stored in SecretStorage');
    assert.ok(!JSON.stringify(recorded).includes('secret-one-123'), 'no secret in any message');

    // The next run asks nothing: secrets are stored, env values are kept for the session.
    journeys.variables.prompter = {
      confirm: async () => assert.fail('asked again'),
      ask: async () => assert.fail('asked again'),
    };
    const again = await journeys.runJourney(uri, 0, 0);
    assert.equal(again?.status, 'passed');
  });
});

describe("the demo's journeys pass in the editor with the .env npm start writes", () => {
  let demo: ChildProcess | undefined;
  let demoBase = '';
  let original: VariablePrompter;

  before(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the extension is loaded');
    // The demo API checks the demo secrets, as under `npm start`: a wrong one would fail the run.
    demo = spawn(process.execPath, [join(ext.extensionPath, 'scripts', 'demo-api.mjs')], {
      env: { ...process.env, PORT: '0', API_TOKEN: 'demo', SYNTHETIC_PASS: 'demo' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    demoBase = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the demo API did not start within 30 s')), 30_000);
      demo!.stdout!.on('data', (d: Buffer) => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      demo!.on('exit', (code) => reject(new Error(`the demo API exited (${code})`)));
    });
    const { journeys } = await api();
    original = journeys.variables.prompter;
    await journeys.consent.allow([new URL(demoBase).host]);
  });
  after(async () => {
    demo?.kill('SIGTERM');
    const { journeys } = await api();
    journeys.variables.prompter = original;
    for (const n of ['API_TOKEN', 'SYNTHETIC_PASS']) await journeys.secrets.delete(n);
    await vscode.workspace.fs.delete(workspaceUri('.env')).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(workspaceUri('demo-synthetic.yaml')).then(undefined, () => undefined);
    await closeAllEditors();
  });

  it('both journeys of examples/synthetic.yaml pass: SYNTHETIC_USER from .env, the secrets asked in one question', async function () {
    this.timeout(120_000);
    const { journeys } = await api();
    const example = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(workspaceUri('examples/synthetic.yaml')),
    );
    assert.match(example, /127\.0\.0\.1:8787/, 'the example points at the demo port');
    // Latency and load-time limits are advice for production; on a shared test machine they measure the machine.
    const copy = example
      .replace(/(latency|expect_load_time): "<\s*[^"]+"/g, '$1: "< 30s"')
      .replaceAll('http://127.0.0.1:8787', demoBase);
    const uri = await writeJourney('demo-synthetic.yaml', copy);
    await vscode.workspace.fs.writeFile(
      workspaceUri('.env'),
      new TextEncoder().encode('SYNTHETIC_USER=me@example.com\n'),
    );
    for (const n of ['API_TOKEN', 'SYNTHETIC_PASS']) await journeys.secrets.delete(n);
    const questions: string[][] = [];
    journeys.variables.prompter = {
      confirm: async (missing) => (questions.push(missing.map((m) => `${m.kind}:${m.name}`)), true),
      ask: async () => 'demo',
    };
    const { result: apiRun } = await record(() => journeys.runJourney(uri, 0, 0));
    assert.equal(apiRun?.status, 'passed', JSON.stringify(apiRun));
    const { result: browserRun } = await record(() => journeys.runJourney(uri, 1, 0));
    assert.equal(browserRun?.status, 'passed', JSON.stringify(browserRun));
    assert.deepEqual(
      questions,
      [['secret:API_TOKEN'], ['secret:SYNTHETIC_PASS']],
      'only the secrets were asked: SYNTHETIC_USER came from .env',
    );
  });
});
