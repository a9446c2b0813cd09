// The entry piscina loads in each worker thread. Workers do not inherit a loader from vitest, and
// the server runs TypeScript through tsx, so register tsx here and then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
const { default: render } = await import('./render-worker.ts');
export default render;
