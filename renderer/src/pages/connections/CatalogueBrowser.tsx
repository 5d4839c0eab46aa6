import { memo, useId, useState } from 'react';
import { CATALOGUE_DESCRIPTORS } from '@shared/connectors/catalogue';
import type { ConnectorCategory } from '@shared/connectors/types';
import { CATEGORY_LABELS, groupBy } from '../../canvas/palette/categories';
import { NodeIcon } from '../../canvas/nodes/NodeIcon';

const GROUPS = groupBy(CATALOGUE_DESCRIPTORS, (d) => d.category);
const AUTH_LABELS: Record<string, string> = {
  api_key: 'API key',
  basic: 'Key and secret',
  oauth2: 'Sign in',
  oauth2_app: 'App credentials',
  aws_sigv4: 'AWS access key',
  none: 'Webhook URL',
};

const operationCount = (n: number) => `${n} operation${n === 1 ? '' : 's'}`;

/** The connector catalogue by category: pick a service to connect an account of it. */
export const CatalogueBrowser = memo(function CatalogueBrowser(props: {
  onConnect: (kindId: string) => void;
}) {
  const [category, setCategory] = useState<string>(GROUPS[0]?.[0] ?? '');
  const headingId = useId();
  const shown = GROUPS.find(([c]) => c === category)?.[1] ?? [];
  return (
    <section className="catalogue" aria-labelledby={headingId}>
      <h2 id={headingId} className="catalogue-title">
        Browse services
      </h2>
      <div className="catalogue-categories" role="group" aria-label="Categories">
        {GROUPS.map(([c, services]) => (
          <button
            key={c}
            type="button"
            className="catalogue-category"
            aria-pressed={c === category}
            onClick={() => setCategory(c)}
          >
            {CATEGORY_LABELS[c as ConnectorCategory] ?? c}
            <span className="catalogue-count">{services.length}</span>
          </button>
        ))}
      </div>
      <ul
        className="catalogue-services"
        aria-label={`${CATEGORY_LABELS[category as ConnectorCategory] ?? category} services`}
      >
        {shown.map((service) => (
          <li key={service.id} className="catalogue-service">
            <NodeIcon icon={service.icon} category={service.category} name={service.name} />
            <div className="catalogue-service-text">
              <span className="catalogue-service-name">{service.name}</span>
              <span className="catalogue-service-description">{service.description}</span>
              <span className="catalogue-service-meta">
                {AUTH_LABELS[service.auth[0] ?? 'none']} ·{' '}
                {operationCount(service.actions.length + service.triggers.length)}
                {service.docsUrl && (
                  <>
                    {' · '}
                    <a href={service.docsUrl} target="_blank" rel="noreferrer">
                      API docs
                    </a>
                  </>
                )}
              </span>
            </div>
            <button
              type="button"
              className="button"
              aria-label={`Connect ${service.name}`}
              onClick={() => props.onConnect(service.id)}
            >
              Connect
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
});
