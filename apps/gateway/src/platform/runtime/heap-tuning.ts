// V8 settings for a process that serves requests. V8's allocation-site pretenuring moves an allocation
// site to old space once ≥ 85% of its objects survive a young-generation collection at full size. A
// gateway allocates the same objects per request from a few hundred sites, and those alive in calls still
// in flight at that instant make whole sites look long-lived, Node's own among them (nextTick, once,
// AbortSignal, stream pipes). From then on every such short-lived object is born in old space and only a
// full collection frees it. Measured on the plain chat request (bench/README.md, finding 8): about 60 sites
// tenured under load where the build before the pipeline had about 10, twice the bytes promoted per
// scavenge, and 12–27% more CPU per request than with the heuristic off. What this gateway keeps for
// long (config, caches, clients, pools) is made at start and promoted once, so it loses nothing without it.
import { setFlagsFromString } from 'node:v8';

/** Call once, first thing in a process that serves requests (before the application is built). */
export function tuneHeapForServing(): void {
  // V8 reads this flag at every scavenge, so setting it after start-up takes effect (as on the command line).
  setFlagsFromString('--no-allocation-site-pretenuring');
}
