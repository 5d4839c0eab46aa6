import { notBuilt } from './scenario';

export const disk = notBuilt('disk');
