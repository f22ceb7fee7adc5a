import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches pages and feeds for `precis import`: connect and read timeouts, a size cap, at most five
/// redirects, a User-Agent, and no loopback, link-local or private addresses unless allowed (so a feed
/// cannot point the importer at the machine's own services).
struct Fetcher: Sendable {
    static let userAgent = "Precis/1.0 (self-hosted news summarization)"
    static let maximumRedirects = 5

    var maximumBytes: Int
    var allowsPrivateAddresses: Bool

    struct Page {
        var bytes: [UInt8]
        var url: String
        var contentType: String?
    }

    /// The body of `url` after following redirects.
    func fetch(_ url: String, client: HTTPClient) async throws -> Page {
        var current = url
        for _ in 0...Self.maximumRedirects {
            guard let parsed = URL(string: current), let scheme = parsed.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty
            else { throw CommandFailure("\(current): not an http or https URL") }
            if !allowsPrivateAddresses, let refused = try Self.privateAddress(of: host) {
                throw CommandFailure(
                    "\(current): \(host) is a private or local address (\(refused)); use --allow-private to fetch it")
            }
            var request = HTTPClientRequest(url: current)
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            request.headers.add(
                name: "Accept",
                value:
                    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
            )
            let response: HTTPClientResponse
            do { response = try await client.execute(request, timeout: .seconds(30)) } catch {
                throw CommandFailure("\(current): could not be fetched (\(Self.reason(error)))")
            }
            if (300..<400).contains(Int(response.status.code)), let location = response.headers.first(name: "Location")
            {
                guard let next = URL(string: location, relativeTo: parsed)?.absoluteString else {
                    throw CommandFailure("\(current): redirects to an invalid address")
                }
                current = next
                continue
            }
            guard response.status == .ok else {
                throw CommandFailure(
                    "\(current): the server answered \(response.status.code) \(response.status.reasonPhrase)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maximumBytes {
                throw CommandFailure("\(current): \(length) bytes is more than the limit of \(maximumBytes)")
            }
            let body: ByteBuffer
            do { body = try await response.body.collect(upTo: maximumBytes) } catch {
                throw CommandFailure("\(current): larger than the limit of \(maximumBytes) bytes, or cut off")
            }
            return Page(
                bytes: Array(buffer: body), url: current, contentType: response.headers.first(name: "Content-Type"))
        }
        throw CommandFailure("\(url): more than \(Self.maximumRedirects) redirects")
    }

    /// A client with the importer's timeouts; redirects are followed by ``fetch(_:client:)`` so that each
    /// hop's address is checked.
    static func makeClient() -> HTTPClient {
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(20)))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .readTimeout, .deadlineExceeded: return "timed out"
            default: return "\(error)"
            }
        }
        return "connection failed"
    }

    /// The first address of `host` that is loopback, link-local, private or unspecified, if any.
    static func privateAddress(of host: String) throws -> String? {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &result) == 0, let first = result else {
            throw CommandFailure("\(host): the name does not resolve")
        }
        defer { freeaddrinfo(first) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            if let address = info.pointee.ai_addr {
                if info.pointee.ai_family == AF_INET {
                    let ip = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        UInt32(bigEndian: $0.pointee.sin_addr.s_addr)
                    }
                    let a = ip >> 24
                    let b = (ip >> 16) & 0xFF
                    if a == 127 || a == 10 || a == 0 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b))
                        || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b))
                    {
                        return "\(a).\(b).\((ip >> 8) & 0xFF).\(ip & 0xFF)"
                    }
                } else if info.pointee.ai_family == AF_INET6 {
                    let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
                    }
                    let loopback = bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
                    let unspecified = bytes.allSatisfy { $0 == 0 }
                    let linkLocal = bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80
                    let uniqueLocal = bytes[0] & 0xFE == 0xFC
                    let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
                    if loopback || unspecified || linkLocal || uniqueLocal || mapped { return name }
                }
            }
            entry = info.pointee.ai_next
        }
        return nil
    }
}
