#!/usr/bin/env node
/**
 * The `switchyard` command. V8 grows a thread's young generation (up to 2 × 16 MB) while modules
 * load and keeps it until a later collection happens to shrink it: an idle engine sat ≈ 15–25 MB
 * larger for it. Set before anything loads (hence the dynamic import), the young generation keeps
 * its first size; the engine's workers get the same from their resourceLimits (scheduler.ts).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
await import('./index');
