import { notBuilt } from './scenario';

export const faults = notBuilt('faults');
