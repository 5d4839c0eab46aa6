import { createContext, useContext } from 'react';
import type { SampleScope } from '../mapping/sample-scope';
import type { SourceNode } from '../mapping/upstream';

export interface InspectorData {
  /** The nodes that run before the selected one. */
  sources: readonly SourceNode[];
  sample: SampleScope;
}

export const InspectorDataContext = createContext<InspectorData>({
  sources: [],
  sample: { scope: {}, origins: {} },
});

/** The data the selected node can refer to, for "insert data" pickers. */
export const useInspectorData = () => useContext(InspectorDataContext);
