import { memo, type ComponentType } from 'react';
import type { IconProps } from '../../components/icons';
import {
  BranchIcon,
  BugIcon,
  CalendarIcon,
  ClockIcon,
  DelayIcon,
  FilterIcon,
  GlobeIcon,
  MailIcon,
  MappingIcon,
  PlayIcon,
  SheetIcon,
  WebhookIcon,
} from '../icons';

/** Icon names a connector descriptor may use, and the logic steps' own. */
const GLYPHS: Record<string, ComponentType<IconProps>> = {
  play: PlayIcon,
  bug: BugIcon,
  clock: ClockIcon,
  mapping: MappingIcon,
  filter: FilterIcon,
  branch: BranchIcon,
  delay: DelayIcon,
  webhook: WebhookIcon,
  globe: GlobeIcon,
  mail: MailIcon,
  email: MailIcon,
  calendar: CalendarIcon,
  sheet: SheetIcon,
  sheets: SheetIcon,
  google_sheets: SheetIcon,
};

interface NodeIconProps {
  icon: string;
  /** A connector category or 'logic'; picks the tile's colour. */
  category: string;
  /** Shown as an initial when the icon is unknown. */
  name: string;
  size?: 'md' | 'sm';
}

/** A connector's or step's icon on a coloured tile; a data: URL is drawn as an image. */
export const NodeIcon = memo(function NodeIcon({
  icon,
  category,
  name,
  size = 'md',
}: NodeIconProps) {
  const Glyph = GLYPHS[icon];
  const tone = category === 'logic' ? `logic-${icon}` : category;
  return (
    <span className={`node-icon node-icon-${size}`} data-tone={tone} aria-hidden="true">
      {icon.startsWith('data:image/') ? (
        <img src={icon} alt="" />
      ) : Glyph ? (
        <Glyph />
      ) : (
        <span className="node-icon-initial">{name.slice(0, 1).toUpperCase()}</span>
      )}
    </span>
  );
});
