/**
 * What the Marketplace shows: the icon (a 128x128 PNG), the Get Started walkthrough (every step's
 * page, image and command exists), the README's screenshots and CHANGELOG. `vsce package` itself
 * runs in scripts/package.mjs, which fails on any warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is not a PNG`);
  assert.equal(b.subarray(12, 16).toString('ascii'), 'IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Workbench commands the walkthrough may link to besides our own. */
const BUILT_IN_COMMANDS = new Set([
  'workbench.actions.view.problems',
  'workbench.view.testing.focus',
  'workbench.action.openSettings',
]);

test('the icon is a 128x128 PNG', () => {
  assert.equal(pkg.icon, 'media/icon.png');
  assert.deepEqual(pngSize(join(ROOT, pkg.icon)), { width: 128, height: 128 });
});

test('the Get Started walkthrough: every step has its page, its images and commands that exist', () => {
  const walkthroughs = pkg.contributes.walkthroughs as Array<{
    id: string;
    steps: Array<{ id: string; description: string; media: { markdown: string }; completionEvents: string[] }>;
  }>;
  assert.equal(walkthroughs.length, 1);
  const ours = new Set((pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command));
  const steps = walkthroughs[0]!.steps;
  assert.ok(steps.length >= 4, 'lint, fix, journeys and the canary view at least');
  assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, 'step ids are unique');
  for (const step of steps) {
    const page = join(ROOT, step.media.markdown);
    assert.ok(existsSync(page), `${step.media.markdown} is missing`);
    for (const [, src] of readFileSync(page, 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      assert.ok(existsSync(join(dirname(page), src!)), `${step.media.markdown}: image ${src} is missing`);
    }
    const commands = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
    assert.ok(commands.length > 0, `${step.id}: a button to act`);
    for (const c of commands) assert.ok(ours.has(c) || BUILT_IN_COMMANDS.has(c), `${step.id}: unknown command ${c}`);
    assert.ok(step.completionEvents.length > 0, `${step.id}: how it gets checked off`);
  }
});

test('the README shows the screenshots the UI tests take, and they exist', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]+\]\((docs\/images\/[^)]+\.png)\)/g)].map((m) => m[1]!);
  for (const name of ['quick-fix', 'hover', 'canary-breach', 'test-explorer'])
    assert.ok(images.includes(`docs/images/${name}.png`), `README shows docs/images/${name}.png`);
  for (const image of images) {
    const { width, height } = pngSize(join(ROOT, image));
    assert.ok(width >= 800 && height >= 500, `${image} is a full screenshot (${width}x${height})`);
  }
});

test('CHANGELOG.md has an entry for the package version', () => {
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
});
