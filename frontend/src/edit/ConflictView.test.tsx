import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { conflictOf } from '../core/editForm.ts';
import { ConflictView } from './ConflictView.tsx';
import { DateField } from './fields.tsx';

test('the conflict view puts their change beside the user edit, and reapplies on demand', async () => {
  const base = { name: 'A', code: 'C', description: '' };
  const theirs = { name: 'A', code: 'D', description: '' };
  const mine = { name: 'A', code: 'C', description: 'Ma version' };
  let reapplied = 0;
  const screen = await render(
    <ConflictView
      conflict={conflictOf(base, theirs, mine)}
      base={base}
      theirs={theirs}
      mine={mine}
      onReapply={() => {
        reapplied++;
      }}
      onDiscard={() => undefined}
    />,
  );
  const rows = screen.getByTestId('conflict-row');
  await expect.element(rows.first()).toBeVisible();
  expect(rows.elements().map((r) => r.getAttribute('data-field'))).toEqual(['code', 'description']);
  await expect.element(screen.getByText('D', { exact: true })).toBeVisible();
  await expect.element(screen.getByText('Ma version')).toBeVisible();
  await screen.getByRole('button', { name: 'Réappliquer ma modification' }).click();
  expect(reapplied).toBe(1);
});

test('a date field says the precision it reads', async () => {
  const screen = await render(<DateField name="validFrom" label="Début" error={undefined} value="2016-03" onChange={() => undefined} />);
  await expect.element(screen.getByTestId('precision-validFrom')).toHaveTextContent('connu au mois');
  await expect.element(screen.getByLabelText('Début')).toHaveValue('2016-03');
});

test('an error from the API shows beside its field', async () => {
  const screen = await render(<DateField name="validTo" label="Fin" error="la fin précède le début" value="2010-01-01" onChange={() => undefined} />);
  const input = screen.getByLabelText('Fin');
  await expect.element(input).toHaveAttribute('aria-invalid', 'true');
  await expect.element(screen.getByRole('alert')).toHaveTextContent('la fin précède le début');
});
