/// What can go wrong storing and serving articles. Messages are safe to show to a user: they never
/// carry a file path, a database message or a stack trace.
public struct SiteError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        case notFound, invalidInput, conflict, storeUnavailable
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
