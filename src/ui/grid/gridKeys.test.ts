import { describe, expect, it } from 'vitest';
import { moveCell } from './gridKeys';

describe('moveCell', () => {
  const at = { row: 10, col: 2 };
  it.each([
    ['ArrowDown', false, { row: 11, col: 2 }],
    ['ArrowUp', false, { row: 9, col: 2 }],
    ['ArrowRight', false, { row: 10, col: 3 }],
    ['ArrowLeft', false, { row: 10, col: 1 }],
    ['PageDown', false, { row: 30, col: 2 }],
    ['PageUp', false, { row: 0, col: 2 }],
    ['Home', false, { row: 10, col: 0 }],
    ['End', false, { row: 10, col: 3 }],
    ['Home', true, { row: 0, col: 2 }],
    ['End', true, { row: 999_999, col: 2 }],
  ] as const)('%s (ctrl %s)', (key, ctrl, to) => expect(moveCell(key, ctrl, at, 1_000_000, 4, 20)).toEqual(to));

  it('stays inside the grid and ignores other keys', () => {
    expect(moveCell('ArrowUp', false, { row: 0, col: 0 }, 5, 2, 3)).toEqual({ row: 0, col: 0 });
    expect(moveCell('PageDown', false, { row: 3, col: 1 }, 5, 2, 3)).toEqual({ row: 4, col: 1 });
    expect(moveCell('a', false, at, 100, 4, 20)).toBeUndefined();
    expect(moveCell('ArrowDown', false, at, 0, 4, 20)).toBeUndefined();
  });
});
