import type { ReactNode } from 'react';
import { Icon, type IconProps } from './icons';

/** A 16×16 line icon for dense editor UI: the app's Icon, smaller and finer. */
function Glyph(props: IconProps & { children: ReactNode }) {
  return <Icon width="16" height="16" viewBox="0 0 16 16" strokeWidth="1.5" {...props} />;
}

export const ChevronIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M6 4l4 4-4 4" />
  </Glyph>
);

export const CopyIcon = (props: IconProps) => (
  <Glyph {...props}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
  </Glyph>
);

export const CheckIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M3.5 8.5l3 3 6-7" />
  </Glyph>
);

/** "Insert data": braces around a dot, like a {{reference}}. */
export const DataIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M5.5 2.5c-1.5 0-2 .7-2 2v1.5c0 1-.6 2-1.5 2 .9 0 1.5 1 1.5 2v1.5c0 1.3.5 2 2 2" />
    <path d="M10.5 2.5c1.5 0 2 .7 2 2v1.5c0 1 .6 2 1.5 2-.9 0-1.5 1-1.5 2v1.5c0 1.3-.5 2-2 2" />
    <circle cx="8" cy="8" r=".9" fill="currentColor" stroke="none" />
  </Glyph>
);

export const GripIcon = (props: IconProps) => (
  <Glyph strokeWidth="0" fill="currentColor" {...props}>
    <circle cx="6" cy="4" r="1.1" />
    <circle cx="10" cy="4" r="1.1" />
    <circle cx="6" cy="8" r="1.1" />
    <circle cx="10" cy="8" r="1.1" />
    <circle cx="6" cy="12" r="1.1" />
    <circle cx="10" cy="12" r="1.1" />
  </Glyph>
);

export const ArrowUpIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M8 13V3M4 7l4-4 4 4" />
  </Glyph>
);

export const ArrowDownIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M8 3v10M4 9l4 4 4-4" />
  </Glyph>
);

export const XIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Glyph>
);

export const PlusSmallIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M8 3v10M3 8h10" />
  </Glyph>
);

export const AlertIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M8 2.5l6 10.5H2z" />
    <path d="M8 6.5v3" />
    <circle cx="8" cy="11.3" r=".5" fill="currentColor" />
  </Glyph>
);

export const InfoIcon = (props: IconProps) => (
  <Glyph {...props}>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 7.5v3.5" />
    <circle cx="8" cy="5.2" r=".5" fill="currentColor" />
  </Glyph>
);

export const RefreshIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M13 4.5v3h-3" />
    <path d="M12.6 7.5A5 5 0 1 0 11.5 11.5" />
  </Glyph>
);

export const EyeIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
    <circle cx="8" cy="8" r="2" />
  </Glyph>
);

export const EyeOffIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M2 2l12 12" />
    <path d="M6.5 3.8A6.5 6.5 0 0 1 8 3.5c4 0 6.5 4.5 6.5 4.5a11 11 0 0 1-1.9 2.4M4.2 5.2A11 11 0 0 0 1.5 8S4 12.5 8 12.5a6 6 0 0 0 2.6-.6" />
  </Glyph>
);

export const ExpandIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M9.5 2.5h4v4M6.5 13.5h-4v-4M13.5 2.5L9 7M2.5 13.5L7 9" />
  </Glyph>
);

export const FunctionIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M10.5 2.5c-2 0-2.5 1-2.8 3l-1.2 6c-.3 1.5-.8 2-2 2" />
    <path d="M5 6.5h5" />
  </Glyph>
);

export const LinkIcon = (props: IconProps) => (
  <Glyph {...props}>
    <path d="M7 9l2-2" />
    <path d="M8.5 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M7.5 11.5l-1 1A2.5 2.5 0 0 1 3 9l1-1" />
  </Glyph>
);
