// Brazil's taxpayer registration numbers, both with two mod-11 check digits as the
// Receita Federal defines them:
//
// - CPF (Cadastro de Pessoas Físicas, BRAZIL_CPF_NUMBER): 11 digits, NNN.NNN.NNN-DD.
//   Check digit 1 = weights 10...2 on digits 1-9; check digit 2 = weights 11...2 on
//   digits 1-10; each is 0 when the sum mod 11 is below 2, else 11 - (sum mod 11).
//   Numbers made of one repeated digit (111.111.111-11) pass the sum but are never
//   assigned (the Receita's validation rejects them).
// - CNPJ (Cadastro Nacional da Pessoa Jurídica, BRAZIL_CNPJ_NUMBER): 14 characters,
//   NN.NNN.NNN/NNNN-DD. Check digit 1 = weights 5,4,3,2,9,8,7,6,5,4,3,2 on characters
//   1-12; check digit 2 = weights 6,5,4,3,2,9,8,7,6,5,4,3,2 on characters 1-13; same
//   rule. Since Instrução Normativa RFB 2.229/2024 (in force July 2026) the first 12
//   characters may be upper-case letters: each character counts as its ASCII code
//   minus 48 (A = 17 ... Z = 42), digits keep their value; the check digits stay digits.
//   Repeated-character values are rejected as for the CPF.
//
// Dots, the slash and the dash are skipped. No allocation.

public enum BrazilTaxNumbers {
    @Sendable
    public static func isValidCPF(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 11, c.allDigits(0, 11),
              !c.isOneRepeatedCharacter else { return false }
        return checkDigit(c, length: 9, firstWeight: 10) == Int(c[9] &- 48)
            && checkDigit(c, length: 10, firstWeight: 11) == Int(c[10] &- 48)
    }

    @Sendable
    public static func isValidCNPJ(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 14, c.allDigits(12, 14),
              !c.isOneRepeatedCharacter else { return false }
        for i in 0..<12 where c.digit(i) == nil && !NationalNumbers.isUpper(c[i]) { return false }
        return cnpjCheckDigit(c, length: 12) == Int(c[12] &- 48)
            && cnpjCheckDigit(c, length: 13) == Int(c[13] &- 48)
    }

    /// CPF: weights firstWeight, firstWeight-1, ..., 2 over the first `length` digits.
    private static func checkDigit(_ c: TaxpayerCharacters, length: Int, firstWeight: Int) -> Int {
        var sum = 0
        for i in 0..<length { sum &+= Int(c[i] &- 48) &* (firstWeight - i) }
        let r = sum % 11
        return r < 2 ? 0 : 11 - r
    }

    /// CNPJ: weights cycle 2...9 from the right; characters count as ASCII - 48.
    private static func cnpjCheckDigit(_ c: TaxpayerCharacters, length: Int) -> Int {
        var sum = 0
        var weight = 2
        var i = length - 1
        while i >= 0 {
            sum &+= Int(c[i] &- 48) &* weight
            weight = weight == 9 ? 2 : weight + 1
            i -= 1
        }
        let r = sum % 11
        return r < 2 ? 0 : 11 - r
    }
}
