import type { TrainingState } from './usePredictions';

const MODEL = { eta: 'delivery ETA', churn: 'repeat purchase' } as const;

/** Training progress, announced politely to screen readers; failures as alerts. */
export function TrainingStatus({ training }: { training: TrainingState }) {
  const progress = training.status === 'training' ? training.progress : undefined;
  return (
    <>
      <div role="status" aria-live="polite" className="training-status" data-testid="training-status">
        {training.status === 'training' &&
          (progress ? (
            <>
              <label htmlFor="training-progress">
                Training {MODEL[progress.model]}: epoch {progress.epoch} of {progress.epochs}
                {progress.model === 'eta' ? ' (then repeat purchase)' : ''}
              </label>{' '}
              <progress id="training-progress" max={progress.epochs} value={progress.epoch} />
            </>
          ) : (
            'Building the features in DuckDB…'
          ))}
        {training.status === 'cancelled' && 'Training was cancelled; the previous models and tables are unchanged.'}
      </div>
      {training.status === 'failed' && (
        <p className="error" role="alert">
          Training failed: {training.message}
        </p>
      )}
    </>
  );
}
