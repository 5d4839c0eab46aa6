import {
  googleKind,
  httpApiKeyKind,
  httpBasicKind,
  httpBearerKind,
  oauth2Kind,
  smtpKind,
  webhookEndpointKind,
  type ConnectionKindDescriptor,
} from './kinds';
import { CATALOGUE_KINDS } from '../connectors/catalogue';

/** Every connection kind the app knows. A kind added here appears in "Add connection". */
export const CONNECTION_KINDS: readonly ConnectionKindDescriptor[] = [
  httpBearerKind,
  httpApiKeyKind,
  httpBasicKind,
  oauth2Kind,
  smtpKind,
  webhookEndpointKind,
  googleKind,
  ...CATALOGUE_KINDS,
];

const byId = new Map(CONNECTION_KINDS.map((k) => [k.id, k]));

export const connectionKind = (id: string): ConnectionKindDescriptor | undefined => byId.get(id);

/** Names of the fields of a kind that the vault seals (generated ones included). */
export function secretFieldsOf(kind: ConnectionKindDescriptor): string[] {
  return Object.entries(kind.fields)
    .filter(([, f]) => f.secret)
    .map(([name]) => name);
}

/** The connection kinds a connector's steps accept: its own list, or a kind named like it. */
export function kindsForConnector(connector: {
  id: string;
  connectionKinds?: readonly string[];
}): readonly string[] {
  return connector.connectionKinds ?? [connector.id];
}
