import { describe, expect, it } from 'vitest';
import { CONNECTOR_ERROR_SENTENCES } from '@shared/connectors/errors';
import { explainError } from './explain-error';

describe('explainError', () => {
  it('asks to reconnect the account when its authorisation expired', () => {
    const e = explainError({ code: 'auth_expired', message: 'Token expired' });
    expect(e.sentence).toBe(CONNECTOR_ERROR_SENTENCES.auth_expired);
    expect(e.action).toBe('reconnect');
    expect(e.fix).toBe('Reconnect the account');
  });

  it('names the mapping field that is missing', () => {
    const e = explainError({
      code: 'invalid_input',
      message: 'Mapping "To CRM": email: Is required',
      details: { problems: [{ field: 'email', message: 'Is required' }] },
    });
    expect(e.fix).toBe('Fix mapping: field email is required');
    expect(e.action).toBe('open_workflow');
  });

  it('names the config field of an action that refused its input', () => {
    const e = explainError(
      {
        code: 'invalid_input',
        message: 'bad',
        details: { issues: [{ path: ['to'], message: 'Invalid email address' }] },
      },
      'Send mail',
    );
    expect(e.fix).toBe('Fix step “Send mail”: field to invalid email address');
  });

  it('falls back to the message when the error carries no field', () => {
    const e = explainError({
      code: 'invalid_input',
      message: 'Debug step failed on purpose with invalid_input.',
      step: 'debug',
    });
    expect(e.fix).toBe('Fix step “debug”: debug step failed on purpose with invalid_input');
  });

  it('uses the general sentence for codes that are not a connector’s', () => {
    expect(explainError({ code: 'internal', message: 'x' }).action).toBe('none');
  });
});
