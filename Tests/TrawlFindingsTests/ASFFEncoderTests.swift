// The ASFF finding (DESIGN.md, "ASFF findings (--output)"). Expected values come from the
// spec: the Id recipe in FindingId.swift computed with `sha256sum`, ARNs and Types from
// DESIGN.md, titles from Macie's documentation, member names from the Security Hub model.

import Foundation
import Testing
import TrawlDetectors
@testable import TrawlFindings

@Suite struct ASFFEncoderTests {
    let encoder = ASFFEncoder()

    func finding(_ result: ClassificationResult, context: ASFFContext = Fixture.context,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let bytes = try #require(encoder.encode(result, context: context), sourceLocation: sourceLocation)
        return try JSON.object(bytes, sourceLocation: sourceLocation)
    }

    // MARK: Which objects get a finding

    @Test func noFindingWithoutSensitiveData() {
        #expect(encoder.encode(Fixture.clean(), context: Fixture.context) == nil)
        // Items that report nothing do not count.
        var empty = Fixture.clean()
        empty.sensitiveData = [SensitiveDataItem(category: .personalInformation, totalCount: 0, detections: [])]
        #expect(encoder.encode(empty, context: Fixture.context) == nil)
    }

    @Test func noFindingForAnObjectInNoBucket() {
        var result = Fixture.financialCSV()
        result.bucket = nil
        #expect(encoder.encode(result, context: Fixture.context) == nil)
    }

    // MARK: Id

    @Test func idFollowsTheDocumentedRecipe() {
        // printf '12:1234567890127:finance5:a.csv2:v1' | sha256sum
        #expect(FindingId.make(accountId: "123456789012", bucket: "finance", key: "a.csv", versionToken: "v1")
                == "trawl/sensitive-data/5d4d82117068139e2202d4ae745a032da48ac3ec8bc3acf08c7921bfe09e1311")
        // printf '12:1234567890127:finance5:a.csv2:v2' | sha256sum
        #expect(FindingId.make(accountId: "123456789012", bucket: "finance", key: "a.csv", versionToken: "v2")
                == "trawl/sensitive-data/7fe4f83b3fe1b20d2841ebc0a0f7daca9d65778872c4beb0d6e64c64af89d127")
    }

    @Test func idIsDeterministicAndVariesWithEachInput() throws {
        let base = FindingId.make(accountId: "111111111111", bucket: "b", key: "k", versionToken: "t")
        #expect(base == FindingId.make(accountId: "111111111111", bucket: "b", key: "k", versionToken: "t"))
        let variants = [
            FindingId.make(accountId: "222222222222", bucket: "b", key: "k", versionToken: "t"),
            FindingId.make(accountId: "111111111111", bucket: "c", key: "k", versionToken: "t"),
            FindingId.make(accountId: "111111111111", bucket: "b", key: "K", versionToken: "t"),
            FindingId.make(accountId: "111111111111", bucket: "b", key: "k", versionToken: "u"),
            // Field boundaries matter: "ab"+"c" is not "a"+"bc".
            FindingId.make(accountId: "111111111111", bucket: "bk", key: "", versionToken: "t"),
        ]
        #expect(Set(variants + [base]).count == variants.count + 1)
        #expect(FindingId.make(accountId: "1", bucket: "ab", key: "c", versionToken: "")
                != FindingId.make(accountId: "1", bucket: "a", key: "bc", versionToken: ""))
    }

    @Test func findingIdIsStableAcrossRunsAndChangesWithTheContentVersion() throws {
        let first = try finding(Fixture.financialCSV(versionToken: "etag-1"))
        let later = ASFFContext(accountId: Fixture.account, region: "eu-west-1", generatorId: "trawl-sensitive-data-discovery",
                                now: Date(timeIntervalSince1970: 1_800_000_000))
        let rescan = try finding(Fixture.financialCSV(versionToken: "etag-1"), context: later)
        let changed = try finding(Fixture.financialCSV(versionToken: "etag-2"))
        let id = try #require(first["Id"] as? String)
        #expect(id == FindingId.make(accountId: Fixture.account, bucket: "finance", key: "2024/q1.csv", versionToken: "etag-1"))
        #expect(rescan["Id"] as? String == id)
        #expect(changed["Id"] as? String != id)
        // A 1,024-byte key (S3's maximum) still gives a short Id.
        let long = try finding(Fixture.financialCSV(key: String(repeating: "k", count: 1024)))
        #expect(try #require(long["Id"] as? String).count <= 512)
    }

    // MARK: Header members

    @Test func headerMembers() throws {
        let f = try finding(Fixture.financialCSV())
        #expect(f["SchemaVersion"] as? String == "2018-10-08")
        #expect(f["ProductArn"] as? String == "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default")
        #expect(f["GeneratorId"] as? String == "trawl-sensitive-data-discovery")
        #expect(f["AwsAccountId"] as? String == "123456789012")
        #expect(f["ProductName"] as? String == "Trawl")
        #expect(f["CompanyName"] as? String == "Trawl")
        let fields = try #require(f["ProductFields"] as? [String: String])
        #expect(fields["ProductName"] == "Trawl")
        #expect(fields["CompanyName"] == "Trawl")
        #expect(f["CreatedAt"] as? String == "2023-11-14T22:13:20.500Z")
        #expect(f["UpdatedAt"] as? String == "2023-11-14T22:13:20.500Z")
        #expect(f["RecordState"] as? String == "ACTIVE")
        #expect(f["Workflow"] as? [String: String] == ["Status": "NEW"])
    }

    @Test func productArnFollowsRegionAccountAndPartition() {
        let china = ASFFContext(accountId: "210987654321", region: "cn-north-1", partition: "aws-cn",
                                generatorId: "g", now: Date(timeIntervalSince1970: 0))
        #expect(china.productArn == "arn:aws-cn:securityhub:cn-north-1:210987654321:product/210987654321/default")
    }

    @Test func createdAtCanBeKeptFromAnEarlierRun() throws {
        var context = Fixture.context
        context.createdAt = Date(timeIntervalSince1970: 0)
        let f = try finding(Fixture.financialCSV(), context: context)
        #expect(f["CreatedAt"] as? String == "1970-01-01T00:00:00.000Z")
        #expect(f["UpdatedAt"] as? String == "2023-11-14T22:13:20.500Z")
    }

    // MARK: Types, Title, Severity

    @Test func oneCategoryGivesItsOwnType() throws {
        let f = try finding(Fixture.financialCSV())
        let type = "Sensitive Data Identifications/PII/SensitiveData:S3Object-Financial"
        #expect(f["Types"] as? [String] == [type])
        #expect(f["Title"] as? String == "The S3 object contains financial information.")
        let provider = try #require(f["FindingProviderFields"] as? [String: Any])
        #expect(provider["Types"] as? [String] == [type])
    }

    @Test func severalCategoriesGiveMultiple() throws {
        let f = try finding(Fixture.multiCategory())
        let type = "Sensitive Data Identifications/PII/SensitiveData:S3Object-Multiple"
        #expect(f["Types"] as? [String] == [type])
        #expect(f["Title"] as? String == "The S3 object contains multiple types of sensitive information.")
        #expect((f["FindingProviderFields"] as? [String: Any])?["Types"] as? [String] == [type])
    }

    @Test func typePerCategoryCombination() {
        func type(_ categories: [DataCategory], custom: Bool = false) -> FindingType? {
            var result = Fixture.clean()
            result.sensitiveData = categories.map {
                Fixture.item($0, [Detection(type: "X_\($0.rawValue)", count: 1, occurrences: Fixture.lines(1))])
            }
            if custom { result.customDetections = [Detection(type: "emp", count: 2, occurrences: [])] }
            return FindingType(result: result)
        }
        #expect(type([]) == nil)
        #expect(type([.personalInformation]) == .personal)
        #expect(type([.credentials]) == .credentials)
        #expect(type([.financialInformation]) == .financial)
        #expect(type([], custom: true) == .customIdentifier)
        #expect(type([.personalInformation], custom: true) == .multiple)
        #expect(type([.credentials, .financialInformation]) == .multiple)
        // Two detections of one category are still one category.
        var twoTypes = Fixture.clean()
        twoTypes.sensitiveData = [Fixture.item(.personalInformation, [
            Detection(type: "EMAIL_ADDRESS", count: 1, occurrences: []),
            Detection(type: "USA_PASSPORT_NUMBER", count: 1, occurrences: []),
        ])]
        #expect(FindingType(result: twoTypes) == .personal)
        #expect(FindingType.personal.asffType == "Sensitive Data Identifications/PII/SensitiveData:S3Object-Personal")
        #expect(FindingType.credentials.asffType == "Sensitive Data Identifications/PII/SensitiveData:S3Object-Credentials")
        #expect(FindingType.customIdentifier.asffType == "Sensitive Data Identifications/PII/SensitiveData:S3Object-CustomIdentifier")
    }

    @Test func severityIsALabelOnly() throws {
        let high = try finding(Fixture.financialCSV(severity: .high))
        #expect(high["Severity"] as? [String: String] == ["Label": "HIGH"])
        let provider = try #require(high["FindingProviderFields"] as? [String: Any])
        #expect(provider["Severity"] as? [String: String] == ["Label": "HIGH"])
        let low = try finding(Fixture.financialCSV(severity: .low))
        #expect(low["Severity"] as? [String: String] == ["Label": "LOW"])
        // No label from the classifier: Macie's default for custom identifiers, MEDIUM.
        let unset = try finding(Fixture.financialCSV(severity: nil))
        #expect(unset["Severity"] as? [String: String] == ["Label": "MEDIUM"])
    }

    // MARK: Resources and DataClassification

    @Test func resourcesAreTheBucketAndTheObject() throws {
        let f = try finding(Fixture.multiCategory())
        let resources = try #require(f["Resources"] as? [[String: Any]])
        #expect(resources.count == 2)
        #expect(resources[0] as? [String: String] ==
                ["Type": "AwsS3Bucket", "Id": "arn:aws:s3:::hr", "Partition": "aws", "Region": "eu-west-1"])
        let object = resources[1]
        #expect(object["Type"] as? String == "AwsS3Object")
        #expect(object["Id"] as? String == "arn:aws:s3:::hr/exports/people 2024 (final) é 日本.xlsx")
        #expect(object["Partition"] as? String == "aws")
        #expect(object["Region"] as? String == "eu-west-1")
        let details = try #require((object["Details"] as? [String: Any])?["AwsS3Object"] as? [String: String])
        #expect(details == ["LastModified": "2023-11-14T22:13:20.250Z", "ETag": "abc",
                            "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])

        let result = try #require((object["DataClassification"] as? [String: Any])?["Result"] as? [String: Any])
        #expect(result["MimeType"] as? String == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(result["SizeClassified"] as? Int == 20_000_000)
        #expect(result["AdditionalOccurrences"] as? Bool == false)
        #expect(result["Status"] as? [String: String] == ["Code": "PARTIAL", "Reason": "FILE_EXCEEDS_SIZE_LIMIT"])

        let sensitive = try #require(result["SensitiveData"] as? [[String: Any]])
        #expect(sensitive.map { $0["Category"] as? String } == ["PERSONAL_INFORMATION", "CREDENTIALS"])
        #expect(sensitive.map { $0["TotalCount"] as? Int } == [3, 1])
        let personal = try #require(sensitive[0]["Detections"] as? [[String: Any]])
        #expect(personal.map { $0["Type"] as? String } == ["USA_SOCIAL_SECURITY_NUMBER", "EMAIL_ADDRESS"])
        #expect(personal.map { $0["Count"] as? Int } == [2, 1])
        let cells = try #require((personal[0]["Occurrences"] as? [String: Any])?["Cells"] as? [[String: Any]])
        #expect(cells.count == 2)
        #expect(cells[0]["Row"] as? Int == 5)
        #expect(cells[0]["Column"] as? Int == 3)
        #expect(cells[0]["ColumnName"] as? String == "employee_ssn")
        #expect(cells[0]["CellReference"] as? String == "Sheet1!C5")
        #expect(Set(cells[0].keys) == ["Row", "Column", "ColumnName", "CellReference"])
        let pages = try #require((personal[1]["Occurrences"] as? [String: Any])?["Pages"] as? [[String: Any]])
        #expect(pages.count == 1)
        #expect(Set(pages[0].keys) == ["PageNumber", "LineRange"], "no byte offsets in ASFF")
        #expect(pages[0]["PageNumber"] as? Int == 3)
        #expect(pages[0]["LineRange"] as? [String: Int] == ["Start": 12, "End": 12, "StartColumn": 7])
        let credentials = try #require(sensitive[1]["Detections"] as? [[String: Any]])
        let records = try #require((credentials[0]["Occurrences"] as? [String: Any])?["Records"] as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records[0]["RecordIndex"] as? Int == 0)
        #expect(records[0]["JsonPath"] as? String == "$.Credentials.SecretAccessKey")
        #expect(Set(records[0].keys) == ["RecordIndex", "JsonPath"])

        let custom = try #require(result["CustomDataIdentifiers"] as? [String: Any])
        #expect(custom["TotalCount"] as? Int == 4)
        let customDetections = try #require(custom["Detections"] as? [[String: Any]])
        #expect(customDetections.count == 1)
        #expect(customDetections[0]["Arn"] as? String == "arn:aws:macie2:eu-west-1:123456789012:custom-data-identifier/employee-id")
        #expect(customDetections[0]["Name"] as? String == "employee-id")
        #expect(customDetections[0]["Count"] as? Int == 4)
        let ranges = try #require((customDetections[0]["Occurrences"] as? [String: Any])?["LineRanges"] as? [[String: Int]])
        #expect(ranges.count == 4)
        #expect(ranges[0] == ["Start": 10, "End": 10, "StartColumn": 5])
    }

    @Test func customDataIdentifiersAreOmittedWhenThereAreNone() throws {
        let f = try finding(Fixture.financialCSV())
        let resources = try #require(f["Resources"] as? [[String: Any]])
        let result = try #require((resources[1]["DataClassification"] as? [String: Any])?["Result"] as? [String: Any])
        #expect(result["CustomDataIdentifiers"] == nil)
        #expect(result["SensitiveData"] != nil)
    }

    @Test func absentMembersAreOmittedNeverNullOrEmpty() throws {
        // Everything optional left out or empty: no mime type, ETag, date, column name,
        // cell reference, JSON path; a detection without located occurrences.
        let result = ClassificationResult(
            bucket: "b", key: "k", size: 1, mimeType: "", status: .complete,
            sensitiveData: [Fixture.item(.personalInformation, [
                Detection(type: "NAME", count: 2, occurrences: [
                    Occurrence(location: .cell(row: 2, column: 1, columnName: "", cellReference: nil), offset: 0),
                    Occurrence(location: .record(index: 1, jsonPath: ""), offset: 0),
                ]),
                Detection(type: "ADDRESS", count: 1, occurrences: []),
            ])],
            customDetections: [Detection(type: "emp", count: 1, occurrences: [], arn: nil, name: nil)],
            eTag: " ", versionToken: "")
        let bytes = try #require(encoder.encode(result, context: Fixture.context))
        let f = try JSON.object(bytes)
        #expect(JSON.emptyPaths(f) == [])
        let object = try #require((f["Resources"] as? [[String: Any]])?[1])
        #expect(object["Details"] == nil)
        let classification = try #require((object["DataClassification"] as? [String: Any])?["Result"] as? [String: Any])
        #expect(classification["MimeType"] == nil)
        let detections = try #require((classification["SensitiveData"] as? [[String: Any]])?[0]["Detections"] as? [[String: Any]])
        let cells = try #require((detections[0]["Occurrences"] as? [String: Any])?["Cells"] as? [[String: Any]])
        #expect(cells[0] as? [String: Int] == ["Row": 2, "Column": 1])
        // A record whose path is left out (a name on it held sensitive data) keeps its
        // index, as Macie's Record does.
        #expect((detections[0]["Occurrences"] as? [String: Any])?["Records"] as? [[String: Int]] == [["RecordIndex": 1]])
        #expect(detections[1]["Occurrences"] == nil)
        let custom = try #require((classification["CustomDataIdentifiers"] as? [String: Any])?["Detections"] as? [[String: Any]])
        #expect(custom[0]["Name"] as? String == "emp")
        // Without an ARN of its own, the identifier gets Macie's form with a stable ID.
        let arn = try #require(custom[0]["Arn"] as? String)
        #expect(arn.hasPrefix("arn:aws:macie2:eu-west-1:123456789012:custom-data-identifier/"))
        // The ID: the first 16 bytes of SHA-256("emp") in hex (computed outside Trawl: python3 hashlib).
        #expect(arn == "arn:aws:macie2:eu-west-1:123456789012:custom-data-identifier/9d586dc0a48a2ed04839e0a697508934")
    }

    // MARK: Occurrences

    @Test func atMostFifteenOccurrencesSpreadRoundRobin() throws {
        var result = Fixture.clean()
        result.sensitiveData = [
            Fixture.item(.financialInformation, [
                Detection(type: "A", count: 10, occurrences: Fixture.lines(10, firstLine: 100)),
                Detection(type: "B", count: 10, occurrences: Fixture.lines(10, firstLine: 200)),
            ]),
            Fixture.item(.personalInformation, [
                Detection(type: "C", count: 2, occurrences: Fixture.lines(2, firstLine: 300)),
            ]),
        ]
        let f = try finding(result)
        let classification = try #require(((f["Resources"] as? [[String: Any]])?[1]["DataClassification"] as? [String: Any])?["Result"] as? [String: Any])
        #expect(classification["AdditionalOccurrences"] as? Bool == true)
        let detections = try #require((classification["SensitiveData"] as? [[String: Any]])?.flatMap { $0["Detections"] as? [[String: Any]] ?? [] })
        func starts(_ d: [String: Any]) -> [Int] {
            ((d["Occurrences"] as? [String: Any])?["LineRanges"] as? [[String: Int]] ?? []).compactMap { $0["Start"] }
        }
        // 15 in rounds of A, B, C: C runs out after 2 rounds, then A and B alternate; A gets the 15th.
        #expect(starts(detections[0]) == Array(100..<107))  // 7
        #expect(starts(detections[1]) == Array(200..<206))  // 6
        #expect(starts(detections[2]) == [300, 301])         // 2
        #expect(detections.map { $0["Count"] as? Int } == [10, 10, 2])  // counts stay full
    }

    @Test func exactlyFifteenListedMeansNoAdditionalOccurrences() throws {
        var result = Fixture.clean()
        result.sensitiveData = [Fixture.item(.credentials, [Detection(type: "A", count: 15, occurrences: Fixture.lines(15))])]
        let f = try finding(result)
        let classification = try #require(((f["Resources"] as? [[String: Any]])?[1]["DataClassification"] as? [String: Any])?["Result"] as? [String: Any])
        #expect(classification["AdditionalOccurrences"] as? Bool == false)
        // A count above the located occurrences (e.g. beyond the 1,000 kept per type) is more.
        result.sensitiveData[0].detections[0].count = 16
        result.sensitiveData[0].totalCount = 16
        let more = try finding(result)
        let moreClassification = try #require(((more["Resources"] as? [[String: Any]])?[1]["DataClassification"] as? [String: Any])?["Result"] as? [String: Any])
        #expect(moreClassification["AdditionalOccurrences"] as? Bool == true)
    }

    @Test func customIdentifiersShareTheFifteenAfterManagedOnes() {
        let managed = Detection(type: "M", count: 20, occurrences: Fixture.lines(20))
        let custom = Detection(type: "c", count: 20, occurrences: Fixture.lines(20, firstLine: 50))
        let selection = OccurrenceSelection([managed, custom])
        #expect(selection.selected.map(\.count) == [8, 7])
        #expect(selection.additionalOccurrences)
        #expect(OccurrenceSelection([managed], limit: 15).selected[0].count == 15)
    }

    @Test func byteOffsetsNeverAppear() throws {
        let bytes = try #require(encoder.encode(Fixture.multiCategory(), context: Fixture.context))
        let text = JSON.text(bytes)
        #expect(!text.localizedCaseInsensitiveContains("offset"))
    }

    // MARK: Description

    @Test func descriptionSummarisesCountsPerType() throws {
        let f = try finding(Fixture.multiCategory())
        let description = try #require(f["Description"] as? String)
        #expect(description.hasPrefix("The object contains more than one category of sensitive data."))
        #expect(description.contains("USA_SOCIAL_SECURITY_NUMBER 2"))
        #expect(description.contains("EMAIL_ADDRESS 1"))
        #expect(description.contains("AWS_CREDENTIALS 1"))
        #expect(description.contains("employee-id 4"))
    }

    @Test func descriptionStaysWithin1024Characters() throws {
        var result = Fixture.clean()
        result.sensitiveData = [Fixture.item(.personalInformation, (0..<300).map {
            Detection(type: "A_VERY_LONG_MANAGED_DATA_IDENTIFIER_NAME_\($0)", count: 100 + $0, occurrences: [])
        })]
        result.customDetections = [Detection(type: String(repeating: "é", count: 2000), count: 1, occurrences: [])]
        let f = try finding(result)
        let description = try #require(f["Description"] as? String)
        #expect(description.utf8.count <= 1024)
        #expect(description.contains("A_VERY_LONG_MANAGED_DATA_IDENTIFIER_NAME_0 100"))
        #expect(description.hasSuffix("more types."))
    }

    // MARK: Values

    @Test func theModelHasNoPlaceForASensitiveValue() {
        // The encoders cannot leak a value because no input they read holds one: guard that.
        let labels = Set(Mirror(reflecting: Detection(type: "T", count: 1, occurrences: [])).children.compactMap(\.label)
                         + Mirror(reflecting: Occurrence(location: .page(number: 1, start: 1, end: 2, startColumn: 1), offset: 0)).children.compactMap(\.label)
                         + Mirror(reflecting: Fixture.clean()).children.compactMap(\.label))
        for forbidden in ["value", "values", "sample", "samples", "match", "matchedText", "text", "excerpt"] {
            #expect(!labels.contains(forbidden), "\(forbidden) would carry a sensitive value into encoders")
        }
    }
}
