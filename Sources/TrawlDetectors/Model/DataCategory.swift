// The categories Macie files sensitive data under (ClassificationResult.SensitiveData.Category).

public enum DataCategory: String, Sendable, CaseIterable, Codable {
    case financialInformation = "FINANCIAL_INFORMATION"
    case personalInformation = "PERSONAL_INFORMATION"
    case credentials = "CREDENTIALS"
    case customIdentifier = "CUSTOM_IDENTIFIER"
}
