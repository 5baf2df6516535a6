// French health insurance numbers (FRANCE_HEALTH_INSURANCE_NUMBER): the NIR (numéro
// d'inscription au répertoire, the "numéro de sécurité sociale" printed on the carte
// Vitale) with its control key.
//
// Sources:
// - INSEE, the NIR's structure (décret n° 82-103 and the RNIPP documentation): 13
//   characters, then a 2-digit key. Sex (1 or 2; 7 and 8 for temporary numbers; 3 and
//   4, seen on some older registrations, are accepted too), year of birth, month (01-12, or
//   20-42 and 50-99 for records with an incomplete date), département (01-99, 2A or 2B
//   for Corsica), commune (3 digits), order number in the register (3 digits, 001-999).
// - The key, as the Assurance Maladie and INSEE define it: 97 minus the remainder of the
//   13-digit number divided by 97 (01-97). For Corsica, 2A counts as 19 and 2B as 18.
//
// The structure and key are checked once, by NationalNumbers.FranceNIR (FranceNIR.swift,
// the national identification validator); this validator adds that the département and
// the order number are not 00 and 000. Separators between groups are skipped. No
// allocation.

public enum FranceHealthInsuranceNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        NationalNumbers.withCompacted(bytes, capacity: 15) { c in
            guard let nir = NationalNumbers.FranceNIR.parts(c) else { return false }
            return nir.department != 0 && nir.order != 0
        }
    }
}
