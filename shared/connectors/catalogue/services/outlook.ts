import { defineService } from '../format';
import { oauthClient } from './oauth-client';

/** Outlook calendar through Microsoft Graph: https://learn.microsoft.com/graph/api/user-post-events */
export const outlook = defineService({
  id: 'outlook',
  name: 'Outlook Calendar',
  category: 'calendar',
  icon: 'outlook',
  description:
    'Create Outlook events with a Teams meeting link; start workflows from new or changed events.',
  docsUrl: 'https://learn.microsoft.com/graph/api/user-post-events',
  auth: {
    type: 'oauth2',
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    scopes: ['offline_access', 'User.Read', 'Calendars.ReadWrite'],
    pkce: true,
  },
  credentials: oauthClient(
    'entra.microsoft.com → App registrations → New registration (redirect: Public client, http://127.0.0.1) → Application (client) ID; a secret under Certificates & secrets.',
  ),
  accountField: 'clientId',
  baseUrl: 'https://graph.microsoft.com/v1.0',
  // Graph throttles Outlook calls at 10,000 per 10 minutes per mailbox.
  limits: { perMinute: 1000 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'error.message' },
    { status: [429], code: 'rate_limited', messagePath: 'error.message' },
    { status: [400], code: 'invalid_input', messagePath: 'error.message' },
  ],
  test: {
    request: { method: 'GET', path: '/me', query: { $select: 'displayName,mail' } },
    accountPath: 'mail',
  },
  actions: [
    {
      id: 'event_create',
      name: 'Create an event',
      description: 'Creates an event in your calendar, with a Teams meeting link when asked.',
      input: {
        subject: { label: 'Subject', required: true },
        start: {
          label: 'Start (ISO date and time)',
          required: true,
          placeholder: '2026-01-31T15:00:00',
        },
        end: {
          label: 'End (ISO date and time)',
          required: true,
          placeholder: '2026-01-31T15:30:00',
        },
        timeZone: {
          label: 'Time zone',
          default: 'UTC',
          help: 'Windows or IANA name, e.g. Europe/London.',
        },
        attendee: { label: 'Attendee e-mail', type: 'email' },
        body: { label: 'Description', type: 'textarea' },
        teams: { label: 'Add a Teams meeting', type: 'boolean', default: true },
      },
      request: {
        method: 'POST',
        path: '/me/events',
        body: {
          type: 'json',
          value: {
            subject: '{{input.subject}}',
            body: { $if: '{{input.body}}', contentType: 'text', content: '{{input.body}}' },
            start: { dateTime: '{{input.start}}', timeZone: '{{input.timeZone}}' },
            end: { dateTime: '{{input.end}}', timeZone: '{{input.timeZone}}' },
            attendees: [
              {
                $if: '{{input.attendee}}',
                emailAddress: { address: '{{input.attendee}}' },
                type: 'required',
              },
            ],
            isOnlineMeeting: '{{input.teams}}',
            onlineMeetingProvider: 'teamsForBusiness',
          },
        },
      },
      sample: {
        id: 'AAMk…',
        subject: 'Intro call',
        onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/…' },
      },
    },
  ],
  triggers: [
    {
      kind: 'polling',
      id: 'event_changed',
      name: 'New or updated event',
      description:
        'Fires for each event created or changed since the last check (a Graph delta query over your calendar from a week back to a year ahead); deletions do not fire.',
      request: {
        method: 'GET',
        path: '/me/calendarView/delta',
        headers: { Prefer: 'odata.maxpagesize=50' },
      },
      itemsPath: 'value',
      idPath: 'id',
      cursor: { path: 'lastModifiedDateTime', order: 'asc' },
      pagination: {
        style: 'delta',
        nextPath: '["@odata.nextLink"]',
        deltaPath: '["@odata.deltaLink"]',
        removedPath: '["@removed"]',
        restartStatus: [410],
        window: {
          startParam: 'startDateTime',
          endParam: 'endDateTime',
          daysBack: 7,
          daysAhead: 365,
        },
      },
      maxPages: 20,
      firesOnUpdate: true,
      summary: '{{subject}}',
    },
  ],
});
