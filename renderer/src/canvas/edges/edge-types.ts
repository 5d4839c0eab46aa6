import type { EdgeTypes } from '@xyflow/react';
import { InsertableEdge } from './InsertableEdge';

export const edgeTypes: EdgeTypes = { insertable: InsertableEdge };
