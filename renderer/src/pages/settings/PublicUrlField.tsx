import { SavedTextField } from './SavedTextField';

interface PublicUrlFieldProps {
  saved: string | null;
  error: string | undefined;
  onSave: (url: string | null) => Promise<boolean>;
}

/** The user's tunnel address; empty means webhooks are reachable on this machine only. */
export function PublicUrlField({ saved, error, onSave }: PublicUrlFieldProps) {
  return (
    <SavedTextField
      label="Public base URL"
      subject="The public base URL"
      hint="The address of your tunnel to this machine, used to show webhook URLs that work from outside. Leave empty if webhooks only come from this computer."
      saved={saved ?? ''}
      error={error}
      onSave={(text) => onSave(text === '' ? null : text)}
      input={{ type: 'url', inputMode: 'url', placeholder: 'https://my-tunnel.example.com' }}
    />
  );
}
