import { describe, expect, it } from 'vitest';
import { cleanToken, forgetToken, keepToken, parseTokenTerritory, readToken, TOKEN_KEY } from './session.ts';

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

describe('session token', () => {
  it('is kept, read and forgotten in the given storage', () => {
    const s = memory();
    expect(readToken(s)).toBeNull();
    keepToken('mlg_abc', s);
    expect(s.m.get(TOKEN_KEY)).toBe('mlg_abc');
    expect(readToken(s)).toBe('mlg_abc');
    forgetToken(s);
    expect(readToken(s)).toBeNull();
  });
  it('is cleaned as pasted', () => {
    expect(cleanToken('  Bearer mlg_x ')).toBe('mlg_x');
    expect(cleanToken('mlg_y')).toBe('mlg_y');
    expect(cleanToken('   ')).toBeNull();
  });
  it('names territories by kind and code', () => {
    expect(parseTokenTerritory('REGION:84')).toEqual({ kind: 'REGION', code: '84' });
    expect(parseTokenTerritory('department:42')).toEqual({ kind: 'DEPARTMENT', code: '42' });
    expect(parseTokenTerritory('42')).toEqual({ kind: null, code: '42' });
  });
});
