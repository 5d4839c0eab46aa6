import { useEffect, useState } from 'react';
import type { ImportPreview } from '@shared/transfer/schemas';
import { api, unwrap } from '../api/client';
import type { ImportSource } from './files';

export type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; preview: ImportPreview }
  | { status: 'failed'; error: unknown };

/** What the engine reads in the file (reading changes nothing). */
export function usePreview(source: ImportSource): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    api
      .call('files:preview', { text: source.text, fileName: source.fileName })
      .then((result) => {
        if (current) setState({ status: 'ready', preview: unwrap(result) });
      })
      .catch((error: unknown) => {
        if (current) setState({ status: 'failed', error });
      });
    return () => {
      current = false;
    };
  }, [source]);
  return state;
}
