import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageWindow } from './pagination.tsx';

describe('pagination', () => {
  it('shows page numbers around the current page with gaps', () => {
    assert.deepEqual(pageWindow(1, 1), [1]);
    assert.deepEqual(pageWindow(1, 10), [1, 2, 3, 'gap', 10]);
    assert.deepEqual(pageWindow(6, 12), [1, 'gap', 4, 5, 6, 7, 8, 'gap', 12]);
    assert.deepEqual(pageWindow(4, 5), [1, 2, 3, 4, 5]);
  });
});
