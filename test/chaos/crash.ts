import { notBuilt } from './scenario';

export const crash = notBuilt('crash');
