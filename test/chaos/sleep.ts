import { notBuilt } from './scenario';

export const sleep = notBuilt('sleep');
