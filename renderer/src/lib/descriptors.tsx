import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  CONNECTORS,
  createDescriptorLookup,
  type DescriptorLookup,
} from '@shared/connectors/registry';
import type { ConnectorDescriptor } from '@shared/connectors/types';

export interface Descriptors {
  connectors: readonly ConnectorDescriptor[];
  lookup: DescriptorLookup;
}

const DescriptorsContext = createContext<Descriptors>({
  connectors: CONNECTORS,
  lookup: createDescriptorLookup(CONNECTORS),
});

/**
 * The connector descriptors the palette and inspector render. The app uses shared/connectors'
 * list; a test can provide its own, so a new connector needs no renderer change.
 */
export function DescriptorsProvider(props: {
  connectors: readonly ConnectorDescriptor[];
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ connectors: props.connectors, lookup: createDescriptorLookup(props.connectors) }),
    [props.connectors],
  );
  return <DescriptorsContext.Provider value={value}>{props.children}</DescriptorsContext.Provider>;
}

export const useDescriptors = (): Descriptors => useContext(DescriptorsContext);
