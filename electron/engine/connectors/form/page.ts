import { createHash } from 'node:crypto';
import { HONEYPOT_FIELD, type FormConfig, type FormField } from '@shared/connectors/form';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The page's one style block; the CSP allows exactly this text by its hash. */
const STYLE = `
:root{color-scheme:light dark;--fg:#1d2330;--muted:#5b6477;--bg:#f6f7fb;--card:#fff;--line:#cfd5e1;--accent:#2f5bd3;--error:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#e7eaf1;--muted:#a4adbf;--bg:#151821;--card:#1e2230;--line:#3a4256;--accent:#8fb0ff;--error:#ffb4ab}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:34rem;margin:2rem auto;padding:1.5rem 1.75rem;background:var(--card);border:1px solid var(--line);border-radius:12px}
h1{font-size:1.5rem;margin:0 0 .5rem}p.description{color:var(--muted);margin:0 0 1.25rem;white-space:pre-line}
.field{margin:0 0 1rem}label{display:block;font-weight:600;margin-bottom:.25rem}.required{color:var(--error)}
input,select,textarea{width:100%;font:inherit;color:inherit;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.55rem .65rem}
textarea{min-height:6rem}input:focus-visible,select:focus-visible,textarea:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:1px}
.check{display:flex;gap:.5rem;align-items:flex-start}.check input{width:auto;margin-top:.3rem}.check label{font-weight:400}
.hint{color:var(--muted);font-size:.9rem;margin:.25rem 0 0}.error{color:var(--error);font-size:.9rem;margin:.25rem 0 0}
[aria-invalid=true]{border-color:var(--error)}.summary{border:2px solid var(--error);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.summary h2{font-size:1rem;margin:0 0 .25rem}.summary a{color:var(--error)}
button{font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:8px;padding:.6rem 1.2rem;cursor:pointer}
@media (prefers-color-scheme:dark){button{color:#10131a}}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}`;

export const FORM_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** The form page's own policy: its style block, posting to itself, no scripts at all. */
export function formPageCsp(redirectUrl?: string): string {
  const formAction = ["'self'"];
  if (redirectUrl) formAction.push(new URL(redirectUrl).origin);
  return [
    "default-src 'none'",
    `style-src '${FORM_STYLE_HASH}'`,
    "script-src 'none'",
    "img-src 'self' data:",
    `form-action ${formAction.join(' ')}`,
    "base-uri 'none'",
    // The page is meant to be embedded (the embed code is an iframe) on the user's own site.
    'frame-ancestors *',
  ].join('; ');
}

const fieldId = (field: FormField) => `f-${field.name}`;

function control(field: FormField, value: string, describedBy: string[], invalid: boolean): string {
  const id = fieldId(field);
  const common = [
    `id="${id}"`,
    `name="${escapeHtml(field.name)}"`,
    field.required ? 'required' : '',
    invalid ? 'aria-invalid="true"' : '',
    describedBy.length ? `aria-describedby="${describedBy.join(' ')}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
  const maxLength = field.maxLength ? ` maxlength="${field.maxLength}"` : '';
  const pattern = field.pattern ? ` pattern="${escapeHtml(field.pattern)}"` : '';
  switch (field.type) {
    case 'textarea':
      return `<textarea ${common}${placeholder}${maxLength}>${escapeHtml(value)}</textarea>`;
    case 'select':
      return `<select ${common}><option value="">Choose…</option>${(field.options ?? [])
        .map(
          (o) =>
            `<option value="${escapeHtml(o)}"${o === value ? ' selected' : ''}>${escapeHtml(o)}</option>`,
        )
        .join('')}</select>`;
    case 'checkbox':
      return `<input type="checkbox" ${common}${value ? ' checked' : ''}>`;
    case 'number':
      return `<input type="number" step="any" ${common}${placeholder} value="${escapeHtml(value)}">`;
    default: {
      const autocomplete =
        field.type === 'email'
          ? ' autocomplete="email"'
          : field.type === 'tel'
            ? ' autocomplete="tel"'
            : '';
      return `<input type="${field.type}" ${common}${placeholder}${maxLength}${pattern}${autocomplete} value="${escapeHtml(value)}">`;
    }
  }
}

function fieldHtml(field: FormField, value: string, error: string | undefined): string {
  const id = fieldId(field);
  const describedBy = [...(error ? [`${id}-error`] : []), ...(field.help ? [`${id}-hint`] : [])];
  const label = `<label for="${id}">${escapeHtml(field.label)}${field.required ? ' <span class="required" aria-hidden="true">*</span>' : ''}</label>`;
  const hint = field.help ? `<p class="hint" id="${id}-hint">${escapeHtml(field.help)}</p>` : '';
  const err = error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '';
  const input = control(field, value, describedBy, error !== undefined);
  if (field.type === 'checkbox')
    return `<div class="field"><div class="check">${input}${label}</div>${hint}${err}</div>`;
  return `<div class="field">${label}${input}${hint}${err}</div>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The hosted form, server-rendered; it works without JavaScript. */
export function renderFormPage(
  config: FormConfig,
  options: { values?: Record<string, string>; errors?: Record<string, string> } = {},
): string {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const failed = config.fields.filter((f) => errors[f.name]);
  const summary = failed.length
    ? `<div class="summary" role="alert" aria-labelledby="summary-title"><h2 id="summary-title">Please correct ${failed.length === 1 ? 'this field' : `these ${failed.length} fields`}</h2><ul>${failed
        .map((f) => `<li><a href="#${fieldId(f)}">${escapeHtml(errors[f.name]!)}</a></li>`)
        .join('')}</ul></div>`
    : '';
  const fields = config.fields
    .map((f) => fieldHtml(f, values[f.name] ?? '', errors[f.name]))
    .join('');
  const trap = `<div class="trap" aria-hidden="true"><label for="${HONEYPOT_FIELD}">Leave this empty</label><input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>`;
  const description = config.description
    ? `<p class="description">${escapeHtml(config.description)}</p>`
    : '';
  return page(
    config.title,
    `<h1>${escapeHtml(config.title)}</h1>${description}${summary}<form method="post">${fields}${trap}<button type="submit">${escapeHtml(config.submitLabel)}</button></form>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p role="status" class="description">${escapeHtml(message)}</p>`,
  );
}
