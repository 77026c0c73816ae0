// Le seul écrivain GEXF de graphology-gexf, sans son analyseur (qui exige
// DOMParser dès l'import) : utilisable dans le navigateur comme sous vitest.
declare module 'graphology-gexf/browser/writer.js' {
  import type { AbstractGraph, Attributes } from 'graphology-types';
  export default function write(
    graph: AbstractGraph,
    options?: {
      version?: '1.2' | '1.3';
      formatNode?: (key: string, attributes: Attributes) => Attributes;
      formatEdge?: (key: string, attributes: Attributes) => Attributes;
    },
  ): string;
}
