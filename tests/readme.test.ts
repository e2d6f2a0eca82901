import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the README is the contract', () => {
  it('.ci/run runs exactly the README quick-start test command', () => {
    const readme = readFileSync('README.md', 'utf8');
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const testCommand = /^(npm [^#\n]*?npm test)\s*(#.*)?$/m.exec(quickStart)?.[1];
    expect(testCommand).toBeDefined();
    const ci = readFileSync('.ci/run', 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#') && !/^(set|cd) /.test(l));
    expect(ci).toEqual([testCommand]);
  });
});

describe('the README names real files', () => {
  it('every `src/…`, `tests/…` and `cards/…` path in backticks exists', () => {
    const readme = readFileSync('README.md', 'utf8');
    const paths = [...readme.matchAll(/`((?:src|tests|cards)\/[^`*\s]*)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !existsSync(p))).toEqual([]);
  });
});
