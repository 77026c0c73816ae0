import { describe, expect, it } from 'vitest';
import { finished, importError, progressShare, readJob, type ImportJob } from './imports.ts';

const raw = { id: 1, format: 'finess', name: 'a.csv', by: 'admin', state: 'RUNNING', done: 5, total: 10, started: '2026-12-01T00:00:00Z' };

function parsed(patch: Record<string, unknown> = {}): ImportJob {
  const j = readJob({ ...raw, ...patch });
  if (j === null) throw new Error('not a job');
  return j;
}

describe('imports', () => {
  it('reads a job, refuses what is not one', () => {
    expect(readJob(raw)?.id).toBe(1);
    expect(readJob({ ...raw, state: 'SOMETHING' })).toBeNull();
    expect(readJob(null)).toBeNull();
    expect(readJob({ error: 'x' })).toBeNull();
  });
  it.each([
    ['RUNNING', false],
    ['RECEIVED', false],
    ['DONE', true],
    ['FAILED', true],
  ] as const)('%s finished: %s', (state, want) => {
    expect(finished(parsed({ state }))).toBe(want);
  });
  it('progress', () => {
    expect(progressShare(parsed())).toBe(0.5);
    expect(progressShare(parsed({ total: 0 }))).toBeNull();
    expect(progressShare(parsed({ done: 12 }))).toBe(1);
  });
  it('error text', () => {
    expect(importError(403, { code: 'FORBIDDEN', error: 'imports are for admins' })).toBe('imports are for admins');
    expect(importError(502, 'x')).toBe('HTTP 502');
  });
});
