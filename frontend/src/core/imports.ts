/**
 * Les imports qu'un admin lance depuis l'application (POST /api/imports) :
 * leur état lu de l'API, et ce qu'on en montre.
 */

export type ImportFormat = 'finess' | 'structures' | 'ght' | 'cooperation';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['finess', 'structures', 'ght', 'cooperation'];

export type ImportState = 'RECEIVED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ImportJob {
  readonly id: number;
  readonly format: string;
  readonly name: string;
  readonly by: string;
  readonly state: ImportState;
  readonly step?: string;
  readonly done: number;
  readonly total: number;
  readonly report?: string;
  readonly error?: string;
  readonly started: string;
  readonly finished?: string;
}

const STATES: readonly string[] = ['RECEIVED', 'RUNNING', 'DONE', 'FAILED'];

/** Lit la réponse de l'API ; null quand elle n'a pas la forme d'un import. */
export function readJob(body: unknown): ImportJob | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b['id'] !== 'number' || typeof b['state'] !== 'string' || !STATES.includes(b['state']) || typeof b['name'] !== 'string') return null;
  return body as ImportJob;
}

/** L'import est-il fini (réussi ou refusé) ? */
export function finished(job: ImportJob): boolean {
  return job.state === 'DONE' || job.state === 'FAILED';
}

/** La part faite de l'étape en cours, de 0 à 1 ; null quand l'étape ne dit pas son total. */
export function progressShare(job: ImportJob): number | null {
  if (job.total <= 0) return null;
  return Math.min(1, Math.max(0, job.done / job.total));
}

/** Une erreur de l'API des imports : son message, ou le statut HTTP. */
export function importError(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>)['error'] === 'string') {
    return (body as Record<string, string>)['error'] ?? String(status);
  }
  return `HTTP ${String(status)}`;
}
