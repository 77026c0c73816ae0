import { useEffect, useId } from 'react';
import { dateOfMonthIndex, monthIndex, nextPlayDate, HISTORY_START_YEAR } from '../core/time.ts';
import type { AppState, Level, ObjectKind } from '../core/urlState.ts';
import { formatDate, useMessages } from './messages.ts';

const OBJECT_KINDS: readonly ObjectKind[] = ['GROUPING', 'CONVENTION', 'FILIERE', 'TEAM'];
const PLAY_STEP_MS = 1400;

export interface TimeBarProps {
  readonly state: AppState;
  readonly today: string;
  readonly asOf: string;
  readonly playing: boolean;
  readonly setPlaying: (playing: boolean) => void;
  readonly update: (patch: Partial<AppState>) => void;
  readonly loading: boolean;
  /** Les structures sans membres connus du territoire ; null sans territoire. */
  readonly memberless: number | null;
}

/** Le curseur de date (par mois), la lecture de l'historique, la comparaison et les filtres. */
export function TimeBar({ state, today, asOf, playing, setPlaying, update, loading, memberless }: TimeBarProps) {
  const m = useMessages();
  const sliderId = useId();
  const dateId = useId();
  const sinceId = useId();
  const levelId = useId();
  const max = monthIndex(today);

  // Animation : une année par pas, en attendant que le graphe de l'étape soit chargé.
  useEffect(() => {
    if (!playing || loading) return undefined;
    const timer = window.setTimeout(() => {
      const next = nextPlayDate(asOf, today);
      if (next === null) {
        setPlaying(false);
        return;
      }
      update({ asOf: next === today ? null : next });
    }, PLAY_STEP_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [playing, loading, asOf, today, update, setPlaying]);

  const setDate = (date: string) => {
    update({ asOf: date >= today ? null : date });
  };

  return (
    <div className="timebar" data-testid="timebar" data-as-of={asOf}>
      <button
        type="button"
        className="button button--icon"
        data-testid="play"
        aria-pressed={playing}
        onClick={() => {
          if (!playing && asOf >= today) update({ asOf: `${String(HISTORY_START_YEAR)}-07-01` });
          setPlaying(!playing);
        }}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? m.time.pause : m.time.play}
      </button>
      <label htmlFor={sliderId} className="visually-hidden">
        {m.time.label}
      </label>
      <input
        id={sliderId}
        className="timebar__slider"
        type="range"
        min={0}
        max={max}
        step={1}
        value={Math.min(max, monthIndex(asOf))}
        data-testid="date-slider"
        aria-valuetext={formatDate(asOf, m.locale)}
        onChange={(event) => {
          setPlaying(false);
          setDate(dateOfMonthIndex(Number(event.target.value), today));
        }}
      />
      <div className="timebar__ticks" aria-hidden="true">
        <span>{HISTORY_START_YEAR}</span>
        <span>2016</span>
        <span>{today.slice(0, 4)}</span>
      </div>
      <label htmlFor={dateId} className="timebar__label">
        {m.time.label}
      </label>
      <input
        id={dateId}
        type="date"
        data-testid="date-input"
        min={`${String(HISTORY_START_YEAR - 20)}-01-01`}
        max={today}
        value={asOf}
        onChange={(event) => {
          if (event.target.value !== '') {
            setPlaying(false);
            setDate(event.target.value);
          }
        }}
      />
      <button
        type="button"
        className="button button--small"
        disabled={state.asOf === null}
        onClick={() => {
          setPlaying(false);
          update({ asOf: null });
        }}
      >
        {m.time.today}
      </button>
      <span className="timebar__sep" aria-hidden="true" />
      <label className="timebar__check">
        <input
          type="checkbox"
          data-testid="compare"
          checked={state.since !== null}
          onChange={(event) => {
            update({ since: event.target.checked ? `${String(Number(asOf.slice(0, 4)) - 1)}-${asOf.slice(5)}` : null, tab: event.target.checked ? 'questions' : state.tab });
          }}
        />
        {m.time.compare}
      </label>
      {state.since !== null && (
        <>
          <label htmlFor={sinceId} className="visually-hidden">
            {m.time.compareSince}
          </label>
          <input
            id={sinceId}
            type="date"
            max={today}
            value={state.since}
            data-testid="compare-since"
            onChange={(event) => {
              if (event.target.value !== '') update({ since: event.target.value });
            }}
          />
        </>
      )}
      <span className="timebar__sep" aria-hidden="true" />
      <label htmlFor={levelId} className="timebar__label">
        {m.level.label}
      </label>
      <select
        id={levelId}
        value={state.level}
        data-testid="level"
        onChange={(event) => {
          update({ level: event.target.value as Level, expanded: [], hidden: [] });
        }}
      >
        <option value="SITE">{m.level.SITE}</option>
        <option value="LEGAL_ENTITY">{m.level.LEGAL_ENTITY}</option>
      </select>
      <details className="menu filters">
        <summary className="button button--small">
          {m.objectKinds.label} : {state.kinds.length === 0 ? m.objectKinds.all : String(state.kinds.length)}
        </summary>
        <div className="menu__list">
      <fieldset className="timebar__kinds">
        <legend className="visually-hidden">{m.objectKinds.label}</legend>
        {OBJECT_KINDS.map((kind) => {
          const checked = state.kinds.length === 0 || state.kinds.includes(kind);
          return (
            <label key={kind} className="timebar__check">
              <input
                type="checkbox"
                checked={checked}
                onChange={() => {
                  const current = state.kinds.length === 0 ? OBJECT_KINDS : state.kinds;
                  const next = checked ? current.filter((k) => k !== kind) : [...current, kind];
                  update({ kinds: next.length === OBJECT_KINDS.length || next.length === 0 ? [] : OBJECT_KINDS.filter((k) => next.includes(k)) });
                }}
              />
              {m.kinds[kind]}
            </label>
          );
        })}
      </fieldset>
      {memberless !== null && (
        <label className="timebar__check" title={m.objectKinds.memberlessHint}>
          <input
            type="checkbox"
            data-testid="memberless"
            checked={state.memberless}
            onChange={() => {
              update({ memberless: !state.memberless });
            }}
          />
          {m.objectKinds.memberless(memberless)}
        </label>
      )}
        </div>
      </details>
    </div>
  );
}
