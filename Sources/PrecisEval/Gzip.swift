import CZlib

/// gzip decompression through zlib, for evaluation pages stored compressed.
enum Gzip {
    /// The decompressed bytes of a gzip stream, or of several concatenated ones; throws on corrupt data.
    static func decompress(_ data: [UInt8], limit: Int = 256 << 20) throws -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: expect a gzip header.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw EvaluationError("zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            while true {
                let result = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return Z_BUF_ERROR }
                if result == Z_STREAM_END {
                    guard stream.avail_in > 0 else { return Z_STREAM_END }
                    // Another gzip member follows.
                    guard inflateReset(&stream) == Z_OK else { return Z_DATA_ERROR }
                    continue
                }
                if result != Z_OK { return result }
                if produced == 0 && stream.avail_in == 0 { return Z_DATA_ERROR }
            }
        }
        guard status == Z_STREAM_END else { throw EvaluationError("corrupt or truncated gzip data") }
        return output
    }
}
