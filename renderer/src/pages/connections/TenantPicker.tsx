import { useId, useState } from 'react';

export interface TenantPickerProps {
  /** What the service calls one ("Organisation"). */
  label: string;
  tenants: readonly { id: string; label: string }[];
  busy: boolean;
  onChoose: (tenantId: string) => void;
  onCancel: () => void;
}

/** After a sign-in that reaches several accounts (Xero organisations): the one to use. */
export function TenantPicker({ label, tenants, busy, onChoose, onCancel }: TenantPickerProps) {
  const [chosen, setChosen] = useState<string | null>(null);
  const name = useId();
  const noun = label.toLowerCase();
  return (
    // Not a <form>: it sits inside the connection dialog's own form.
    <div className="tenant-picker">
      <fieldset>
        <legend>Signed in. Choose the {noun} this connection uses</legend>
        {tenants.map((t) => (
          <label key={t.id} className="tenant-option">
            <input
              type="radio"
              name={name}
              value={t.id}
              checked={chosen === t.id}
              onChange={() => setChosen(t.id)}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
      <div className="tenant-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!chosen || busy}
          onClick={() => chosen && onChoose(chosen)}
        >
          {busy ? 'Saving…' : `Use this ${noun}`}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel sign-in
        </button>
      </div>
    </div>
  );
}
