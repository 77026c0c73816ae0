import { describe, expect, it } from 'vitest';
import { comboKey, type ComboKey, type ComboState } from './combobox.ts';

const closed: ComboState = { open: false, active: -1 };
const at = (active: number): ComboState => ({ open: true, active });

describe('comboKey', () => {
  const cases: readonly { name: string; state: ComboState; key: ComboKey; count: number; next: ComboState; choose: number | null }[] = [
    { name: 'down opens on the first', state: closed, key: 'ArrowDown', count: 3, next: at(0), choose: null },
    { name: 'down moves', state: at(0), key: 'ArrowDown', count: 3, next: at(1), choose: null },
    { name: 'down wraps', state: at(2), key: 'ArrowDown', count: 3, next: at(0), choose: null },
    { name: 'up from none goes last', state: at(-1), key: 'ArrowUp', count: 3, next: at(2), choose: null },
    { name: 'up wraps', state: at(0), key: 'ArrowUp', count: 3, next: at(2), choose: null },
    { name: 'home', state: at(2), key: 'Home', count: 3, next: at(0), choose: null },
    { name: 'end', state: at(0), key: 'End', count: 3, next: at(2), choose: null },
    { name: 'escape closes', state: at(1), key: 'Escape', count: 3, next: closed, choose: null },
    { name: 'enter chooses the active one', state: at(1), key: 'Enter', count: 3, next: closed, choose: 1 },
    { name: 'enter with none active chooses the best', state: at(-1), key: 'Enter', count: 3, next: closed, choose: 0 },
    { name: 'enter on an empty list does nothing', state: at(-1), key: 'Enter', count: 0, next: at(-1), choose: null },
    { name: 'enter when closed does nothing', state: closed, key: 'Enter', count: 3, next: closed, choose: null },
    { name: 'down on empty list', state: closed, key: 'ArrowDown', count: 0, next: at(-1), choose: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(comboKey(c.state, c.key, c.count)).toEqual({ state: c.next, choose: c.choose });
    });
  }
});
