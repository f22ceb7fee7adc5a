/// The one error type of PrecisEval: a data file that cannot be read or a line that is not what the
/// evaluation expects. Messages name the file and line.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
