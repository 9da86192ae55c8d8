import type { ExpectationResult } from '../../pipeline/expectations/runExpectation';

const TEXT: Record<ExpectationResult['status'], { symbol: string; label: string }> = {
  pass: { symbol: '✓', label: 'pass' },
  fail: { symbol: '✗', label: 'fail' },
  error: { symbol: '!', label: 'error' },
  skipped: { symbol: '–', label: 'skipped' },
};

/** An expectation's status as a symbol and a word (the colour only repeats them). */
export function ExpectationStatus({ status }: { status: ExpectationResult['status'] }) {
  return (
    <span className={`expectation-status expectation-${status}`}>
      <span aria-hidden="true">{TEXT[status].symbol}</span> {TEXT[status].label}
    </span>
  );
}
