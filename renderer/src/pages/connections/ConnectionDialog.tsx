import { useId, useState } from 'react';
import { Modal } from '../../components/Modal';
import type { ConnectionKindDescriptor } from '@shared/connections/kinds';
import { CONNECTION_KINDS, connectionKind } from '@shared/connections/registry';
import type {
  ConnectionSaved,
  ConnectionSummary,
  ConnectionTestResult,
} from '@shared/ipc/contract';
import { api, unwrap } from '../../api/client';
import { useConnectionsStore } from '../../stores/connections';
import {
  credentialsOf,
  errorsByField,
  initialValues,
  needsBrowserSignIn,
  type FormValues,
} from './connection-form';
import { CredentialForm } from './CredentialForm';
import { DescriptionText } from './DescriptionText';
import { KindPicker } from './KindPicker';
import { RevealedSecrets } from './RevealedSecrets';
import { SignInSlot } from './SignInSlot';
import { TestOutcome } from './TestOutcome';

interface ConnectionDialogProps {
  /** The connection to reconnect (new credentials); absent to add one. */
  connection?: ConnectionSummary;
  /** The kinds offered (a step's connector accepts only some); all by default. */
  kinds?: readonly string[];
  onClose: () => void;
  onSaved?: (saved: ConnectionSaved) => void;
}

/** "Add connection" and "Reconnect": a form generated from the kind's descriptor, in a modal. */
export function ConnectionDialog({ connection, kinds, onClose, onSaved }: ConnectionDialogProps) {
  const nameId = useId();
  const offered = kinds ? CONNECTION_KINDS.filter((k) => kinds.includes(k.id)) : CONNECTION_KINDS;
  const startKind = connection
    ? connectionKind(connection.kind)
    : offered.length === 1
      ? offered[0]
      : undefined;
  const [kind, setKind] = useState<ConnectionKindDescriptor | undefined>(startKind);
  const [name, setName] = useState(connection?.name ?? startKind?.name ?? '');
  const [values, setValues] = useState<FormValues>(() =>
    startKind ? initialValues(startKind, connection) : {},
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [revealed, setRevealed] = useState<ConnectionSaved | null>(null);
  const saved = useConnectionsStore((s) => s.saved);

  const pick = (picked: ConnectionKindDescriptor) => {
    setKind(picked);
    setName(picked.name);
    setValues(initialValues(picked));
    setErrors({});
    setGeneral(null);
    setTested(null);
  };

  const fail = (error: unknown) => {
    const found = errorsByField(kind!, error);
    setErrors(found.fields);
    setGeneral(found.general);
  };

  const storedSecrets = connection?.secretFields ?? [];
  const keepsStoredSecret =
    connection !== undefined &&
    storedSecrets.some((n) => kind?.fields[n] && !kind.fields[n]!.generated && values[n] === '');

  const test = async () => {
    if (!kind) return;
    setBusy('test');
    setErrors({});
    setGeneral(null);
    setTested(null);
    try {
      // A reconnect that keeps a stored secret can only be tried with the stored credentials.
      const input = keepsStoredSecret
        ? { id: connection!.id }
        : { kind: kind.id, credentials: credentialsOf(kind, values) };
      setTested(unwrap(await api.call('connections:test', input)));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!kind) return;
    setBusy('save');
    setErrors({});
    setGeneral(null);
    try {
      const credentials = credentialsOf(kind, values);
      const result = unwrap(
        connection
          ? await api.call('connections:update', { id: connection.id, name, credentials })
          : await api.call('connections:create', { kind: kind.id, name, credentials }),
      );
      saved(result.connection);
      if (result.revealed && Object.keys(result.revealed).length > 0) setRevealed(result);
      else {
        onSaved?.(result);
        onClose();
      }
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  // Kinds that sign in through the browser are saved (with their tokens) by the sign-in.
  const signsIn = !!kind && needsBrowserSignIn(kind, values);

  const title = connection
    ? `Reconnect “${connection.name}”`
    : kind
      ? `Connect ${kind.name}`
      : 'Add a connection';

  return (
    <Modal
      title={title}
      className="dialog-wide connection-dialog"
      busy={busy !== null || revealed !== null}
      onCancel={onClose}
    >
      {revealed && kind ? (
        <>
          <RevealedSecrets kind={kind} revealed={revealed.revealed!} />
          <div className="dialog-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                onSaved?.(revealed);
                onClose();
              }}
            >
              Done
            </button>
          </div>
        </>
      ) : !kind ? (
        <>
          {offered.length === 0 ? (
            <p className="dialog-body">
              This step needs a kind of account Switchyard cannot connect from a form yet (
              {kinds?.join(', ')}).
            </p>
          ) : (
            <>
              <p className="dialog-body">What kind of account do you want to connect?</p>
              <KindPicker kinds={offered} onPick={pick} />
            </>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <form
          className="connection-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            // A kind that signs in through the browser is saved by the sign-in, not by Enter.
            if (!signsIn) void save();
          }}
        >
          <p className="dialog-body">
            {connection ? 'Type new credentials. ' : ''}
            <DescriptionText text={kind.description} />
          </p>
          <div className={`form-field${errors.name ? ' is-invalid' : ''}`}>
            <label className="form-label" htmlFor={nameId}>
              Name
              <span className="required-mark" aria-label="required">
                *
              </span>
            </label>
            <input
              id={nameId}
              className="input"
              value={name}
              maxLength={120}
              aria-invalid={errors.name ? true : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            <p className="field-help">How steps and lists name this account.</p>
            {errors.name && <p className="field-error">{errors.name}</p>}
          </div>
          <CredentialForm
            kind={kind}
            values={values}
            errors={errors}
            storedSecrets={storedSecrets}
            onChange={(field, value) => {
              setValues((v) => ({ ...v, [field]: value }));
              setTested(null);
            }}
          />
          {signsIn && (
            <SignInSlot
              kind={kind}
              values={values}
              name={name}
              connectionId={connection?.id ?? null}
              onSignedIn={(result) => {
                saved(result.connection);
                onSaved?.(result);
                onClose();
              }}
              onInvalid={fail}
            />
          )}
          {tested && <TestOutcome result={tested} stored={keepsStoredSecret} />}
          {general && (
            <p className="field-error form-error" role="alert">
              {general}
            </p>
          )}
          <div className="dialog-actions">
            {!connection && !startKind && (
              <button
                type="button"
                className="button dialog-back"
                onClick={() => setKind(undefined)}
                disabled={!!busy}
              >
                Back
              </button>
            )}
            <button type="button" className="button" onClick={onClose} disabled={!!busy}>
              Cancel
            </button>
            {kind.testLabel && !signsIn && (
              <button
                type="button"
                className="button"
                onClick={() => void test()}
                disabled={!!busy}
              >
                {busy === 'test' ? 'Testing…' : kind.testLabel}
              </button>
            )}
            {!signsIn && (
              <button type="submit" className="button button-primary" disabled={!!busy}>
                {busy === 'save' ? 'Saving…' : connection ? 'Reconnect' : 'Save connection'}
              </button>
            )}
          </div>
        </form>
      )}
    </Modal>
  );
}
