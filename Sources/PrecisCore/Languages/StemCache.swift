import Synchronization

/// Stems already computed, shared by every analysis in the process, so that a server or a batch run
/// stems each distinct word form once rather than once per document.
///
/// One per ``Language``; guarded by a `Mutex` held only for a table lookup or insertion, never while
/// stemming. Bounded: once it holds ``capacity`` forms it is emptied and fills again.
///
/// - Complexity: O(k) expected per lookup of a k-byte form.
final class StemCache: Sendable {
    static let capacity = 250_000

    private struct Entries: Sendable {
        var table = FormTable()
        var stems: [[UInt8]] = []
    }

    private let entries = Mutex(Entries())

    /// The stem of `form`, from the cache or from `compute`, which runs outside the lock.
    func stem(_ form: [UInt8], hash: UInt32, compute: () -> [UInt8]) -> [UInt8] {
        let cached: [UInt8]? = entries.withLock { entries in
            entries.table.find(form, hash: hash).map { entries.stems[Int($0.term)] }
        }
        if let cached { return cached }
        let stem = compute()
        entries.withLock { entries in
            if entries.stems.count >= Self.capacity { entries = Entries() }
            guard entries.table.find(form, hash: hash) == nil else { return }
            entries.table.insert(form, hash: hash, FormTable.Value(term: Int32(entries.stems.count), stop: false))
            entries.stems.append(stem)
        }
        return stem
    }
}
