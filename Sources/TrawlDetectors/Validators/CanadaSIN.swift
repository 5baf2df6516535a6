// Canada: Social Insurance Number (SIN), 9 digits (Macie's CANADA_SOCIAL_INSURANCE_NUMBER).
//
// Specification: Employment and Social Development Canada, "Social Insurance Number:
// Code of Practice" / Treasury Board "Directive on the SIN": the ninth digit is a Luhn
// (mod 10, ISO/IEC 7812-1 annex B) check digit over the nine; the first digit gives the
// province or the kind of holder (1-7 by region, 9 temporary residents); 0 is not
// assigned to people (fictitious and test numbers) and 8 is used for business numbers.
// Written 123 456 782, 123-456-782 or compact. Published examples (046 454 286 on
// Service Canada's sample card) are the detector file's deny values.

extension NationalNumbers {
    public enum CanadaSIN {
        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 9) { c in
                guard c.count == 9, allDigits(c) else { return false }
                guard c[0] != UInt8(ascii: "0"), c[0] != UInt8(ascii: "8") else { return false }
                return Luhn.sum(c) % 10 == 0
            }
        }
    }
}
