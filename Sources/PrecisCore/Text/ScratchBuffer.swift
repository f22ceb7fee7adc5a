import Foundation

extension UnsafeMutableBufferPointer where Element: BitwiseCopyable {
    /// Uninitialised room for `capacity` elements (memory for one when `capacity` is zero), from `malloc`,
    /// for a buffer that lives while one function runs. Give it back with ``freeScratch()``.
    ///
    /// `allocate(capacity:)` asks the Swift runtime for memory of the default alignment, which it gets
    /// from `posix_memalign`: about 210 instructions in glibc where `malloc` takes 70, and the summary's
    /// path makes about twenty such buffers an article. `malloc`'s memory is aligned for any element of
    /// sixteen bytes' alignment or less, which the precondition checks, and is given back with `free`.
    @inline(__always)
    static func scratch(capacity: Int) -> Self {
        precondition(MemoryLayout<Element>.alignment <= 16, "a scratch buffer's elements need malloc's alignment")
        guard let raw = malloc(Swift.max(capacity, 1) * MemoryLayout<Element>.stride) else {
            preconditionFailure("out of memory")
        }
        return Self(start: raw.bindMemory(to: Element.self, capacity: capacity), count: capacity)
    }

    /// Gives back a buffer from ``scratch(capacity:)``; its elements need no deinitialisation.
    @inline(__always)
    func freeScratch() { free(baseAddress) }
}
