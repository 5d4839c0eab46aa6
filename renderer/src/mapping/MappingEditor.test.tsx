// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Mapping, MappingField } from '@shared/workflow/mapping';
import { PATH_MIME } from './drag-path';
import { MappingEditor } from './MappingEditor';
import type { SampleScope } from './sample-scope';

afterEach(cleanup);

const sample: SampleScope = {
  scope: {
    trigger: {
      email: 'ada@example.com',
      name: 'ada lovelace',
      phone: '(415) 555-2671',
      first: 'Ada',
      last: 'Lovelace',
    },
  },
  origins: { trigger: 'last_run' },
};
const sources = [{ id: 'trigger', title: 'Run manually' }];

const field = (target: string, path: string, extra: Partial<MappingField> = {}): MappingField => ({
  target,
  source: { kind: 'path', path },
  transforms: [],
  ...extra,
});

/** The editor with its mapping in state, as the inspector holds it; every change is recorded. */
function Harness({ initial, onChange }: { initial: Mapping; onChange: (m: Mapping) => void }) {
  const [mapping, setMapping] = useState(initial);
  return (
    <MappingEditor
      mapping={mapping}
      sources={sources}
      sample={sample}
      onChange={(next) => {
        setMapping(next);
        onChange(next);
      }}
    />
  );
}

const row = (target: string) =>
  document.querySelector<HTMLElement>(`li.map-field[data-target="${target}"]`)!;

/** A drag that carries one of the data tree's paths, as the browser hands it to drop targets. */
const pathDrag = (path: string) => ({
  dataTransfer: {
    types: [PATH_MIME, 'text/plain'],
    getData: (type: string) =>
      type === PATH_MIME ? path : type === 'text/plain' ? `{{${path}}}` : '',
    dropEffect: 'none',
  },
});

describe('MappingEditor', () => {
  it('shows the sample data of earlier steps as a tree with values', () => {
    render(<Harness initial={{ fields: [] }} onChange={vi.fn()} />);
    const tree = screen.getByRole('tree', { name: 'Data from earlier steps' });
    expect(within(tree).getByText('Run manually')).toBeTruthy();
    expect(within(tree).getByText('last run')).toBeTruthy();
    expect(within(tree).getByText('"ada@example.com"')).toBeTruthy();
  });

  it('previews the mapped output and each field’s value', () => {
    render(<Harness initial={{ fields: [field('email', 'trigger.email')] }} onChange={vi.fn()} />);
    expect(within(row('email')).getByText('"ada@example.com"')).toBeTruthy();
    const output = screen.getByRole('group', { name: 'Output for the sample' });
    expect(output.textContent).toContain('"email": "ada@example.com"');
    expect(screen.getByText('No problems')).toBeTruthy();
  });

  it('marks a required field without a value inline', () => {
    const mapping = { fields: [field('company', 'trigger.company', { required: true })] };
    render(<Harness initial={mapping} onChange={vi.fn()} />);
    expect(
      within(row('company')).getByText('required, but trigger.company has no value'),
    ).toBeTruthy();
    expect(screen.getByText('1 problem')).toBeTruthy();
  });

  it('marks a value that fails its validation inline', () => {
    const mapping = { fields: [field('email', 'trigger.name', { validation: { kind: 'email' } })] };
    render(<Harness initial={mapping} onChange={vi.fn()} />);
    expect(within(row('email')).getByText('"ada lovelace" is not an e-mail address')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Output for the sample' }).textContent).not.toContain(
      'ada lovelace',
    );
  });

  it('applies transforms in the preview, and adds them from the list', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const mapping = {
      fields: [field('name', 'trigger.name', { transforms: [{ op: 'title_case' }] })],
    };
    render(<Harness initial={mapping} onChange={onChange} />);
    expect(within(row('name')).getByText('"Ada Lovelace"')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Add a transform to name'), 'uppercase');
    expect(onChange).toHaveBeenLastCalledWith({
      fields: [
        expect.objectContaining({ transforms: [{ op: 'title_case' }, { op: 'uppercase' }] }),
      ],
    });
    expect(within(row('name')).getByText('"ADA LOVELACE"')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Output for the sample' }).textContent).toContain(
      '"ADA LOVELACE"',
    );
  });

  it('edits a transform’s parameters and reorders transforms', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const transforms = [{ op: 'truncate' as const, length: 3 }, { op: 'uppercase' as const }];
    render(
      <Harness
        initial={{ fields: [field('short', 'trigger.first', { transforms })] }}
        onChange={onChange}
      />,
    );
    expect(within(row('short')).getByText('"ADA"')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /^1\s*Shorten/ }));
    const length = screen.getByLabelText('Max characters');
    await user.clear(length);
    await user.type(length, '2');
    expect(within(row('short')).getByText('"AD"')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Move Uppercase earlier' }));
    expect(
      onChange.mock.lastCall![0].fields[0].transforms.map((t: { op: string }) => t.op),
    ).toEqual(['uppercase', 'truncate']);
  });

  it('turns a typed {{path}} into a path source', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={{ fields: [] }} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    const source = screen.getByLabelText('Source of field');
    await user.type(source, '{{{{trigger.email}}');
    expect(onChange).toHaveBeenLastCalledWith({
      fields: [
        { target: 'field', source: { kind: 'path', path: 'trigger.email' }, transforms: [] },
      ],
    });
    expect(within(row('field')).getByText('"ada@example.com"')).toBeTruthy();
  });

  it('adds a field for a path dropped on the drop zone', () => {
    const onChange = vi.fn();
    render(<Harness initial={{ fields: [] }} onChange={onChange} />);
    const zone = screen.getByTestId('new-field-dropzone');
    fireEvent.dragOver(zone, pathDrag('trigger.phone'));
    fireEvent.drop(zone, pathDrag('trigger.phone'));
    expect(onChange).toHaveBeenLastCalledWith({
      fields: [
        { target: 'phone', source: { kind: 'path', path: 'trigger.phone' }, transforms: [] },
      ],
    });
  });

  it('sets a field’s source from a path dropped on it, and the tree rows carry their path', () => {
    const onChange = vi.fn();
    render(<Harness initial={{ fields: [field('email', 'trigger.name')] }} onChange={onChange} />);

    const setData = vi.fn();
    const pill = document.querySelector<HTMLElement>('[data-path="trigger.email"]')!;
    fireEvent.dragStart(pill, { dataTransfer: { setData, effectAllowed: 'none' } });
    expect(setData).toHaveBeenCalledWith(PATH_MIME, 'trigger.email');

    fireEvent.drop(screen.getByLabelText('Source of email'), pathDrag('trigger.email'));
    expect(onChange).toHaveBeenLastCalledWith({ fields: [field('email', 'trigger.email')] });
  });

  it('evaluates a JSONata expression field with the engine’s code', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={{ fields: [field('full', 'trigger.first')] }} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Write full as a JSONata expression' }));
    const expression = screen.getByLabelText('Source of full (JSONata expression)');
    expect((expression as HTMLTextAreaElement).value).toBe('trigger.first');
    await user.type(expression, ' & " " & trigger.last');
    await waitFor(() => expect(within(row('full')).getByText('"Ada Lovelace"')).toBeTruthy());
    expect(onChange.mock.lastCall![0].fields[0].source).toEqual({
      kind: 'expression',
      expression: 'trigger.first & " " & trigger.last',
    });
  });

  it('reports an unfinished field without stopping the preview of the others', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        initial={{ fields: [field('email', 'trigger.email'), field('name', 'trigger.name')] }}
        onChange={vi.fn()}
      />,
    );
    const target = within(row('name')).getByLabelText('Target of field 2');
    await user.clear(target);
    expect(within(row('')).getByText(/Target: Invalid path "": the path is empty/)).toBeTruthy();
    const listed = screen.getByRole('list', { name: 'Problems in the preview' });
    expect(within(listed).getByText(/the path is empty/)).toBeTruthy();
    expect(within(row('email')).getByText('"ada@example.com"')).toBeTruthy();
  });

  it('uses the default when there is no value, and shows the workflow check’s problems', () => {
    const mapping = {
      fields: [field('plan', 'trigger.plan', { default: 'free', required: true })],
    };
    render(
      <MappingEditor
        mapping={mapping}
        onChange={vi.fn()}
        sources={sources}
        sample={sample}
        problems={[
          {
            severity: 'error',
            nodeId: 'map',
            field: 'mapping.fields.0.source.path',
            message: '{{ghost.plan}} refers to "ghost", which is not a node of this workflow.',
          },
        ]}
      />,
    );
    expect(screen.getByRole('group', { name: 'Output for the sample' }).textContent).toContain(
      '"plan": "free"',
    );
    expect(within(row('plan')).getByText(/refers to "ghost"/)).toBeTruthy();
  });
});
