/** Une demande de cadrage : sur la sélection (quand ses données sont là) ou sur un point. */
export interface FlyTo {
  readonly key: number;
  readonly selection?: string;
  readonly center?: [number, number];
  readonly zoom?: number;
}

/** Chaque vue fournit son export en image. */
export type PngExporter = () => Promise<Blob>;
