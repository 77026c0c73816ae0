import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { getAuthToken } from '../core/api.ts';
import { finished, IMPORT_FORMATS, importError, progressShare, readJob, type ImportFormat, type ImportJob } from '../core/imports.ts';
import { useMessages } from '../app/messages.ts';

async function call(method: 'GET' | 'POST', url: string, body?: Blob, signal?: AbortSignal): Promise<ImportJob> {
  const headers: Record<string, string> = {};
  const token = getAuthToken();
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = body;
  if (signal !== undefined) init.signal = signal;
  const response = await fetch(url, init);
  const payload: unknown = await response.json().catch(() => null);
  const job = response.ok ? readJob(payload) : null;
  if (job === null) throw new Error(importError(response.status, payload));
  return job;
}

/** L'import d'un fichier par un admin : envoi, avancement en direct, rapport. */
export default function ImportView() {
  const m = useMessages();
  const client = useQueryClient();
  const formatId = useId();
  const fileId = useId();
  const [format, setFormat] = useState<ImportFormat>('finess');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);

  const start = useMutation({
    mutationFn: (f: File) => call('POST', `/api/imports?format=${format}&name=${encodeURIComponent(f.name)}`, f),
    onSuccess: (job) => {
      setJobId(job.id);
    },
  });
  const job = useQuery({
    queryKey: ['imports', jobId],
    queryFn: ({ signal }) => call('GET', `/api/imports/${String(jobId)}`, undefined, signal),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data !== undefined && finished(q.state.data) ? false : 500),
  });
  const current = job.data;
  const done = current?.state === 'DONE';
  useEffect(() => {
    // New data: every answer on screen may have changed.
    if (done) void client.invalidateQueries({ queryKey: ['api'] });
  }, [done, client]);

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (file !== null) start.mutate(file);
  };
  const share = current === undefined ? null : progressShare(current);
  return (
    <section className="import" data-testid="import">
      <h2>{m.imports.title}</h2>
      <form className="form" onSubmit={submit}>
        <label htmlFor={formatId}>{m.imports.format}</label>
        <select
          id={formatId}
          data-testid="import-format"
          value={format}
          onChange={(e) => {
            setFormat(e.target.value as ImportFormat);
          }}
        >
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {m.imports.formats[f]}
            </option>
          ))}
        </select>
        <label htmlFor={fileId}>{m.imports.file}</label>
        <input
          id={fileId}
          type="file"
          data-testid="import-file"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
          }}
        />
        <button type="submit" className="button button--primary" data-testid="import-start" disabled={file === null || start.isPending || (current !== undefined && !finished(current))}>
          {m.imports.start}
        </button>
        {start.error !== null && (
          <p className="field-error" role="alert" data-testid="import-refused">
            {start.error.message}
          </p>
        )}
      </form>
      {current !== undefined && (
        <div className="import__job" data-testid="import-job" data-state={current.state} aria-live="polite">
          <p>
            <strong>{current.name}</strong> · {m.imports.states[current.state]}
            {current.step !== undefined && current.state === 'RUNNING' ? ` · ${current.step}` : ''}
          </p>
          {current.state === 'RUNNING' && (share === null ? <progress /> : <progress value={share} max={1} />)}
          {current.report !== undefined && current.report !== '' && <pre className="import__report" data-testid="import-report">{current.report}</pre>}
          {current.error !== undefined && (
            <p className="field-error" role="alert" data-testid="import-error">
              {current.error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
