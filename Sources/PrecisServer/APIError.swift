import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrecisCore
import PrecisHTML
import PrecisSite

/// An error with the status and message the API answers with.
struct APIError: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The answer for any error: the modules' errors keep their codes and messages (which never carry
    /// paths or database text); anything else is a 500 that says nothing more.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as SiteError:
            let status: HTTPResponse.Status
            switch error.code {
            case .notFound: status = .notFound
            case .invalidInput: status = .badRequest
            case .conflict: status = .conflict
            case .storeUnavailable: status = .serviceUnavailable
            }
            return APIError(status, error.code.rawValue, error.message)
        case let error as PrecisError:
            let status: HTTPResponse.Status = error.code == .inputTooLarge ? .contentTooLarge : .badRequest
            return APIError(status, error.code.rawValue, error.message)
        case let error as HTMLError:
            let status: HTTPResponse.Status
            switch error.code {
            case .noArticle: status = .unprocessableContent
            case .pageTooLarge: status = .contentTooLarge
            case .notHTML, .unknownCharset: status = .badRequest
            }
            return APIError(status, error.code.rawValue, error.message)
        case let error as HTTPError:
            switch error.status {
            case .notFound: return APIError(.notFound, "notFound", "no such page")
            case .contentTooLarge: return APIError(.contentTooLarge, "tooLarge", "the request body is too large")
            case .methodNotAllowed:
                return APIError(.methodNotAllowed, "methodNotAllowed", "this method is not allowed here")
            default:
                let status = error.status
                return APIError(status, "http\(status.code)", status.reasonPhrase.lowercased())
            }
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, "tooLarge", "the request body is too large")
        case is DecodingError:
            return APIError(.badRequest, "invalidJSON", "the request body is not the JSON this endpoint expects")
        default:
            return APIError(.internalServerError, "internal", "something went wrong on the server")
        }
    }

    var response: Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(ErrorJSON(error: .init(code: code, message: message)))) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every error thrown by a route into a response with the right status: JSON for the API, a
/// page for everything else.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            let path = request.uri.path
            if path.hasPrefix("/api/") || path == "/health" || path == "/metrics" { return apiError.response }
            let title = "\(apiError.status.code) \(apiError.status.reasonPhrase)"
            return pages.render(
                "error", ["pageTitle": title, "language": "en", "status": title, "message": apiError.message],
                status: apiError.status)
        }
    }
}
