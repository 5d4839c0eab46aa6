import { SavedTextField } from './SavedTextField';

interface RunsAtOnceFieldProps {
  saved: number;
  error: string | undefined;
  onSave: (runsAtOnce: number) => Promise<boolean>;
}

/** How many workflow runs the background executes in parallel (the dispatcher's concurrency). */
export function RunsAtOnceField({ saved, error, onSave }: RunsAtOnceFieldProps) {
  return (
    <SavedTextField
      label="Runs at once"
      subject="Runs at once"
      hint="How many workflow runs the background executes in parallel, from 1 to 16 (default 8). With 1 they run strictly one at a time, so after a crash at most one action is sent again. A change applies from the next batch of runs the background picks up, without a restart."
      saved={String(saved)}
      error={error}
      // Not a number (empty, letters) goes to the engine as NaN, which refuses it with the reason.
      onSave={(text) => onSave(text === '' ? Number.NaN : Number(text))}
      input={{
        className: 'input input-count',
        type: 'number',
        inputMode: 'numeric',
        min: 1,
        max: 16,
        step: 1,
      }}
    />
  );
}
