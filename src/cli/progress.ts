/**
 * Progress bars for long work. Library code reports progress through a callback (side effects are
 * passed in); the CLI turns it into a bar on a terminal and stays quiet when piped or in tests.
 */
import cliProgress from 'cli-progress';

export interface ProgressEvent {
  /** Work done so far and in all (bytes, rows, files: whatever `unit` says). */
  done: number;
  total?: number;
  unit: string;
  label?: string;
}

export type OnProgress = (e: ProgressEvent) => void;

/** A progress callback that draws a bar on `stream` when it is a terminal, and nothing otherwise. */
export function progressBar(stream: NodeJS.WriteStream | undefined): { onProgress: OnProgress; stop: () => void } {
  if (!stream?.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: '{label} [{bar}] {percentage}% | {value}/{total} {unit} | {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (e) => {
      if (!started) {
        bar.start(e.total ?? e.done, e.done, { unit: e.unit, label: e.label ?? '' });
        started = true;
      }
      if (e.total !== undefined) bar.setTotal(e.total);
      bar.update(e.done, { unit: e.unit, label: e.label ?? '' });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
