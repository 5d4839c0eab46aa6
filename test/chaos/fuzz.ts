import { notBuilt } from './scenario';

export const fuzz = notBuilt('fuzz');
