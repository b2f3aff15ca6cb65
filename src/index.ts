// The action's entry. The first import starts the cache worker; the rest of the action is then
// evaluated while the worker loads @actions/cache.
import './cache/worker-first.js';
import { run } from './main.js';

await run();
