// Worker-thread entry for parallel ingest: registers tsx in this thread, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('../src/ingest/prepare-worker.ts');
