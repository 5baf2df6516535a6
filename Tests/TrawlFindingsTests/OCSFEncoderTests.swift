// The OCSF Data Security Finding (class 2006, schema 1.6.0): the attributes the schema
// requires of the class and of its objects (events/findings/data_security_finding.json,
// finding.json, base_event.json, objects/finding_info.json, metadata.json, product.json,
// cloud.json, data_classification.json's at-least-one constraint, occurrence_details.json's
// at-least-one constraint), the enum values the schema defines for what Trawl reports,
// and the same facts as the ASFF finding. Expected values written by hand from the
// schema and the fixtures.

import Foundation
import Testing
import TrawlDetectors
@testable import TrawlFindings

@Suite struct OCSFEncoderTests {
    let encoder = OCSFEncoder()

    @Test func requiredAttributesAndClassification() throws {
        let event = try JSON.object(try #require(encoder.encode(Fixture.multiCategory(), context: Fixture.context)))
        for required in ["activity_id", "category_uid", "class_uid", "type_uid", "severity_id", "time", "metadata",
                         "finding_info"] {
            #expect(event[required] != nil, "\(required) is required")
        }
        #expect(event["class_uid"] as? Int == 2006)
        #expect(event["category_uid"] as? Int == 2)
        #expect(event["type_uid"] as? Int == 2006 * 100 + 1, "type_uid = class_uid * 100 + activity_id")
        #expect(event["severity_id"] as? Int == 4)
        #expect(event["severity"] as? String == "High")

        let metadata = try #require(event["metadata"] as? [String: Any])
        #expect(metadata["version"] as? String == "1.6.0")
        let product = try #require(metadata["product"] as? [String: Any])
        #expect(product["vendor_name"] as? String != nil)

        let info = try #require(event["finding_info"] as? [String: Any])
        // The same Id as the ASFF finding of the same object.
        let asff = try JSON.object(try #require(ASFFEncoder().encode(Fixture.multiCategory(), context: Fixture.context)))
        #expect(info["uid"] as? String == asff["Id"] as? String)
        #expect(info["title"] as? String == asff["Title"] as? String)

        let cloud = try #require(event["cloud"] as? [String: Any])
        #expect(cloud["provider"] as? String == "AWS")
        #expect((cloud["account"] as? [String: Any])?["uid"] as? String == "123456789012")

        let classifications = try #require(event["data_classifications"] as? [[String: Any]])
        // Personal (1) and Security (6, the credentials); the object was PARTIAL (2).
        #expect(classifications.map { $0["category_id"] as? Int } == [1, 6])
        #expect(classifications.allSatisfy { $0["status_id"] as? Int == 2 })
        let personal = try #require(classifications[0]["discovery_details"] as? [[String: Any]])
        #expect(personal.map { $0["type"] as? String } == ["USA_SOCIAL_SECURITY_NUMBER", "EMAIL_ADDRESS"])
        #expect(personal[0]["count"] as? Int == 2)
        let cell = try #require((personal[0]["occurrences"] as? [[String: Any]])?.first)
        #expect(cell["row_number"] as? Int == 5)
        #expect(cell["column_number"] as? Int == 3)
        #expect(cell["column_name"] as? String == "employee_ssn")
        #expect(cell["cell_name"] as? String == "Sheet1!C5")
        let page = try #require((personal[1]["occurrences"] as? [[String: Any]])?.first)
        #expect(page["page_number"] as? Int == 3)
        #expect(page["start_line"] as? Int == 12)
        let record = try #require(((classifications[1]["discovery_details"] as? [[String: Any]])?.first?["occurrences"]
                                   as? [[String: Any]])?.first)
        #expect(record["record_index_in_array"] as? Int == 0)
        #expect(record["json_path"] as? String == "$.Credentials.SecretAccessKey")
        // No value, no empty string or array anywhere.
        #expect(!JSON.text(try #require(encoder.encode(Fixture.multiCategory(), context: Fixture.context))).contains("\"value\""))
        #expect(JSON.emptyPaths(event).isEmpty, "\(JSON.emptyPaths(event))")
    }

    @Test func aCleanObjectHasNoEvent() {
        #expect(encoder.encode(Fixture.clean(), context: Fixture.context) == nil)
    }

    @Test func severityAndCategoryEnums() {
        #expect(OCSFEncoder.severity(.low) == (2, "Low"))
        #expect(OCSFEncoder.severity(.medium) == (3, "Medium"))
        #expect(OCSFEncoder.category(.financialInformation) == (3, "Financial"))
    }
}
