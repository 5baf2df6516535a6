// Macie's sensitive data finding types, and how they look in Security Hub.
//
// Macie names five types (Macie User Guide, "Types of Macie findings",
// https://docs.aws.amazon.com/macie/latest/user/findings-types.html):
// SensitiveData:S3Object/Credentials, /CustomIdentifier, /Financial, /Multiple, /Personal;
// Multiple when the object holds more than one category of sensitive data (credentials,
// financial, personal, custom-identifier matches). In Security Hub, Macie's findings carry
// the type as `Sensitive Data Identifications/PII/SensitiveData:S3Object-<Kind>` (the '/'
// of the Macie type becomes '-', keeping ASFF's namespace/category/classifier form).
//
// Titles are the ones Macie puts in its findings' `title` (see `title` below for where
// each was observed).

import TrawlDetectors

public enum FindingType: String, Sendable, CaseIterable {
    case credentials = "SensitiveData:S3Object/Credentials"
    case customIdentifier = "SensitiveData:S3Object/CustomIdentifier"
    case financial = "SensitiveData:S3Object/Financial"
    case multiple = "SensitiveData:S3Object/Multiple"
    case personal = "SensitiveData:S3Object/Personal"

    /// The Macie finding type name, e.g. `SensitiveData:S3Object/Financial`.
    public var macieType: String { rawValue }

    /// The ASFF `Types` entry, e.g.
    /// `Sensitive Data Identifications/PII/SensitiveData:S3Object-Financial`.
    public var asffType: String {
        "Sensitive Data Identifications/PII/SensitiveData:S3Object-" + kind
    }

    /// Credentials, CustomIdentifier, Financial, Multiple or Personal.
    public var kind: String {
        switch self {
        case .credentials: "Credentials"
        case .customIdentifier: "CustomIdentifier"
        case .financial: "Financial"
        case .multiple: "Multiple"
        case .personal: "Personal"
        }
    }

    /// Macie's finding title for the type.
    public var title: String {
        switch self {
        // Macie User Guide, findings-monitor-events-uno.html (detail.title example).
        case .financial: "The S3 object contains financial information."
        // Macie GetFindings output (title of a SensitiveData:S3Object/Personal finding).
        case .personal: "The S3 object contains personal information."
        // Macie GetFindings output (title of a SensitiveData:S3Object/Multiple finding).
        case .multiple: "The S3 object contains multiple types of sensitive information."
        // Macie finding export (title of a SensitiveData:S3Object/CustomIdentifier finding).
        case .customIdentifier: "The S3 object contains text that matches custom data identifier criteria."
        // Not seen verbatim in a primary source: built on the same pattern from Macie's
        // description of the type ("sensitive credentials data").
        case .credentials: "The S3 object contains credentials data."
        }
    }

    /// Macie's description of the type (findings-types.html), shortened.
    public var summary: String {
        switch self {
        case .credentials:
            "The object contains sensitive credentials data, such as AWS secret access keys or private keys."
        case .customIdentifier:
            "The object contains text that matches the detection criteria of one or more custom data identifiers."
        case .financial:
            "The object contains sensitive financial information, such as bank account numbers or credit card numbers."
        case .multiple:
            "The object contains more than one category of sensitive data."
        case .personal:
            "The object contains sensitive personal information: personally identifiable information (PII), personal health information (PHI), or both."
        }
    }

    /// The single-category type for a category.
    public init(category: DataCategory) {
        switch category {
        case .credentials: self = .credentials
        case .customIdentifier: self = .customIdentifier
        case .financialInformation: self = .financial
        case .personalInformation: self = .personal
        }
    }

    /// The finding type for a result: the category's type when all its sensitive data is
    /// of one category, `.multiple` when it spans several, nil when it has none.
    public init?(result: ClassificationResult) {
        var found: DataCategory?
        var several = false
        func see(_ category: DataCategory) {
            if let found, found != category { several = true }
            if found == nil { found = category }
        }
        for item in result.sensitiveData where item.isPresent {
            see(item.category)
        }
        if result.customDetections.contains(where: \.isPresent) {
            see(.customIdentifier)
        }
        guard let found else { return nil }
        self = several ? .multiple : FindingType(category: found)
    }
}

extension SensitiveDataItem {
    /// An item counts when it reports something (a count or a detection).
    var isPresent: Bool { totalCount > 0 || detections.contains(where: \.isPresent) }
}

extension Detection {
    /// A detection counts when it reports an occurrence (a count or a location).
    var isPresent: Bool { count > 0 || !occurrences.isEmpty }
}
