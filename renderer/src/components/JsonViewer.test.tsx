// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { JsonViewer } from './JsonViewer';

afterEach(cleanup);

const sample = {
  email: 'ada@example.com',
  age: 36,
  active: true,
  manager: null,
  address: { city: 'London', lines: ['1 Main St', 'Flat 2'] },
};

describe('JsonViewer', () => {
  it('shows keys and typed values of nested objects', () => {
    render(<JsonViewer value={sample} label="Input" />);
    const view = screen.getByRole('group', { name: 'Input' });
    expect(view.textContent).toContain('"email": "ada@example.com",');
    expect(view.textContent).toContain('"age": 36,');
    expect(view.textContent).toContain('"manager": null,');
    expect(view.textContent).toContain('"city": "London",');
  });

  it('starts deep levels collapsed and expands them on request', () => {
    render(<JsonViewer value={sample} label="Input" openDepth={1} />);
    expect(screen.queryByText('"London"')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Expand address' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('2 keys')).toBeTruthy();
    fireEvent.click(toggle);
    expect(screen.getByText('"London"')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse address' }));
    expect(screen.queryByText('"London"')).toBeNull();
  });

  it('copies the whole value as pretty JSON', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<JsonViewer value={sample} label="Output" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Output' }));
    expect(writeText).toHaveBeenCalledWith(JSON.stringify(sample, null, 2));
    await waitFor(() => expect(screen.getByText('Copied')).toBeTruthy());
  });

  it('shows primitives and empty containers at the top level', () => {
    const { rerender } = render(<JsonViewer value="plain" label="Value" />);
    expect(screen.getByText('"plain"')).toBeTruthy();
    rerender(<JsonViewer value={[]} label="Value" />);
    expect(screen.getByRole('group', { name: 'Value' }).textContent).toContain('[]');
  });

  it('cuts very long arrays and strings short instead of rendering them whole', () => {
    const long = Array.from({ length: 150 }, (_, i) => i);
    render(<JsonViewer value={{ long, text: 'x'.repeat(1000) }} label="Big" />);
    expect(screen.getByText('… 50 more (copy to see all)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '… show all 1000 characters' }));
    expect(screen.getByRole('group', { name: 'Big' }).textContent).toContain('x'.repeat(1000));
  });
});
