/// The one error type of PrecisCore.
///
/// Every message is safe to show to a user: it names what was wrong with the input or the request,
/// never an internal path or state.
public struct PrecisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that map errors to exit codes or HTTP statuses.
    public enum Code: String, Sendable, Equatable {
        /// The input has no text to work on (empty or only whitespace).
        case emptyInput
        /// The input is larger than the configured limit.
        case inputTooLarge
        /// A language was asked for that Precis cannot stem.
        case unknownLanguage
        /// An option is out of its range (a zero sentence count, a ratio above 1, ...).
        case invalidOption
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func emptyInput() -> PrecisError {
        PrecisError(.emptyInput, "the input is empty or contains only whitespace")
    }
}
