import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// No container engine can build here (see README "Container image"), so the image's promises are checked on the Dockerfile's
// text: the instructions that make them true are present, in the stage that ships.

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  body: Instruction[];
}

function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const OP = op.toUpperCase();
    if (OP === 'FROM') {
      const [image = '', , name] = rest.split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => args[a ?? b] ?? '');
      stages.push({ from, name, body: [] });
    } else if (OP === 'ARG' && stages.length === 0) {
      const [k = '', v = ''] = rest.split('=');
      args[k] = v;
    } else stages.at(-1)?.body.push({ op: OP, args: rest });
  }
  return { args, stages };
}

const { stages } = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
const runtime = stages.at(-1)!;
const byName = (name: string) => stages.find((s) => s.name === name);
const ops = (s: Stage, op: string) => s.body.filter((i) => i.op === op).map((i) => i.args);
const ignore = readFileSync('.dockerignore', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('is multi-stage, every stage on a Node 22 or 24 LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) {
      const base = s.from.startsWith('node:') ? s.from : byName(s.from)?.from;
      expect(base, `stage ${s.name ?? '(last)'} FROM ${s.from}`).toMatch(/^node:(22|24)(\.[\d.]+)?-[a-z]+-slim$/);
    }
  });

  it('ships production dependencies only, installed by npm ci --omit=dev in a stage with the native toolchain', () => {
    const modules = ops(runtime, 'COPY').find((c) => /\/node_modules\b/.test(c));
    const fromStage = /--from=(\S+)/.exec(modules ?? '')?.[1];
    expect(fromStage).toBeDefined();
    const deps = byName(fromStage!)!;
    const chain = [deps, ...(deps.from && byName(deps.from) ? [byName(deps.from)!] : [])];
    const runs = chain.flatMap((s) => ops(s, 'RUN')).join('\n');
    expect(ops(deps, 'RUN').join('\n')).toMatch(/npm ci\b[^\n]*--omit=dev/);
    expect(runs).toMatch(/g\+\+/);
    expect(runs).toMatch(/python3/);
    expect(ops(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a non-root user with NODE_ENV=production', () => {
    const user = ops(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(ops(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
  });

  it('checks /healthz and lets SIGTERM reach node (exec form, tini as PID 1)', () => {
    const health = ops(runtime, 'HEALTHCHECK').join(' ');
    expect(health).toMatch(/CMD .*\/healthz/);
    const entry = JSON.parse(ops(runtime, 'ENTRYPOINT').at(-1) ?? 'null');
    const cmd = JSON.parse(ops(runtime, 'CMD').at(-1) ?? 'null');
    expect(entry).toEqual(['/usr/bin/tini', '--']);
    expect(cmd).toEqual(['node', 'dist/bundle/index.mjs']);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.start).toBe('node dist/bundle/index.mjs');
  });

  it('copies every file the bot reads at run time, and the build context holds them', () => {
    const copies = ops(runtime, 'COPY').filter((c) => !c.includes('--from'));
    const sources = copies.flatMap((c) => c.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1));
    for (const needed of ['package.json', 'cards', 'src/i18n/locales', 'config']) expect(sources).toContain(needed);
    for (const src of [...sources, 'package-lock.json', 'tsconfig.json', 'src']) {
      expect(existsSync(src), src).toBe(true);
      expect(ignore.some((p) => p === src || p === src.split('/')[0]), `${src} is excluded by .dockerignore`).toBe(false);
    }
  });

  it('bundles the bot in the build stage and ships the bundle the CMD runs', () => {
    const build = byName('build')!;
    const copied = ops(build, 'COPY').flatMap((c) => c.split(/\s+/).slice(0, -1));
    expect(copied).toContain('scripts/bundle.mjs');
    expect(ops(build, 'RUN').join('\n')).toMatch(/node scripts\/bundle\.mjs index\b/);
    expect(ops(runtime, 'COPY').some((c) => /--from=build\s+\/app\/dist\/bundle\s/.test(c))).toBe(true);
    // .dockerignore leaves out scripts/ except this one file (a later `!` line re-includes it).
    const lines = ignore.filter((p) => p.replace(/^!/, '') === 'scripts' || p.replace(/^!/, '') === 'scripts/bundle.mjs');
    expect(lines.at(-1)).toBe('!scripts/bundle.mjs');
    expect(existsSync('scripts/bundle.mjs')).toBe(true);
  });

  it('.dockerignore keeps secrets, local state and host-built modules out of the context', () => {
    for (const p of ['.env', '.git', 'node_modules', 'data', 'dist']) expect(ignore).toContain(p);
  });
});
