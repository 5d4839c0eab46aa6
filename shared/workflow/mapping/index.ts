export {
  formatPath,
  parsePath,
  PathSyntaxError,
  resolvePath,
  setPath,
  SourcePath,
  TargetPath,
  type PathSegment,
  type Scope,
} from './paths';
export {
  compileTemplate,
  renderTemplate,
  scanPlaceholders,
  templateText,
  TemplateString,
  TemplateSyntaxError,
  type CompiledTemplate,
  type Placeholder,
} from './templates';
export { findReferences, referencedNodeIds, type NodeReference } from './references';
export { ExpressionText } from './expressions';
export {
  applyTransform,
  compileTransform,
  DateTransform,
  PhoneE164Transform,
  ReplaceTransform,
  Transform,
  TransformFailure,
  type CompiledTransform,
  type TransformErrorCode,
  type TransformInput,
  type TransformOf,
  type TransformOp,
  type TransformResult,
} from './transforms';
export { readBoolean } from './number-transforms';
export {
  compileValidation,
  validateValue,
  Validation,
  type CompiledValidation,
  type ValidationInput,
} from './validations';
export {
  compileMapping,
  evaluateMapping,
  FieldSource,
  Mapping,
  MappingField,
  MAX_MAPPING_FIELDS,
  type CompiledMapping,
  type CompileMappingOptions,
  type MappingInput,
  type MappingProblem,
  type MappingProblemCode,
  type MappingResult,
} from './mapping';
export {
  reverseMapping,
  type ReverseFlag,
  type ReverseMappingOptions,
  type ReverseMappingResult,
} from './reverse';
export { describeValue, isMissing } from './values';
export { zoneNamed } from './zone-cache';
