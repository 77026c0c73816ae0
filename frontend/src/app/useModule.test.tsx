import { describe, expect, test, vi } from 'vitest';
import { renderHook } from 'vitest-browser-react';
import { useModule } from './useModule.ts';

describe('useModule', () => {
  test('loads a module once it is wanted, keeps it after, and says when it failed', async () => {
    const cases = [
      { name: 'loaded', load: () => import('../core/mapModel.ts'), status: 'loaded' },
      { name: 'failed', load: () => Promise.reject(new Error('chunk missing')), status: 'failed' },
    ] as const;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const c of cases) {
      const load = vi.fn(c.load);
      const { result, rerender } = await renderHook((props?: { wanted: boolean }) => useModule<unknown>(load, props?.wanted ?? false), { initialProps: { wanted: false } });
      // A second render flushes the first one's effects first.
      await rerender({ wanted: false });
      expect(load, c.name).not.toHaveBeenCalled();
      expect(result.current.status, c.name).toBe('loading');
      await rerender({ wanted: true });
      await expect.poll(() => result.current.status, { timeout: 5000 }).toBe(c.status);
      await rerender({ wanted: false });
      await rerender({ wanted: true });
      expect(result.current.status, c.name).toBe(c.status);
      expect(load, c.name).toHaveBeenCalledTimes(1);
    }
  });
});
