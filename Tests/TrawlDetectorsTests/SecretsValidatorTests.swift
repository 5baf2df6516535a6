// The secrets pack's validators: github-token and npm-token (GitHub's token format,
// https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/; npm's,
// https://github.blog/2021-09-23-announcing-npms-new-access-token-format/). Every valid
// token here was built outside Trawl, with Python's zlib.crc32 and a base62 encoding
// (0-9A-Za-z, left-padded with '0' to 6), e.g. for the body abcdefghijklmnopqrstuvwxyz0123:
//   python3 -c "import zlib; A='0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
//   n=zlib.crc32(b'abcdefghijklmnopqrstuvwxyz0123'); s=''
//   while n: n,d=divmod(n,62); s=A[d]+s
//   print(s.rjust(6,'0'))"                                      -> 2LolCm
// and the failing ones by changing one character.

import XCTest
@testable import TrawlDetectors

final class SecretsValidatorTests: XCTestCase {

    func testRegistryNamesTheSecretsValidatorsAndTheCatalogueHasThePack() throws {
        XCTAssertNotNil(Validators.all["github-token"])
        XCTAssertNotNil(Validators.all["npm-token"])
        let ids = Set(DetectorSet.selectableIDs(try DetectorLoader.load()))
        for id in ["GITHUB_ACCESS_TOKEN", "GITLAB_ACCESS_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK_URL",
                   "GOOGLE_OAUTH_CLIENT_SECRET", "AZURE_STORAGE_ACCOUNT_KEY", "AZURE_SAS_TOKEN", "OPENAI_API_KEY",
                   "ANTHROPIC_API_KEY", "NPM_ACCESS_TOKEN", "PYPI_API_TOKEN", "TWILIO_API_KEY", "SENDGRID_API_KEY",
                   "MAILGUN_API_KEY", "SHOPIFY_ACCESS_TOKEN", "SQUARE_ACCESS_TOKEN", "DATADOG_API_KEY",
                   "HASHICORP_VAULT_TOKEN", "DATABASE_URL_WITH_PASSWORD", "JWK_PRIVATE_KEY"] {
            XCTAssertTrue(ids.contains(id), "\(id) is missing from the catalogue")
        }
    }

    func testCRC32IsTheISOHDLCCRC() {
        // The standard check value of CRC-32/ISO-HDLC: crc32("123456789") = 0xCBF43926.
        var s = "123456789"
        let crc = s.withUTF8 { GitHubToken.crc32(UnsafeRawBufferPointer($0), 0, $0.count) }
        XCTAssertEqual(crc, 0xCBF4_3926)
    }

    func testGitHubTokensWithTheirChecksum() {
        valid("github-token", [
            "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",
            "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",
            "ghu_ABCDEFGHIJKLMNOPQRSTUVWXYZ45670897oy",
            "ghs_PaddedChecksumCase0000000000030cu9iV",   // checksum with a leading '0'
            "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",
            // Fine-grained tokens: structure only.
            "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",
        ])
        invalid("github-token", [
            "ghp_abcdefghijklmnopqrstuvwxyz01232LolCn",   // checksum changed
            "ghp_abcdefghijklmnopqrstuvwxyz01242LolCm",   // body changed
            "ghp_bacdefghijklmnopqrstuvwxyz01232LolCm",   // two characters swapped
            "ghx_abcdefghijklmnopqrstuvwxyz01232LolCm",   // unknown prefix
            "ghp_abcdefghijklmnopqrstuvwxyz01232LolC",    // too short
            "ghp_abcdefghijklmnopqrstuvwxyz0123-LolCm",   // not base62
            "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",   // npm's, not GitHub's
            "github_pat_BXQI07KvLhsAYlCyPJCAW8novvHSVfBTcjxmvC5QwZ3ntJe9OFqrU1GBcy38IhlxZfgUJ39VQQmapBsj9",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",   // GitHub documentation's example
        ])
    }

    func testNPMTokensWithTheirChecksum() {
        valid("npm-token", [
            "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",
            "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",
            "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",
        ])
        invalid("npm-token", [
            "npm_abcdefghijklmnopqrstuvwxyz01232LolCM",
            "npm_KgOAxMi63jOZgW82kWd6Rqjm9uAYy20OwwlU",
            "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",
            "npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
    }

    func testTheEngineReportsOnlyChecksummedTokens() throws {
        let set = try DetectorSet(try DetectorLoader.load(),
                                  selection: IdentifierSelection(managed: .none, include: ["GITHUB_ACCESS_TOKEN", "NPM_ACCESS_TOKEN"]))
        let engine = DetectionEngine(set)
        func ids(_ text: String) -> [String] { engine.matches(in: text).map { set.types[$0.typeIndex].id } }
        XCTAssertEqual(ids("GITHUB_TOKEN=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"), ["GITHUB_ACCESS_TOKEN"])
        XCTAssertEqual(ids("GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz01232LolCn"), [])
        XCTAssertEqual(ids("//registry.npmjs.org/:_authToken=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"), ["NPM_ACCESS_TOKEN"])
        XCTAssertEqual(ids("NPM_TOKEN=npm_ABCDEFGHIJKLMNOPQRSTUVWXYZ45670897oz"), [])
    }
}
