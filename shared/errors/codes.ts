/**
 * Every error that crosses a boundary carries one of these stable codes. The sentence shown to
 * the user is written once, here, keyed by code; `message` on an error adds the specifics.
 */
export const ERROR_CODES = {
  invalid_input: 'The request was not valid.',
  unknown_channel: 'That operation does not exist.',
  not_found: 'The item no longer exists.',
  conflict: 'Someone else changed this in the meantime. Reload and try again.',
  unauthorized:
    'This request is not authorised. Open the address Switchyard printed, with its token.',
  forbidden_origin: 'Requests from this origin are refused.',
  payload_too_large: 'The request is too large.',
  vault_unavailable:
    'Secrets cannot be stored safely on this machine: no OS keychain is available. Install or unlock a keyring (e.g. GNOME Keyring or KWallet) and restart Switchyard.',
  vault_locked: 'The secrets of this data directory are sealed by another keyring.',
  vault_tampered: 'A stored secret failed its integrity check and was not used.',
  db_corrupt: 'The database file is damaged or is not a Switchyard database.',
  db_newer_schema: 'The database was written by a newer version of Switchyard.',
  db_migration_changed: 'An already-applied database migration has been changed.',
  disk_full:
    'The disk that holds Switchyard’s data is full, so this was not saved. Free some space; everything saved before is intact and waiting work resumes by itself.',
  data_dir_locked: 'Another Switchyard engine is already using this data directory.',
  desktop_unavailable:
    'These settings belong to the desktop app; this Switchyard runs without it (browser mode).',
  invalid_file: 'The file is not a workflow file Switchyard can import.',
  file_too_large: 'The file is too large to be a workflow file.',
  file_newer_schema: 'The file was written by a newer version of Switchyard.',
  missing_connector: 'The file needs a connector this Switchyard does not have.',
  internal: 'Something went wrong inside Switchyard. The details are in the log.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function describeError(code: string): string {
  return (ERROR_CODES as Record<string, string>)[code] ?? ERROR_CODES.internal;
}
