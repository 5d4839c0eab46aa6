import parsePhoneNumber, {
  isSupportedCountry,
  type CountryCode,
  type MetadataJson,
} from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/min/metadata';
import { asText } from './text-transforms';
import { TransformFailure, type CompiledTransform } from './transform-failure';
import type { TransformOf } from './transforms';

/**
 * libphonenumber's "min" metadata with each calling code that several countries share (+1: US,
 * CA and 23 more) narrowed to its main country. E.164 is the calling code plus the national
 * number, so it never depends on which of those countries a number belongs to, and finding that
 * out (their patterns, one country after another) took about 70% of the parse time.
 */
const E164_METADATA: MetadataJson = {
  ...minMetadata,
  country_calling_codes: Object.fromEntries(
    Object.entries(minMetadata.country_calling_codes).map(([code, countries]) => [
      code,
      countries.slice(0, 1),
    ]),
  ),
};

export const isPhoneCountry = (code: string): boolean =>
  isSupportedCountry(code as CountryCode, minMetadata);

/**
 * Accepts a number whose length is possible for its country (libphonenumber `isPossible`),
 * without checking that its range is assigned: this formats numbers, it does not vet them, and
 * an out-of-date range table must not drop a real customer's number.
 */
export function compilePhoneE164(t: TransformOf<'phone_e164'>): CompiledTransform {
  const country = t.defaultCountry as CountryCode;
  const options = { defaultCountry: country, extract: false };
  return (value) => {
    const text = asText('phone_e164', value);
    if (text instanceof TransformFailure) return text;
    const phone = parsePhoneNumber(text, options, E164_METADATA);
    if (phone?.isPossible()) return phone.number;
    const message = `phone_e164: ${JSON.stringify(text)} is not a phone number for ${country}`;
    return new TransformFailure('transform_failed', message);
  };
}
