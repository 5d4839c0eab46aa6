import { useId, useState } from 'react';
import type { ConnectionKindDescriptor } from '@shared/connections/kinds';
import { DescriptionText } from './DescriptionText';

/** The kinds of account one can connect, with a search once there are many. */
export function KindPicker(props: {
  kinds: readonly ConnectionKindDescriptor[];
  onPick: (kind: ConnectionKindDescriptor) => void;
}) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = props.kinds.filter((k) => {
    const text = `${k.name} ${k.description} ${k.id}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return (
    <div className="kind-picker">
      {props.kinds.length > 6 && (
        <input
          id={searchId}
          className="input"
          type="search"
          aria-label="Search kinds of account"
          placeholder="Search services…"
          value={query}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      <ul className="kind-list" aria-label="Kinds of account">
        {shown.map((kind) => (
          <li key={kind.id}>
            <button type="button" className="kind-option" onClick={() => props.onPick(kind)}>
              <span className="kind-option-name">{kind.name}</span>
              <span className="kind-option-description">
                <DescriptionText text={kind.description} />
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && (
          <li className="field-help">No kind of account matches “{query}”.</li>
        )}
      </ul>
    </div>
  );
}
