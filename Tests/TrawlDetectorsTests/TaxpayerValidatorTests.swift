// The taxpayer validators against values published with their specifications and by the
// issuing authorities (HMRC's reference-checker tests, the Receita Federal's CNPJ
// examples, the EU's French TIN example, ...), plus hand-made invalid variants: one
// character changed, wrong length, wrong type or prefix, broken structure rules.

import XCTest
@testable import TrawlDetectors

final class TaxpayerValidatorTests: XCTestCase {

    func testRegistryNamesEveryTaxpayerValidatorAndTheFilesUseThem() throws {
        let names = ["argentina-cuit", "australia-tfn", "brazil-cnpj", "brazil-cpf", "colombia-nit-individual",
                     "colombia-nit-organization", "france-numero-fiscal", "germany-steuer-id", "india-pan",
                     "mexico-rfc", "spain-cif", "spain-nie", "spain-nif", "uk-utr-trn", "usa-itin"]
        XCTAssertEqual(Set(Validators.taxpayer.map(\.name)), Set(names))
        let defs = try DetectorLoader.load()
        let ids = Set(DetectorSet.selectableIDs(defs))
        // Macie's taxpayer identifiers (CHILE_RUT_NUMBER and ITALY_NATIONAL_IDENTIFICATION_NUMBER,
        // listed under national identification numbers too, are the personal_national group's).
        for id in ["ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER",
                   "AUSTRALIA_TAX_FILE_NUMBER", "BRAZIL_CNPJ_NUMBER", "BRAZIL_CPF_NUMBER",
                   "COLOMBIA_INDIVIDUAL_NIT_NUMBER", "COLOMBIA_ORGANIZATION_NIT_NUMBER",
                   "FRANCE_TAX_IDENTIFICATION_NUMBER", "GERMANY_TAX_IDENTIFICATION_NUMBER",
                   "INDIA_PERMANENT_ACCOUNT_NUMBER", "MEXICO_INDIVIDUAL_RFC_NUMBER", "MEXICO_ORGANIZATION_RFC_NUMBER",
                   "SPAIN_NIE_NUMBER", "SPAIN_NIF_NUMBER", "SPAIN_TAX_IDENTIFICATION_NUMBER",
                   "UK_TAX_IDENTIFICATION_NUMBER", "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER"] {
            XCTAssertTrue(ids.contains(id), "\(id) is missing from the catalogue")
            let d = try XCTUnwrap(defs.first { $0.id == id })
            XCTAssertTrue(d.keywordRequired, "\(id): Macie requires a keyword")
            XCTAssertNotNil(d.validator, "\(id) has no validator")
            XCTAssertEqual(d.maximumMatchDistance, 30)
            XCTAssertNotNil(d.prefilter, "\(id) has no prefilter")
        }
        // Macie's severity exceptions: organizations' CUIT, NIT and RFC.
        for id in ["ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER", "COLOMBIA_ORGANIZATION_NIT_NUMBER",
                   "MEXICO_ORGANIZATION_RFC_NUMBER"] {
            XCTAssertEqual(defs.first { $0.id == id }?.severity, SeverityTable(one: .medium, some: .medium, many: .high))
        }
    }

    // MARK: - The detectors on whole lines

    func testEachValueIsReportedUnderExactlyOneTaxpayerID() throws {
        let set = try DetectorSet(try DetectorLoader.load())
        let engine = DetectionEngine(set)
        let ours: Set<String> = [
            "ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER",
            "AUSTRALIA_TAX_FILE_NUMBER", "BRAZIL_CNPJ_NUMBER", "BRAZIL_CPF_NUMBER", "COLOMBIA_INDIVIDUAL_NIT_NUMBER",
            "COLOMBIA_ORGANIZATION_NIT_NUMBER", "FRANCE_TAX_IDENTIFICATION_NUMBER", "GERMANY_TAX_IDENTIFICATION_NUMBER",
            "INDIA_PERMANENT_ACCOUNT_NUMBER", "MEXICO_INDIVIDUAL_RFC_NUMBER", "MEXICO_ORGANIZATION_RFC_NUMBER",
            "SPAIN_NIE_NUMBER", "SPAIN_NIF_NUMBER", "SPAIN_TAX_IDENTIFICATION_NUMBER", "UK_TAX_IDENTIFICATION_NUMBER",
            "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER"]
        func ids(_ text: String) -> [String] {
            engine.matches(in: text).map { set.types[$0.typeIndex].id }.filter { ours.contains($0) }
        }
        // Values made up for this test, with valid check digits (computed independently in
        // Corpus/generators/eval/taxpayer.py).
        // Matches come per detector, not in text order: compare sets.
        XCTAssertEqual(Set(ids("CUIT 20-02516780-6 y CUIT 30-07074137-3")),
                       ["ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER"])
        XCTAssertEqual(Set(ids("NIT 86.020.776-5, NIT 935.606.883-0")),
                       ["COLOMBIA_INDIVIDUAL_NIT_NUMBER", "COLOMBIA_ORGANIZATION_NIT_NUMBER"])
        XCTAssertEqual(Set(ids("RFC NERG7103116L7 / RFC ZDH130922U65")),
                       ["MEXICO_INDIVIDUAL_RFC_NUMBER", "MEXICO_ORGANIZATION_RFC_NUMBER"])
        XCTAssertEqual(Set(ids("CPF 948.219.935-97, CNPJ 60.189.555/0001-55")), ["BRAZIL_CPF_NUMBER", "BRAZIL_CNPJ_NUMBER"])
        XCTAssertEqual(Set(ids("NIF 32686563K, NIE Z9834788Q, CIF S1401419E")),
                       ["SPAIN_NIF_NUMBER", "SPAIN_NIE_NUMBER", "SPAIN_TAX_IDENTIFICATION_NUMBER"])
        // Shared English keywords: the format decides.
        XCTAssertEqual(ids("tax id 24 085 596 312"), ["GERMANY_TAX_IDENTIFICATION_NUMBER"])
        XCTAssertEqual(ids("tax id 02 68 599 528 043"), ["FRANCE_TAX_IDENTIFICATION_NUMBER"])
        XCTAssertEqual(ids("tax id 5433532650"), ["UK_TAX_IDENTIFICATION_NUMBER"])
        // Never a piece cut out of a longer number or digit group.
        XCTAssertEqual(ids("TFN 526 018 158 7"), [])
        XCTAssertEqual(ids("TFN 1526018158"), [])
        XCTAssertEqual(ids("UTR 15433532650"), [])
        XCTAssertEqual(ids("CUIT 120-02516780-6"), [])
        XCTAssertEqual(ids("NIF X32686563K"), [])
        XCTAssertEqual(ids("ITIN 941-59-6906-1"), [])
        // Without a keyword nothing is reported.
        XCTAssertEqual(ids("ref 526 018 158, 948.219.935-97, 24 085 596 312, EBXPO9868E, 941-59-6906"), [])
    }

    // MARK: - Australia

    func testAustraliaTaxFileNumber() {
        // 123 456 782 is the example of validation libraries; 876 543 210 satisfies the sum too.
        valid("australia-tfn", ["123 456 782", "123456782", "876-543-210", "526 018 158"])
        invalid("australia-tfn", ["123 456 783", "999 999 999", "12345678", "1234567820", "12345678A"])
    }

    // MARK: - Brazil

    func testBrazilCPF() {
        // The Receita's and tutorials' examples.
        valid("brazil-cpf", ["111.444.777-35", "123.456.789-09", "11144477735", "000.000.001-91"])
        invalid("brazil-cpf", ["111.444.777-36", "111.444.777-53", "123.456.789-10", "1114447773",
                               "111.111.111-11", "000.000.000-00", "999.999.999-99"])
    }

    func testBrazilCNPJIncludingTheAlphanumericForm() {
        // 11.222.333/0001-81 (tutorials); 12.ABC.345/01DE-35 is the Receita Federal's
        // example of the alphanumeric CNPJ (IN RFB 2.229/2024).
        valid("brazil-cnpj", ["11.222.333/0001-81", "11222333000181", "12.ABC.345/01DE-35", "12ABC34501DE35"])
        invalid("brazil-cnpj", ["11.222.333/0001-82", "12.ABC.345/01DE-36", "12.ABD.345/01DE-35",
                                "11.111.111/1111-11", "11.222.333/0001-8", "12.abc.345/01de-35", "12.ABC.345/01DE-3A"])
    }

    // MARK: - France

    func testFranceNumeroFiscal() {
        // 30 23 217 600 053: the European Commission's example numéro fiscal.
        valid("france-numero-fiscal", ["3023217600053", "30 23 217 600 053", "0268599528043"])
        invalid("france-numero-fiscal", ["3023217600054", "0701987765432", "302321760005", "5023217600053"])
        // The key is the first ten digits mod 511, on three digits (leading zeros kept):
        // by hand, 1234567890 = 511 x 2415984 + 66, key 066.
        valid("france-numero-fiscal", ["1234567890066"])
        invalid("france-numero-fiscal", ["123456789066 ", "1234567890660"])
    }

    // MARK: - Germany

    func testGermanySteuerID() {
        // 86 095 742 719 (German Wikipedia), 12345678995 (a published check-digit walk-through),
        // 36 574 261 809 and 65929970489 (validation libraries; the last has a digit three times).
        valid("germany-steuer-id", ["86095742719", "86 095 742 719", "12345678995", "36574261809", "65929970489"])
        // Wrong check digit; ten different digits; two digits repeated; a digit four times;
        // a digit three times in a row; a leading zero.
        invalid("germany-steuer-id", ["86095742718", "36574261890", "12345678903", "36554266806",
                                      "11112345679", "12223456789", "04085596312", "8609574271"])
        // Three 2s in a row are never assigned, whatever the check digit.
        assertOnlyLastDigit(nil, after: "1222345678") { self.check("germany-steuer-id", $0) }
    }

    // MARK: - India

    func testIndiaPAN() {
        // AAAPL1234C is Wikipedia's example; the fourth letter is the holder type.
        valid("india-pan", ["AAAPL1234C", "ABCCE1234F", "ABCHE1234F", "ABCFE1234F", "ABCTE1234F", "ABCGE1234F"])
        invalid("india-pan", ["ABCDE1234F", "ABCKE1234F", "AAAPL1234", "AAAPL12345", "aaapl1234c", "AAAP11234C",
                              "AAAPL 1234C"])
    }

    // MARK: - Spain

    func testSpainNIE() {
        // The Ministerio del Interior's letter table: X1234567L, Y1234567X, Z1234567R.
        valid("spain-nie", ["X1234567L", "Y1234567X", "Z1234567R", "X-1234567-L", "X 1234567 L"])
        invalid("spain-nie", ["X1234567M", "W1234567L", "X123456L", "X12345678L", "12345678Z"])
    }

    func testSpainNIF() {
        // 12345678Z: the standard example; K/L/M numbers take the letter of their 7 digits.
        valid("spain-nif", ["12345678Z", "12345678-Z", "12.345.678-Z", "00000000T", "K1234567L", "M2426462P"])
        invalid("spain-nif", ["12345678A", "1234567Z", "K1234567M", "X1234567L", "A58818501"])
    }

    func testSpainCIF() {
        // A58818501 (Spanish Wikipedia), J99216582 and A13585625 (validation libraries).
        valid("spain-cif", ["A58818501", "J99216582", "A13 585 625", "B-1234567-4", "B12345674", "S1401419E",
                            "N7824504J", "B0088387F", "J9921658B"])
        // Wrong control; a digit where P, Q, S, W need a letter; a letter where A, B, E, H
        // need a digit; a non-resident (00) number with a digit; letters that are no entity type.
        invalid("spain-cif", ["A58818502", "S14014195", "AA58818501", "A5881850A", "B00883876", "I14170583",
                              "K1234567L", "X1234567L"])
    }

    // MARK: - UK

    func testUKUniqueTaxpayerReference() {
        // HMRC's reference-checker test values (valid and invalid) and its K forms.
        valid("uk-utr-trn", ["2234567890", "2108834503", "1097172564", "2234567890K", "K2234567890",
                             "1097172564k", "k1097172564", "22345 67890"])
        invalid("uk-utr-trn", ["1234567890K", "12345678905", "1097172564KZ", "1234567890", "5550000621",
                               "K2234567890K", "223456789", "22345678901"])
    }

    func testUKTemporaryReferenceNumber() {
        valid("uk-utr-trn", ["12A34567", "74Q33801", "12 A 34567"])
        invalid("uk-utr-trn", ["12a34567", "1A234567", "12AB4567", "12A3456"])
    }

    // MARK: - US

    func testUSIndividualTaxpayerIdentificationNumber() {
        valid("usa-itin", ["941-59-6906", "900-70-1234", "999-88-1234", "912 94 1234", "912501234", "912-65-0000"])
        // Groups outside 50-65, 70-88, 90-92, 94-99; not starting with 9; wrong length.
        invalid("usa-itin", ["941-93-6906", "941-89-6906", "941-66-6906", "941-49-6906", "941-00-6906",
                             "841-59-6906", "536-22-4817", "941-59-690", "9415969061"])
    }

    // MARK: - Argentina

    func testArgentinaCUIT() {
        // 20-05536168-2 and 20-26756539-3 (validation libraries); 33-69345023-9 (AFIP's own CUIT).
        valid("argentina-cuit", ["20-05536168-2", "20267565393", "33-69345023-9", "30 50001091 2", "27-12345678-0"])
        invalid("argentina-cuit", ["20-26756539-2", "20-05536168-3", "21-05536168-2", "50-00000000-0",
                                   "20-0553616-2", "20-055361688-2"])
        // Where the formula gives 10 AFIP uses type 23/33 instead: 20-00000001-? has no valid digit.
        assertOnlyLastDigit(nil, after: "20-00000001-") { self.check("argentina-cuit", $0) }
        XCTAssertTrue(check("argentina-cuit", "23-00000001-9"))
    }

    // MARK: - Colombia

    func testColombiaNIT() {
        // 800.197.268-4 is the DIAN's own NIT; 213.123.432-1 and 2131234351 (validation libraries).
        valid("colombia-nit-organization", ["800.197.268-4", "800197268-4", "8001972684", "900.123.456-8"])
        invalid("colombia-nit-organization", ["800.197.268-5", "213.123.432-1", "86.020.776-5", "1.020.345.678-0"])
        valid("colombia-nit-individual", ["213.123.432-1", "2131234351", "86.020.776-5", "1.234.567.890-2", "769156-1"])
        invalid("colombia-nit-individual", ["213.123.432-2", "800.197.268-4", "12345-8", "12.345.678.901.234-5"])
    }

    // MARK: - Mexico

    func testMexicoRFC() {
        // GODE561231GR8 (person) and MAB9307148T4 (company): the SAT algorithm's worked
        // examples as validation libraries quote them; XEXX010101000 is the SAT's generic RFC
        // for foreigners.
        valid("mexico-rfc", ["GODE561231GR8", "GODE 561231 GR8", "GODE-561231-GR8", "MAB9307148T4", "XEXX010101000",
                             "MUÑO040105SV5", "H&H240101WR8"])
        // VACE460910SX6 is a quoted example whose check character does not match.
        invalid("mexico-rfc", ["VACE460910SX6", "GODE561231GR9", "GODE561331GR8", "GODE560230GR8", "GOD1561231GR8",
                               "GODE561231G", "GODEX561231GR8", "gode561231gr8"])
        // 29 February: the century is not written, so it is always a date. Check character
        // by hand with the SAT's table (0-9 -> 0-9, A-N -> 10-23, & 24, O-Z -> 25-36) and
        // weights 13...2: G16x13 + O25x12 + D13x11 + E14x10 + 0 + 0 + 0 + 2x6 + 2x5 + 9x4
        // + G16x3 + R28x2 = 953; 953 mod 11 = 7; 11 - 7 = 4. (The same table and weights give
        // GODE561231GR8's published 8.)
        XCTAssertTrue(check("mexico-rfc", "GODE000229GR4"))
        XCTAssertFalse(check("mexico-rfc", "GODE000229GR5"))
    }
}
