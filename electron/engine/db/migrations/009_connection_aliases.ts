export default /* sql */ `
-- The alias a workflow file gave each connection, so exporting it again writes the same file.
CREATE TABLE workflow_connection_aliases (
  workflow_id   TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL,
  alias         TEXT NOT NULL,
  PRIMARY KEY (workflow_id, connection_id)
) STRICT;
`;
