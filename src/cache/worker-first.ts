// Imported first by the action's entry (index.ts): starts the cache worker before the rest of the
// bundle is evaluated, so @actions/cache loads on its own thread meanwhile (see early-start.ts).
import { startCacheWorkerEarly } from './early-start.js';

startCacheWorkerEarly(process.env);
