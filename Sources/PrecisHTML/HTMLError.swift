/// What can go wrong turning a page into an article.
public struct HTMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The page has no text that reads as an article.
        case noArticle
        /// The page is larger than the configured limit.
        case pageTooLarge
        /// The page is empty or is not HTML (binary data).
        case notHTML
        /// A charset was asked for that Precis cannot decode.
        case unknownCharset
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
