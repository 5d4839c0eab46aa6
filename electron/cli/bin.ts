#!/usr/bin/env node
/**
 * The `switchyard` command. V8 grows a thread's young generation (up to 2 × 16 MB) while modules
 * load and keeps it until a later collection happens to shrink it: an idle engine sat ≈ 15–25 MB
 * larger for it. Set before anything loads (hence the dynamic import), the young generation keeps
 * its first size; the engine's workers get the same from their resourceLimits (scheduler.ts).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
// The engine idles in the background most of its life: V8's heuristics for a small footprint
// (slower heap growth, earlier collection) keep its resident memory flat between polls — in the
// idle bench the peak fell from 125–132 MB to 118–121 MB, CPU unchanged. Flags are process-wide,
// so the worker threads started later get them too.
setFlagsFromString('--optimize-for-size');
await import('./index');
