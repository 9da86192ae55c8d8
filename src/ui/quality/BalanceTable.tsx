import type { PipelineRun } from '../../pipeline/runner';
import { formatCount } from '../format';

/**
 * Per source: bronze = silver + duplicates + quarantine, each counted from its table, and
 * the row accounting's verdict (every bronze row in exactly one of them, by `(_source, _row)`).
 */
export function BalanceTable({ run }: { run: PipelineRun }) {
  const silver = run.models.filter((m) => m.balance);
  return (
    <section aria-labelledby="balance-title" className="quality-section">
      <h3 id="balance-title">Where the bronze rows went</h3>
      <p className="hint">Every bronze row is in silver, or in duplicates naming the row silver kept, or in quarantine with a reason: bronze = silver + duplicates + quarantine, each counted from its table and checked row by row.</p>
      {silver.length === 0 ? (
        <p className="hint">No silver model was built, so there is no balance to show.</p>
      ) : (
        <div className="quality-table-scroll">
          <table className="sources quality-table balance-table" data-testid="balance">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Bronze</th>
                <th scope="col">Silver</th>
                <th scope="col">Exact duplicates</th>
                <th scope="col">Conflicting duplicates</th>
                <th scope="col">Quarantine</th>
                <th scope="col">Balance</th>
              </tr>
            </thead>
            <tbody>
              {silver.map((m) => {
                const b = m.balance!;
                const off = b.bronze - (b.silver + b.exactDuplicates + b.conflictingDuplicates + b.quarantined);
                const source = m.name.replace(/^silver\./, '');
                const check = run.expectations.find((e) => e.model === m.name && e.kind === 'balance');
                const misplaced = check && check.status !== 'pass' ? check.failing : 0;
                const ok = off === 0 && (!check || check.status === 'pass');
                return (
                  <tr key={m.name} data-source={source}>
                    <th scope="row">{source}</th>
                    <td data-col="bronze">{formatCount(b.bronze)}</td>
                    <td data-col="silver">{formatCount(b.silver)}</td>
                    <td data-col="exact">{formatCount(b.exactDuplicates)}</td>
                    <td data-col="conflicting">{formatCount(b.conflictingDuplicates)}</td>
                    <td data-col="quarantined">{formatCount(b.quarantined)}</td>
                    <td data-col="balance" className={ok ? 'expectation-pass' : 'expectation-fail'} title={check?.message}>
                      {ok ? (
                        <><span aria-hidden="true">✓</span> balances</>
                      ) : off !== 0 ? (
                        <><span aria-hidden="true">✗</span> off by {formatCount(Math.abs(off))}</>
                      ) : check?.status === 'error' ? (
                        <><span aria-hidden="true">✗</span> could not be checked</>
                      ) : (
                        <><span aria-hidden="true">✗</span> {formatCount(misplaced)} rows misplaced</>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
