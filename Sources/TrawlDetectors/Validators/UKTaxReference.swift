// UK taxpayer references (UK_TAX_IDENTIFICATION_NUMBER), as HM Revenue & Customs issues
// and checks them:
// - Unique Taxpayer Reference (UTR, Self Assessment and Corporation Tax): ten digits,
//   printed compact or as NNNNN NNNNN, in Self Assessment also with a K before or after
//   it. The first digit is a check digit over digits 2-10: weights 6, 7, 8, 9, 10, 5, 4,
//   3, 2; the remainder of the sum mod 11 picks it from 2 1 9 8 7 6 5 4 3 2 1. That is
//   HMRC's own reference-checker library (https://github.com/hmrc/reference-checker,
//   SelfAssessmentReferenceChecker and CorporationTaxReferenceChecker) and its test
//   values 2234567890, 2108834503 and 1097172564. HMRC's form help explains the format
//   (https://www.gov.uk/find-utr-number).
// - Temporary Reference Number (TRN, issued to people without a National Insurance
//   number for PAYE): two digits, one letter, five digits (99A99999), with no check
//   character; HMRC services validate it as ^[0-9]{2}[A-Z][0-9]{5}$.
// Spaces are skipped. No allocation.

public enum UKTaxReference {
    static let utrCheckDigits: [UInt8] = Array("21987654321".utf8)
    static let utrWeights = [6, 7, 8, 9, 10, 5, 4, 3, 2]

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes) else { return false }
        if c.count == 8 {
            return c.allDigits(0, 2) && NationalNumbers.isUpper(c[2]) && c.allDigits(3, 8)
        }
        // A UTR, with at most one K before or after it.
        var start = 0
        var end = c.count
        if end == 11 {
            if c[0] == UInt8(ascii: "K") || c[0] == UInt8(ascii: "k") {
                start = 1
            } else if c[10] == UInt8(ascii: "K") || c[10] == UInt8(ascii: "k") {
                end = 10
            }
        }
        guard end - start == 10, c.allDigits(start, end) else { return false }
        var sum = 0
        for i in 0..<9 { sum &+= Int(c[start + 1 + i] &- 48) &* utrWeights[i] }
        return utrCheckDigits[sum % 11] == c[start]
    }
}
