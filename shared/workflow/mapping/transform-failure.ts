export type TransformErrorCode = 'type_mismatch' | 'transform_failed';

/** What a compiled transform returns instead of a value when it cannot transform it. */
export class TransformFailure {
  constructor(
    readonly code: TransformErrorCode,
    readonly message: string,
  ) {}
}

/** Returns the transformed value or a TransformFailure (no result object on the hot path). */
export type CompiledTransform = (value: unknown) => unknown;
