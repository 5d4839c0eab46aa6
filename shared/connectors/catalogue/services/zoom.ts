import { defineService } from '../format';
import { oauthClient } from './oauth-client';

/** Zoom Meetings API: https://developers.zoom.us/docs/api/meetings/#tag/meetings/POST/users/{userId}/meetings */
export const zoom = defineService({
  id: 'zoom',
  name: 'Zoom',
  category: 'calendar',
  icon: 'zoom',
  description: 'Create Zoom meetings.',
  docsUrl: 'https://developers.zoom.us/docs/api/meetings/',
  auth: {
    type: 'oauth2',
    authorizeUrl: 'https://zoom.us/oauth/authorize',
    tokenUrl: 'https://zoom.us/oauth/token',
    scopes: ['meeting:write:meeting', 'user:read:user'],
    pkce: true,
    // Zoom accepts only the redirect URL registered with the app (and its allow list).
    fixedRedirectUri: 'http://localhost:47802/oauth2/callback',
    clientAuth: 'basic',
  },
  credentials: oauthClient(
    'marketplace.zoom.us → Develop → Build App → General App (user-managed) → App Credentials.',
  ),
  accountField: 'clientId',
  baseUrl: 'https://api.zoom.us/v2',
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'message' },
    { status: [429], code: 'rate_limited', messagePath: 'message' },
    { status: [400, 404], code: 'invalid_input', messagePath: 'message' },
  ],
  test: { request: { method: 'GET', path: '/users/me' }, accountPath: 'email' },
  actions: [
    {
      id: 'meeting_create',
      name: 'Create a meeting',
      description:
        'Schedules a meeting. Zoom allows 100 meeting creations per user per day; Switchyard stops at that limit until the next UTC day.',
      input: {
        topic: { label: 'Topic', required: true },
        startTime: {
          label: 'Start (ISO date and time)',
          required: true,
          placeholder: '2026-01-31T15:00:00Z',
        },
        duration: { label: 'Duration (minutes)', type: 'number', default: 30 },
        timezone: { label: 'Time zone', placeholder: 'Europe/London', advanced: true },
        agenda: { label: 'Agenda', type: 'textarea' },
      },
      request: {
        method: 'POST',
        path: '/users/me/meetings',
        body: {
          type: 'json',
          value: {
            topic: '{{input.topic}}',
            type: 2,
            start_time: '{{input.startTime}}',
            duration: '{{input.duration}}',
            timezone: '{{input.timezone}}',
            agenda: '{{input.agenda}}',
          },
        },
      },
      perDay: 100,
      sample: { id: 85746065432, join_url: 'https://zoom.us/j/85746065432', topic: 'Intro call' },
    },
  ],
});
