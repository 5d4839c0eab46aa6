import initial from './001_initial';
import runs from './002_runs';
import limits from './003_limits';
import scheduler from './004_scheduler';
import attentionIndexes from './005_attention_indexes';
import triggerEndpoints from './006_trigger_endpoints';
import connectionChecks from './007_connection_checks';
import ownWrites from './008_own_writes';
import connectionAliases from './009_connection_aliases';
import connectionReleased from './010_connection_released';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. Never edit an applied migration: add the next one. */
export const migrations: readonly Migration[] = [
  { id: 1, name: 'initial', sql: initial },
  { id: 2, name: 'runs', sql: runs },
  { id: 3, name: 'limits', sql: limits },
  { id: 4, name: 'scheduler', sql: scheduler },
  { id: 5, name: 'attention_indexes', sql: attentionIndexes },
  { id: 6, name: 'trigger_endpoints', sql: triggerEndpoints },
  { id: 7, name: 'connection_checks', sql: connectionChecks },
  { id: 8, name: 'own_writes', sql: ownWrites },
  { id: 9, name: 'connection_aliases', sql: connectionAliases },
  { id: 10, name: 'connection_released', sql: connectionReleased },
];
