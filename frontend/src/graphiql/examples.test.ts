import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples.ts';

const graphDir = new URL('../../../graph/', import.meta.url);
const schema = buildSchema(
  readdirSync(graphDir)
    .filter((f) => f.endsWith('.graphqls'))
    .sort()
    .map((f) => readFileSync(new URL(f, graphDir), 'utf8'))
    .join('\n'),
);

describe('GraphiQL examples', () => {
  for (const example of EXAMPLES) {
    const name = /query (\w+)/.exec(example.query)?.[1] ?? 'anonymous';
    it(`${name} is valid against the server schema`, () => {
      expect(validate(schema, parse(example.query)).map((e) => e.message)).toEqual([]);
    });
    it(`${name} has JSON variables`, () => {
      expect(() => JSON.parse(example.variables ?? '{}') as unknown).not.toThrow();
    });
  }
  it('names every tab differently', () => {
    const names = EXAMPLES.map((e) => /query (\w+)/.exec(e.query)?.[1] ?? '');
    expect(new Set(names).size).toBe(names.length);
  });
});
