import { describe, expect, it } from 'vitest';
import {
  httpApiKeyKind,
  oauth2Kind,
  smtpKind,
  webhookEndpointKind,
} from '@shared/connections/kinds';
import { ApiError } from '../../api/errors';
import {
  credentialsOf,
  errorsByField,
  initialValues,
  needsBrowserSignIn,
  typedFields,
} from './connection-form';

describe('the generated connection form', () => {
  it('starts from the schema’s defaults, or from the stored fields of the connection, never a secret', () => {
    expect(initialValues(smtpKind)).toEqual({
      host: '',
      port: '587',
      security: 'starttls',
      username: '',
      password: '',
      fromAddress: '',
    });
    expect(
      initialValues(httpApiKeyKind, { fields: { in: 'query', name: 'api_key', key: 'leak' } }),
    ).toEqual({ key: '', in: 'query', name: 'api_key', testUrl: '' });
    expect(initialValues(oauth2Kind).pkce).toBe(true);
  });

  it('leaves generated fields out of what the operator types', () => {
    expect(typedFields(webhookEndpointKind).map(([name]) => name)).toEqual(['url']);
  });

  it('sends numbers as numbers and switches as booleans', () => {
    const values = { ...initialValues(smtpKind), host: 'smtp.example.com', port: '465' };
    expect(credentialsOf(smtpKind, values)).toMatchObject({ host: 'smtp.example.com', port: 465 });
    expect(credentialsOf(oauth2Kind, { ...initialValues(oauth2Kind), pkce: false }).pkce).toBe(
      false,
    );
  });

  it('puts each zod issue under its field, and keeps a message that names no field for the form', () => {
    const error = new ApiError('invalid_input', 'Port: must be 1–65535', {
      issues: [
        { path: ['port'], message: 'must be 1–65535' },
        { path: ['host'], message: 'Host is required' },
      ],
    });
    expect(errorsByField(smtpKind, error)).toEqual({
      fields: { port: 'must be 1–65535', host: 'Host is required' },
      general: null,
    });
    const named = new ApiError('invalid_input', 'Invalid input', [
      { path: ['name'], message: 'Name is required' },
    ]);
    expect(errorsByField(smtpKind, named).fields).toEqual({ name: 'Name is required' });
    const other = new ApiError('not_found', 'Connection conn_1 does not exist.');
    expect(errorsByField(smtpKind, other)).toEqual({
      fields: {},
      general: 'Connection conn_1 does not exist.',
    });
  });

  it('signs in through the browser only for OAuth kinds, and only for the authorization-code grant', () => {
    expect(needsBrowserSignIn(oauth2Kind, { grant: 'authorization_code' })).toBe(true);
    expect(needsBrowserSignIn(oauth2Kind, { grant: 'client_credentials' })).toBe(false);
    expect(needsBrowserSignIn(smtpKind, {})).toBe(false);
    expect(needsBrowserSignIn({ ...smtpKind, oauth: true }, {})).toBe(true);
  });
});
