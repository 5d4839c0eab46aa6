import type { AuthInjector } from '../http/client';
import type { GrantTokens } from './refresh';

/** A grant's tokens kept fresh: createLockedRefresh's or createAppToken's. */
export interface FreshGrant {
  current(): Readonly<GrantTokens>;
  ensureFresh(): Promise<void>;
  refresh(): Promise<void>;
}

export interface GrantAuthOptions {
  /** The scheme before the token in `Authorization` (Bearer unless the service says otherwise). */
  prefix?: string;
  /** Other headers a request needs first (a tenant chosen at sign-in); may throw. */
  before?(headers: Headers): void;
  /** Whether a 401 can be answered by renewing (false: the operator must sign in again). */
  canRenew?(): boolean;
  /** The connection's other secrets to redact, besides the grant's tokens. */
  secrets(): (string | undefined)[];
}

/** An `Authorization: Bearer …` header from a grant: renewed before expiry, and once on 401. */
export function grantAuth(grant: FreshGrant, options: GrantAuthOptions): AuthInjector {
  const prefix = options.prefix ?? 'Bearer';
  return {
    async apply({ headers }) {
      options.before?.(headers);
      await grant.ensureFresh();
      headers.set('authorization', `${prefix} ${grant.current().accessToken}`);
    },
    async refresh() {
      if (options.canRenew && !options.canRenew()) return false;
      await grant.refresh();
      return true;
    },
    secrets: () => {
      const { accessToken, refreshToken } = grant.current();
      return [accessToken, refreshToken, ...options.secrets()].filter(
        (s): s is string => typeof s === 'string' && s !== '',
      );
    },
  };
}
