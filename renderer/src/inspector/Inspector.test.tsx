// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { z } from 'zod';
import { CONNECTORS } from '@shared/connectors/registry';
import type { ConnectorDescriptor } from '@shared/connectors/types';
import type { WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';

// Only the transport is fake: the renderer's real API client talks to this "preload bridge".
const bridge = vi.hoisted(() => {
  const invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>();
  window.switchyard = { invoke, onEvent: () => () => {} };
  return { invoke };
});

import { DescriptorsProvider } from '../lib/descriptors';
import { useConnectionsStore } from '../stores/connections';
import { Inspector } from './Inspector';

/** A connector that exists only in this test, with one field of every kind the inspector knows. */
const kitchenSink: ConnectorDescriptor = {
  id: 'test_kit',
  name: 'Test Kit',
  category: 'developer',
  icon: 'bug',
  description: 'Every kind of field.',
  auth: ['api_key'],
  triggers: [],
  actions: [
    {
      id: 'do_everything',
      name: 'Do everything',
      description: 'Takes one of each.',
      sideEffects: false,
      config: z.object({
        title: z.string().min(1, 'Give it a title'),
        count: z.number().int().min(1).max(10),
        color: z.enum(['red', 'green']),
        tags: z.array(z.enum(['alpha', 'beta', 'gamma'])).optional(),
        urgent: z.boolean().default(false),
        apiKey: z.string().meta({ format: 'password' }).optional(),
        payload: z.record(z.string(), z.unknown()).optional(),
        cron: z.string().meta({ format: 'cron' }).optional(),
        due: z.iso.date().optional(),
        sheet: z.string(),
        tab: z.string().optional(),
        note: z.string().optional(),
      }),
      ui: {
        order: ['sheet', 'tab', 'title', 'count', 'color', 'tags', 'urgent'],
        fields: {
          title: { label: 'Title', help: 'Shown in the report.', mappable: true },
          count: { label: 'How many' },
          color: { label: 'Colour' },
          tags: { label: 'Tags' },
          urgent: { label: 'Urgent' },
          apiKey: { label: 'API key' },
          payload: { label: 'Payload', widget: 'json' },
          cron: { label: 'When' },
          due: { label: 'Due date' },
          sheet: { label: 'Sheet', options: { kind: 'dynamic', source: 'sheets' } },
          tab: { label: 'Tab', options: { kind: 'dynamic', source: 'tabs', dependsOn: ['sheet'] } },
          note: { label: 'Note', widget: 'textarea', advanced: true },
        },
      },
      sample: { ok: true },
    },
  ],
};

const connection = {
  id: 'conn_1',
  kind: 'test_kit',
  name: 'Work account',
  account: 'ops@example.com',
  status: 'ok',
  hasSecret: true,
  fields: {},
  secretFields: ['token'],
  lastCheck: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function answer(channel: string, input: unknown): unknown {
  if (channel === 'connections:list') return { ok: true, value: [connection] };
  if (channel === 'connectors:options') {
    const { source, config } = input as { source: string; config: Record<string, unknown> };
    if (source === 'sheets') {
      return {
        ok: true,
        value: {
          options: [
            { value: 'sh_1', label: 'Leads' },
            { value: 'sh_2', label: 'Orders' },
          ],
        },
      };
    }
    if (source === 'tabs' && config.sheet === 'sh_2') return { ok: true, value: { options: [] } };
    return {
      ok: true,
      value: { options: [{ value: `${String(config.sheet)}_t1`, label: 'Sheet1' }] },
    };
  }
  return { ok: false, error: { code: 'internal', message: `unexpected ${channel}` } };
}

beforeEach(() => {
  bridge.invoke.mockReset();
  bridge.invoke.mockImplementation((channel, input) => Promise.resolve(answer(channel, input)));
  useConnectionsStore.setState({ connections: [], status: 'idle' });
});
afterEach(cleanup);

const action: WorkflowNode = {
  id: 'kit',
  type: 'action',
  connector: 'test_kit',
  operation: 'do_everything',
  connection: 'conn_1',
  config: {},
  position: { x: 0, y: 0 },
};

const definitionWith = (node: WorkflowNode): WorkflowDefinition => ({
  trigger: {
    id: 'trigger',
    type: 'trigger',
    connector: 'manual',
    operation: 'start',
    connection: null,
    config: { sample: { email: 'ada@example.com', name: 'Ada' } },
    position: { x: 0, y: 0 },
  },
  steps: node.type === 'trigger' ? [] : [node],
  edges: node.type === 'trigger' ? [] : [{ id: 'e1', source: 'trigger', target: node.id }],
  settings: {
    retry: { maxRetries: 5, baseDelayMs: 2000, maxDelayMs: 21_600_000 },
    dedupe: { enabled: true, windowDays: 30 },
    pauseAfterFailures: 5,
    pollIntervalSeconds: 300,
    ordered: false,
    catchUp: 'run_once',
  },
});

/** The inspector as the canvas mounts it: the node in state, every change recorded. */
function Harness({
  initial,
  onChange,
}: {
  initial: WorkflowNode;
  onChange: (n: WorkflowNode) => void;
}) {
  const [node, setNode] = useState(initial);
  return (
    <DescriptorsProvider connectors={[...CONNECTORS, kitchenSink]}>
      <Inspector
        node={node}
        definition={definitionWith(node)}
        problems={[]}
        lastRun={null}
        onChange={(next) => {
          setNode(next);
          onChange(next);
        }}
      />
    </DescriptorsProvider>
  );
}

const lastConfig = (onChange: ReturnType<typeof vi.fn>) =>
  (onChange.mock.lastCall![0] as { config: Record<string, unknown> }).config;

describe('Inspector for a connector it has never seen', () => {
  it('renders a working form for every field kind from the descriptor alone', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={action} onChange={onChange} />);

    // Connection picker: the connections of this connector's kind.
    const account = await screen.findByRole('combobox', { name: /Account/ });
    await waitFor(() =>
      expect(within(account).getByText(/Work account \(ops@example.com\)/)).toBeTruthy(),
    );
    expect((account as HTMLSelectElement).value).toBe('conn_1');

    // Dynamic select: loaded through connectors:options with the node's connection.
    const sheet = await screen.findByRole('combobox', { name: /Sheet/ });
    await waitFor(() => expect(within(sheet).getByText('Leads')).toBeTruthy());
    expect(bridge.invoke).toHaveBeenCalledWith('connectors:options', {
      connector: 'test_kit',
      source: 'sheets',
      connectionId: 'conn_1',
      config: {},
    });
    // A dependent field waits for the field it depends on, then loads with its value.
    expect(screen.getByText('Choose “Sheet” first.')).toBeTruthy();
    await user.selectOptions(sheet, 'sh_1');
    expect(lastConfig(onChange)).toEqual({ sheet: 'sh_1' });
    const tab = await screen.findByRole('combobox', { name: /Tab/ });
    await waitFor(() => expect(within(tab).getByText('Sheet1')).toBeTruthy());
    expect(bridge.invoke).toHaveBeenCalledWith('connectors:options', {
      connector: 'test_kit',
      source: 'tabs',
      connectionId: 'conn_1',
      config: { sheet: 'sh_1' },
    });
    await user.selectOptions(tab, 'sh_1_t1');

    // Text (mappable), with a required mark and inline validation from the zod schema.
    const title = screen.getByRole('textbox', { name: /Title/ });
    await user.type(title, 'Weekly');
    expect(lastConfig(onChange).title).toBe('Weekly');
    await user.clear(title);
    expect(screen.getByText('Give it a title')).toBeTruthy();
    await user.type(title, 'Report');
    expect(screen.queryByText('Give it a title')).toBeNull();

    // Number.
    await user.type(screen.getByRole('spinbutton', { name: /How many/ }), '7');
    expect(lastConfig(onChange).count).toBe(7);

    // Select of a zod enum.
    await user.selectOptions(screen.getByRole('combobox', { name: /Colour/ }), 'green');
    expect(lastConfig(onChange).color).toBe('green');

    // Multi-select of an array of an enum.
    const tags = screen.getByRole('group', { name: 'Tags' });
    await user.click(within(tags).getByRole('button', { name: 'gamma' }));
    await user.click(within(tags).getByRole('button', { name: 'alpha' }));
    expect(lastConfig(onChange).tags).toEqual(['alpha', 'gamma']);

    // Toggle.
    const urgent = screen.getByRole('switch', { name: 'Urgent' });
    expect(urgent.getAttribute('aria-checked')).toBe('false');
    await user.click(urgent);
    expect(lastConfig(onChange).urgent).toBe(true);

    // Secret: a password input.
    const secret = screen.getByLabelText('API key');
    expect(secret.getAttribute('type')).toBe('password');
    await user.type(secret, 's3cret');
    expect(lastConfig(onChange).apiKey).toBe('s3cret');

    // JSON: only valid JSON reaches the config.
    const payload = screen.getByRole('textbox', { name: 'Payload' });
    await user.type(payload, '{{"a": 1');
    expect(screen.getByText(/Not valid JSON/)).toBeTruthy();
    expect(lastConfig(onChange).payload).toBeUndefined();
    await user.type(payload, '}');
    expect(lastConfig(onChange).payload).toEqual({ a: 1 });
    expect(screen.queryByText(/Not valid JSON/)).toBeNull();

    // Cron, with the next five runs from the shared schedule code.
    await user.type(screen.getByRole('textbox', { name: 'When' }), '0 9 * * 1-5');
    expect(lastConfig(onChange).cron).toBe('0 9 * * 1-5');
    const runs = screen.getByRole('region', { name: 'Next runs' });
    expect(within(runs).getByText('On the cron schedule "0 9 * * 1-5" (UTC)')).toBeTruthy();
    expect(within(runs).getAllByRole('listitem')).toHaveLength(5);

    // Date.
    const due = screen.getByLabelText('Due date');
    expect(due.getAttribute('type')).toBe('date');
    await user.type(due, '2026-03-01');
    expect(lastConfig(onChange).due).toBe('2026-03-01');

    // Advanced fields sit in a collapsed section.
    const advanced = screen.getByText('Advanced options').closest('details')!;
    expect(advanced.open).toBe(false);
    await user.click(screen.getByText('Advanced options'));
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'hi');

    expect(lastConfig(onChange)).toEqual({
      sheet: 'sh_1',
      tab: 'sh_1_t1',
      title: 'Report',
      count: 7,
      color: 'green',
      tags: ['alpha', 'gamma'],
      urgent: true,
      apiKey: 's3cret',
      payload: { a: 1 },
      cron: '0 9 * * 1-5',
      due: '2026-03-01',
      note: 'hi',
    });
  });

  it('says when dynamic choices fail to load, and retries', async () => {
    const user = userEvent.setup();
    bridge.invoke.mockImplementation((channel, input) =>
      Promise.resolve(
        channel === 'connectors:options' &&
          bridge.invoke.mock.calls.filter((c) => c[0] === channel).length === 1
          ? { ok: false, error: { code: 'not_found', message: 'The spreadsheet list is gone.' } }
          : answer(channel, input),
      ),
    );
    render(<Harness initial={action} onChange={vi.fn()} />);
    const alert = await screen.findByText(
      /Could not load the choices: The spreadsheet list is gone./,
    );
    await user.click(
      within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: /Retry/ }),
    );
    const sheet = await screen.findByRole('combobox', { name: /Sheet/ });
    await waitFor(() => expect(within(sheet).getByText('Orders')).toBeTruthy());
  });

  it('says when an account has nothing to choose from', async () => {
    render(
      <Harness
        initial={{ ...action, config: { sheet: 'sh_2' } } as WorkflowNode}
        onChange={vi.fn()}
      />,
    );
    expect(await screen.findByText('Nothing to choose from in this account.')).toBeTruthy();
  });

  it('offers data from earlier steps in mappable fields', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={action} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Insert data into Title' }));
    const picker = screen.getByRole('dialog', { name: 'Data for Title' });
    expect(within(picker).getByText('sample item')).toBeTruthy();
    await user.click(within(picker).getByRole('button', { name: /^email/ }));
    expect(lastConfig(onChange).title).toBe('{{trigger.email}}');
  });

  it('shows the workflow check’s problems at the top and next to their field', async () => {
    render(
      <DescriptorsProvider connectors={[...CONNECTORS, kitchenSink]}>
        <Inspector
          node={action}
          definition={definitionWith(action)}
          lastRun={null}
          onChange={vi.fn()}
          problems={[
            {
              severity: 'incomplete',
              nodeId: 'kit',
              field: 'config.title',
              message: 'Give it a title',
            },
            { severity: 'warning', nodeId: 'other', field: null, message: 'Not about this node' },
          ]}
        />
      </DescriptorsProvider>,
    );
    const list = screen.getByRole('list', { name: 'Problems with this step' });
    expect(within(list).getByText('Give it a title')).toBeTruthy();
    expect(screen.queryByText('Not about this node')).toBeNull();
    const field = screen
      .getByRole('textbox', { name: /Title/ })
      .closest('.form-field') as HTMLElement;
    expect(within(field).getByText('Give it a title')).toBeTruthy();
    await waitFor(() => expect(bridge.invoke).toHaveBeenCalled());
  });
});

describe('Inspector for built-in nodes', () => {
  it('shows only the chosen schedule mode’s fields, with a preview of the next runs', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const trigger: WorkflowNode = {
      id: 'trigger',
      type: 'trigger',
      connector: 'schedule',
      operation: 'every',
      connection: null,
      config: { mode: 'daily', time: '09:00', zone: 'UTC' },
      position: { x: 0, y: 0 },
    };
    render(<Harness initial={trigger} onChange={onChange} />);
    expect(screen.getByText('Every day at 09:00 (UTC)')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'On' })).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: /Repeat/ }), 'weekly');
    expect(lastConfig(onChange)).toEqual({ mode: 'weekly', time: '09:00', zone: 'UTC' });
    expect(screen.getByText('Every weekday (Monday to Friday) at 09:00 (UTC)')).toBeTruthy();
    await user.click(
      within(screen.getByRole('group', { name: 'On' })).getByRole('button', { name: 'Friday' }),
    );
    expect(lastConfig(onChange).weekdays).toEqual(['mon', 'tue', 'wed', 'thu']);
  });

  it('edits a filter’s rules and says whether the sample passes', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const filter: WorkflowNode = {
      id: 'only_ada',
      type: 'filter',
      condition: {
        combinator: 'all',
        rules: [{ left: 'trigger.email', operator: 'ends_with', right: '@acme.com' }],
      },
      position: { x: 0, y: 0 },
    };
    render(<Harness initial={filter} onChange={onChange} />);
    expect(screen.getByText(/Does not pass for the sample/)).toBeTruthy();
    const right = screen.getByRole('textbox', { name: 'Rule 1 value to compare with' });
    await user.clear(right);
    await user.type(right, '@example.com');
    expect(screen.getByText(/Passes for the sample/)).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rule 1 operator' }), 'is_empty');
    expect(screen.queryByRole('textbox', { name: 'Rule 1 value to compare with' })).toBeNull();
    expect(onChange.mock.lastCall![0].condition.rules[0]).toEqual({
      left: 'trigger.email',
      operator: 'is_empty',
      right: undefined,
    });
  });

  it('shows the last test run’s input and output of the node', () => {
    const step: WorkflowNode = {
      id: 'kit',
      type: 'action',
      connector: 'debug',
      operation: 'record',
      connection: null,
      config: { record: '{{trigger}}' },
      position: { x: 0, y: 0 },
    };
    const run = {
      id: 1,
      workflowId: 'wf',
      workflowName: 'wf',
      workflowVersion: 1,
      state: 'succeeded' as const,
      test: true,
      dryRun: false,
      triggerItemId: 'manual',
      summary: '',
      retries: 0,
      replayOf: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      startedAt: null,
      finishedAt: null,
      durationMs: 12,
      dueAt: null,
      outcome: null,
      error: null,
      triggerData: { email: 'grace@example.com' },
      replayFrom: null,
      holdConnection: null,
      ledger: [],
      steps: [
        {
          stepId: 'kit',
          attempt: 1,
          state: 'succeeded' as const,
          input: { record: { email: 'grace@example.com' } },
          output: { received: { email: 'grace@example.com' } },
          error: null,
          idempotencyKey: null,
          startedAt: '2026-01-01T00:00:00.000Z',
          finishedAt: null,
          durationMs: 4,
        },
      ],
    };
    render(
      <DescriptorsProvider connectors={CONNECTORS}>
        <Inspector
          node={step}
          definition={definitionWith(step)}
          problems={[]}
          lastRun={run}
          onChange={vi.fn()}
        />
      </DescriptorsProvider>,
    );
    expect(screen.getByText('Succeeded')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Input' }).textContent).toContain(
      '"grace@example.com"',
    );
    expect(screen.getByRole('group', { name: 'Output' }).textContent).toContain('"received"');
    expect(screen.getByRole('button', { name: 'Copy Output' })).toBeTruthy();
  });
});
