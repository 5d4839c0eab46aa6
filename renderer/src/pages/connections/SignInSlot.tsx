import type { ConnectionKindDescriptor } from '@shared/connections/kinds';
import type { ConnectionSaved } from '@shared/ipc/contract';
import type { FormValues } from './connection-form';

export interface SignInSlotProps {
  kind: ConnectionKindDescriptor;
  /** What the form holds now (client ID, scopes…), for the sign-in request. */
  values: FormValues;
  /** The connection being reconnected, or null for a new one. */
  connectionId: string | null;
  name: string;
  /** Called once the browser sign-in stored the tokens: the dialog closes with this connection. */
  onSignedIn: (saved: ConnectionSaved) => void;
}

/**
 * Where an OAuth kind's "Sign in with …" button goes. The form renders this for any kind whose
 * descriptor says `oauth` (see needsBrowserSignIn); the browser sign-in flow fills it in.
 */
export function SignInSlot({ kind }: SignInSlotProps) {
  return (
    <p className="field-help sign-in-slot" role="note">
      {kind.name} signs in through your browser. Save the connection now; browser sign-in is not
      available in this version yet, so its workflows wait until it is signed in.
    </p>
  );
}
