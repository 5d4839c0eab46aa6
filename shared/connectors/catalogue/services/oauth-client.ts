/** The OAuth client fields every OAuth service asks for: the operator's own app. */
export const oauthClient = (where: string) => ({
  clientId: { label: 'Client ID', help: where },
  clientSecret: {
    label: 'Client secret',
    help: `${where} Shown next to the client ID.`,
    secret: true,
  },
});
