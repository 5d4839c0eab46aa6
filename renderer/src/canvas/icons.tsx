import { Icon, type IconProps } from '../components/icons';

export const UndoIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M7.5 5L4 8.5 7.5 12" />
    <path d="M4 8.5h7.5a4.5 4.5 0 0 1 0 9H9" />
  </Icon>
);

export const RedoIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M12.5 5L16 8.5 12.5 12" />
    <path d="M16 8.5H8.5a4.5 4.5 0 0 0 0 9H11" />
  </Icon>
);

export const LayoutIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2.5" y="8" width="4" height="4" rx="1" />
    <rect x="13.5" y="3.5" width="4" height="4" rx="1" />
    <rect x="13.5" y="12.5" width="4" height="4" rx="1" />
    <path d="M6.5 10h3.5M10 5.5v9M10 5.5h3.5M10 14.5h3.5" />
  </Icon>
);

export const HistoryIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 10a6.5 6.5 0 1 0 2-4.7" />
    <path d="M3.5 3.5v3h3" />
    <path d="M10 6.5V10l2.5 1.5" />
  </Icon>
);

export const PlayIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M6.5 4.5v11l9-5.5z" />
  </Icon>
);

export const AlertIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M10 3l7.5 13h-15z" />
    <path d="M10 8.5v3M10 14h.01" />
  </Icon>
);

export const CheckIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M4.5 10.5l3.5 3.5 7.5-8" />
  </Icon>
);

export const SaveIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M4 3.5h9.5L16.5 6.5v10h-12.5z" />
    <path d="M7 3.5v4h6v-4M7 16.5v-5h6v5" />
  </Icon>
);

export const SearchIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="9" cy="9" r="5" />
    <path d="M13 13l3.5 3.5" />
  </Icon>
);

export const GridIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 7.5h13M3.5 12.5h13M7.5 3.5v13M12.5 3.5v13" />
  </Icon>
);

export const BugIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="6" y="6.5" width="8" height="10" rx="4" />
    <path d="M8 6.5a2 2 0 0 1 4 0M10 10v6.5M3.5 10H6M14 10h2.5M4 15l2.2-1.5M16 15l-2.2-1.5M4 5.5l2.2 1.7M16 5.5l-2.2 1.7" />
  </Icon>
);

export const ClockIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="10" cy="10" r="6.5" />
    <path d="M10 6.5V10l2.5 1.5" />
  </Icon>
);

export const MappingIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 5.5h4l5 9h4M3.5 14.5h4l1.5-2.7M12.5 5.5h4M11 8.2l1.5-2.7" />
  </Icon>
);

export const FilterIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 4.5h13l-5 6v5l-3 1.5v-6.5z" />
  </Icon>
);

export const BranchIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="5" cy="10" r="1.8" />
    <path d="M6.8 10h2.2c1.5 0 2-4.5 4-4.5h3M9 10c1.5 0 2 4.5 4 4.5h3" />
    <path d="M14.5 3.5l2 2-2 2M14.5 12.5l2 2-2 2" />
  </Icon>
);

export const DelayIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M6 3.5h8M6 16.5h8M7 3.5c0 3.5 6 3.5 6 6.5s-6 3-6 6.5M13 3.5c0 3.5-6 3.5-6 6.5s6 3 6 6.5" />
  </Icon>
);

export const WebhookIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="10" cy="5.5" r="2" />
    <circle cx="5" cy="14" r="2" />
    <circle cx="15" cy="14" r="2" />
    <path d="M9 7.2L6 12.3M7 14h6M11 7.2l3 5.1" />
  </Icon>
);

export const GlobeIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="10" cy="10" r="6.5" />
    <path d="M3.5 10h13M10 3.5c-2.2 2-2.2 11 0 13M10 3.5c2.2 2 2.2 11 0 13" />
  </Icon>
);

export const MailIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3" y="4.5" width="14" height="11" rx="1.5" />
    <path d="M3.5 5.5l6.5 5 6.5-5" />
  </Icon>
);

export const CalendarIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3" y="4.5" width="14" height="12" rx="1.5" />
    <path d="M3 8.5h14M7 3v3M13 3v3" />
  </Icon>
);

export const SheetIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="4" y="3" width="12" height="14" rx="1.5" />
    <path d="M4 8h12M4 12.5h12M9 8v9" />
  </Icon>
);

export const DotsIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M5 10h.01M10 10h.01M15 10h.01" strokeWidth="2.5" />
  </Icon>
);
