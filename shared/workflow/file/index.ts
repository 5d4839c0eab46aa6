export * from './format';
export * from './issues';
export { readWorkflowFile, type ReadWorkflowFileResult } from './read';
export { serializeWorkflowFile, canonicalWorkflow, sortKeysDeep } from './canonical';
export { migrateWorkflowFile, MIGRATIONS } from './migrate';
export {
  checkWorkflowFiles,
  connectorNameFromId,
  missingConnectors,
  type MissingConnector,
} from './check';
