import type { ComponentType, SVGProps } from 'react';
import { Link, useLocation } from 'wouter';
import {
  ConnectionsIcon,
  HealthIcon,
  LogoMark,
  RunsIcon,
  SettingsIcon,
  WorkflowsIcon,
} from './icons';

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  isActive: (path: string) => boolean;
}

const NAV_ITEMS: NavItem[] = [
  {
    to: '/',
    label: 'Workflows',
    icon: WorkflowsIcon,
    isActive: (path) => path === '/' || path.startsWith('/workflows'),
  },
  {
    to: '/connections',
    label: 'Connections',
    icon: ConnectionsIcon,
    isActive: (p) => p === '/connections',
  },
  {
    to: '/runs',
    label: 'Runs',
    icon: RunsIcon,
    isActive: (p) => p === '/runs' || p.startsWith('/runs/'),
  },
  { to: '/health', label: 'Health', icon: HealthIcon, isActive: (p) => p === '/health' },
  { to: '/settings', label: 'Settings', icon: SettingsIcon, isActive: (p) => p === '/settings' },
];

export function Sidebar() {
  const [path] = useLocation();
  return (
    <aside className="sidebar">
      <div className="sidebar-brand">
        <LogoMark className="sidebar-logo" />
        <span>Switchyard</span>
      </div>
      <nav aria-label="Main">
        <ul className="sidebar-nav">
          {NAV_ITEMS.map(({ to, label, icon: NavIcon, isActive }) => {
            const active = isActive(path);
            return (
              <li key={to}>
                <Link
                  to={to}
                  className={active ? 'nav-link is-active' : 'nav-link'}
                  aria-current={active ? 'page' : undefined}
                >
                  <NavIcon />
                  <span>{label}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </aside>
  );
}
