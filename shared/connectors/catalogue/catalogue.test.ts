import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECTION_KINDS } from '../../connections/registry';
import { CONNECTORS } from '../registry';
import { CATALOGUE } from '.';
import { connectionKindOf, descriptorOf } from './build';
import { defineService } from './format';

const root = resolve(import.meta.dirname, '../../..');

describe('the connector catalogue', () => {
  it('gives each service one connector and one connection kind, with unique ids', () => {
    const ids = CONNECTORS.map((c) => c.id);
    const kinds = CONNECTION_KINDS.map((k) => k.id);
    for (const service of CATALOGUE) {
      expect(ids.filter((id) => id === service.id)).toHaveLength(1);
      expect(kinds.filter((id) => id === service.id)).toHaveLength(1);
    }
  });

  it.each(CATALOGUE.map((s) => [s.id, s] as const))(
    '%s: says where to find every credential, and has a stub and a contract test',
    (id, service) => {
      const kind = connectionKindOf(service);
      for (const name of kind.order) expect(kind.fields[name]?.help, `${id}.${name}`).toBeTruthy();
      expect(existsSync(resolve(root, `test/emulators/catalogue/${id}.ts`))).toBe(true);
      expect(existsSync(resolve(root, `test/emulators/catalogue/${id}.contract.test.ts`))).toBe(
        true,
      );
      expect(
        descriptorOf(service).actions.length + descriptorOf(service).triggers.length,
      ).toBeGreaterThan(0);
    },
  );

  it('refuses a malformed definition with the service and field named', () => {
    expect(() =>
      defineService({
        id: 'broken',
        name: 'Broken',
        category: 'crm',
        icon: 'x',
        description: 'x',
        docsUrl: 'https://example.com',
        auth: { type: 'none' },
        credentials: {},
        baseUrl: 'https://example.com',
        test: { request: { path: '/' } },
        actions: [{ id: 'Bad Id', name: 'x', description: 'x', request: { path: '/' } }],
      }),
    ).toThrow(/^Catalogue service broken: actions\.0\.id must be lower case/);
  });

  it('refuses OAuth quirks the definition does not back: an undeclared kept value, a redirect off this computer', () => {
    const oauth =
      (auth: Record<string, unknown>, credentials = {}) =>
      () =>
        defineService({
          id: 'quirky',
          name: 'Quirky',
          category: 'crm',
          icon: 'x',
          description: 'x',
          docsUrl: 'https://example.com',
          auth: {
            type: 'oauth2',
            authorizeUrl: 'https://example.com/a',
            tokenUrl: 'https://example.com/t',
            scopes: [],
            pkce: true,
            ...auth,
          },
          credentials,
          baseUrl: 'https://example.com',
          test: { request: { path: '/' } },
          actions: [{ id: 'x', name: 'x', description: 'x', request: { path: '/' } }],
        });
    expect(oauth({ keepFromToken: { instanceUrl: 'instance_url' } })).toThrow(
      /^Catalogue service quirky: credentials\.instanceUrl is filled in by the sign-in/,
    );
    expect(
      oauth(
        { keepFromToken: { instanceUrl: 'instance_url' } },
        { instanceUrl: { label: 'Instance', help: 'Set by the sign-in.', fromSignIn: true } },
      ),
    ).not.toThrow();
    expect(oauth({ fixedRedirectUri: 'https://example.com/callback' })).toThrow(
      /auth\.fixedRedirectUri must be http:\/\/localhost:PORT/,
    );
    expect(oauth({ fixedRedirectUri: 'http://localhost/callback' })).toThrow(/PORT/);
    expect(oauth({ fixedRedirectUri: 'http://127.0.0.1:8910/cb' })).not.toThrow();
  });

  it('builds config schemas that explain a missing required field by its label', () => {
    const twilio = descriptorOf(CATALOGUE.find((s) => s.id === 'twilio')!);
    const send = twilio.actions.find((a) => a.id === 'sms_send')!;
    const result = send.config.safeParse({ to: '+14155552671', body: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Message is required');
  });
});
