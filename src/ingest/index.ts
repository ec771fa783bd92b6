/** Ingest: import files (validate → normalise → load) with provenance; list import runs. */
export { DEMO_ROWS, type DemoWorld, loadDemoWorld, syntheticRelease } from './demo.ts';
export { type Detected, detectFormat } from './detect.ts';
export {
  forUpload,
  type ImportOptions,
  type ImportSummary,
  importFiles,
  type OnProgress,
  sha256File,
} from './import.ts';
export { type ImportRunInfo, isSyntheticRun, listImportRuns, pageImportRuns, type RunFilter, type RunPage } from '../store/index.ts';
