import type { ReactNode, SVGProps } from 'react';

export type IconProps = SVGProps<SVGSVGElement>;

/** A 20×20 line icon; decorative, so hidden from assistive technology. */
export function Icon({ children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const WorkflowsIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2.5" y="3" width="5" height="4" rx="1" />
    <rect x="12.5" y="13" width="5" height="4" rx="1" />
    <path d="M7.5 5h3a2 2 0 0 1 2 2v6" />
  </Icon>
);

export const ConnectionsIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8.5 11.5l3-3" />
    <path d="M10.5 6l1.3-1.3a2.8 2.8 0 0 1 4 4L14.5 10" />
    <path d="M9.5 14l-1.3 1.3a2.8 2.8 0 0 1-4-4L5.5 10" />
  </Icon>
);

export const RunsIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3 5h14M3 10h14M3 15h9" />
  </Icon>
);

export const HealthIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2.5 10h3.5l2-4.5 4 9 2-4.5h3.5" />
  </Icon>
);

export const SettingsIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="10" cy="10" r="2.5" />
    <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
  </Icon>
);

export const PlusIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M10 4.5v11M4.5 10h11" />
  </Icon>
);

export const BackIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M12 4.5L6.5 10l5.5 5.5" />
  </Icon>
);

export const CloseIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M5.5 5.5l9 9M14.5 5.5l-9 9" />
  </Icon>
);

export const PencilIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M12.5 4.5l3 3L7 16H4v-3z" />
  </Icon>
);

export const TrashIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M4 6h12M8 6V4h4v2M5.5 6l.8 10h7.4l.8-10" />
  </Icon>
);

export const TriggerIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M11 2.5L4.5 11H10l-1 6.5L15.5 9H10z" />
  </Icon>
);

/** The app mark: a track forking at a switch. */
export const LogoMark = (props: IconProps) => (
  <Icon strokeWidth="2" {...props}>
    <path d="M10 18v-6" />
    <path d="M10 12c0-3-4.5-4-4.5-8" />
    <path d="M10 12c0-3 4.5-4 4.5-8" />
    <circle cx="10" cy="12" r="1.6" fill="currentColor" stroke="none" />
  </Icon>
);

export const DownloadIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M10 3v9M6.5 8.5 10 12l3.5-3.5M4 15.5h12" />
  </Icon>
);

export const UploadIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M10 13V4M6.5 7.5 10 4l3.5 3.5M4 15.5h12" />
  </Icon>
);
