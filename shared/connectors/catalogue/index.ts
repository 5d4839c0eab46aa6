import type { ConnectionKindDescriptor } from '../../connections/kinds';
import type { ConnectorDescriptor } from '../types';
import { connectionKindOf, descriptorOf } from './build';
import type { ServiceDefinition } from './format';
import { twilio } from './services/twilio';

/** Every catalogue service, most used first. Adding one: a file in services/ and a line here. */
export const CATALOGUE: readonly ServiceDefinition[] = [twilio];

export const CATALOGUE_DESCRIPTORS: readonly ConnectorDescriptor[] = CATALOGUE.map(descriptorOf);
export const CATALOGUE_KINDS: readonly ConnectionKindDescriptor[] = CATALOGUE.map(connectionKindOf);

export const catalogueService = (id: string): ServiceDefinition | undefined =>
  CATALOGUE.find((s) => s.id === id);
