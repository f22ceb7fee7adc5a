import Synchronization

/// The stems of a language seen so far in the process, each with an id that never changes, and the
/// tables of word forms that analyses borrow and give back, so that a server or a batch run stems and
/// classifies each distinct form once per table rather than once per document.
///
/// Stable stem ids let a document map stems to its own dense term ids with integer keys, and let the
/// borrowed tables of forms (form to stem id and stopword flag, ``borrowForms()``) stay valid from one
/// document to the next, so that a warm analysis takes no lock per word. The lexicon keeps no forms of
/// its own: a form new to a table is stemmed and its stem looked up here, which in a batch on one
/// thread, where the one table meets every form first, costs one table fewer per new form than keeping
/// forms in both. A second table (another thread's) stems again the forms it has not met.
///
/// One per ``Language``; guarded by a `Mutex` held only for stem lookups and insertions, never while
/// stemming. Bounded: once it holds ``capacity`` stems it stops growing, and a stem it does not know is
/// matched by its bytes within the document that meets it.
///
/// - Complexity: O(k) expected per lookup of a k-byte stem.
final class Lexicon: Sendable {
    /// The number of stems a language's lexicon holds at most.
    static let defaultCapacity = 250_000

    let capacity: Int

    private struct State: Sendable {
        /// Stem to stem id.
        var stems = FormTable()
        /// Where the table keeps each stem, by id.
        var kept: [FormTable.KeptKey] = []
    }

    private let state = Mutex(State())

    /// Borrowed form tables waiting for their next analysis.
    private let idleForms = Mutex<[FormCache]>([])
    /// The most idle tables kept, and the most forms a kept table may hold.
    static let idleTableLimit = 8
    static let formsPerTableLimit = 100_000

    init(capacity: Int = Lexicon.defaultCapacity) {
        self.capacity = capacity
    }

    /// The number of stems recorded so far.
    var stemCount: Int { state.withLock { $0.kept.count } }

    /// The id of `stem`, recorded now if it is new; -1 when the lexicon is full and does not know it.
    func id(ofStem stem: some Collection<UInt8>) -> Int32 {
        let hash = FormTable.hash(stem)
        return state.withLock { state in
            if let known = state.stems.find(stem, hash: hash) { return known.term }
            guard state.kept.count < capacity else { return -1 }
            let id = Int32(state.kept.count)
            state.kept.append(state.stems.insert(stem, hash: hash, FormTable.Value(term: id, stop: false)))
            return id
        }
    }

    /// Appends the bytes of stem `id` to `buffer`.
    func appendStem(_ id: Int32, to buffer: inout [UInt8]) {
        state.withLock { state in
            let index = Int(id)
            guard index >= 0 && index < state.kept.count else { return }
            state.stems.appendBytes(of: state.kept[index], to: &buffer)
        }
    }

    /// A table of forms met by earlier analyses (form to stem id and stopword flag), or an empty one.
    /// Give it back with ``returnForms(_:)`` when the analysis ends.
    func borrowForms() -> FormCache {
        idleForms.withLock { $0.popLast() } ?? FormCache(forms: FormTable(capacity: 1024))
    }

    /// Takes back a borrowed table, unless enough are idle or it has grown too large; with fresh buffers
    /// when its own grew too large.
    func returnForms(_ cache: FormCache) {
        guard cache.forms.count <= Self.formsPerTableLimit else { return }
        var cache = cache
        if !cache.buffers.areWorthKeeping { cache.buffers = TermAnalyzer.Buffers() }
        idleForms.withLock { idle in
            if idle.count < Self.idleTableLimit { idle.append(cache) }
        }
    }
}

/// What one analysis at a time borrows from a ``Lexicon``: the forms it has met, with their stems' ids,
/// and a map from stem ids to the current document's term numbers.
struct FormCache: Sendable {
    /// Form to the lexicon's stem id and the stopword flag.
    var forms: FormTable
    var terms = StemTerms()
    /// The stemmer of the analyses that borrow the cache, made by the first one that stems a word.
    var stemmer: OwnedStemmer?
    var buffers = TermAnalyzer.Buffers()

    /// What an analysis holds once it has given its cache back: nothing of the cache it had.
    static let returned = FormCache(forms: FormTable(capacity: 1))

    /// A stemmer, which keeps state between calls, passed from one analysis to the next with the cache
    /// that holds it: only the analysis that has borrowed the cache uses it.
    final class OwnedStemmer: @unchecked Sendable {
        let algorithm: String
        let stemmer: Stemmer

        init(algorithm: String, stemmer: Stemmer) {
            self.algorithm = algorithm
            self.stemmer = stemmer
        }
    }
}

/// A document's term numbers by the lexicon's stem ids: one array indexed by stem id, each entry stamped
/// with the document it belongs to, so that a new document starts by changing the stamp instead of
/// clearing the array, and a lookup costs one load, where a hash table costs a hash and a probe.
///
/// The entries are a ``GrowableBuffer``, read and written once per token without an array's uniqueness
/// and bounds checks. `Sendable` unchecked, as the buffers of the ``FormCache`` that holds it are: only the
/// analysis that has borrowed the cache uses it.
///
/// - Complexity: O(1) per lookup; memory O(s) for stem ids below s.
struct StemTerms: @unchecked Sendable {
    /// The document's stamp in the high 32 bits, its term number in the low 32; zero past the count.
    private let entries = GrowableBuffer<UInt64>(capacity: 1024)
    private var stamp: UInt64 = 0

    /// Starts the numbering of a new document.
    mutating func beginDocument() {
        if stamp == UInt64(UInt32.max) {
            entries.base.update(repeating: 0, count: entries.count)
            stamp = 0
        }
        stamp += 1
    }

    /// The term number of stem `id` (not negative) in this document; when it has none yet, `next` becomes
    /// its number. Chosen without a branch: the entry is written either way.
    @inline(__always)
    mutating func term(ofStem id: Int32, next: Int32) -> Int32 {
        precondition(id >= 0, "a stem id is not negative")
        let index = Int(id)
        if index >= entries.count { grow(to: index + 1) }
        let entry = entries.base[index]
        let term = entry >> 32 == stamp ? Int32(truncatingIfNeeded: entry) : next
        entries.base[index] = stamp << 32 | UInt64(UInt32(bitPattern: term))
        return term
    }

    /// Counts entries up to `size` at least, doubling; the room a buffer makes is zero.
    private func grow(to size: Int) {
        let extra = max(size, 2 * entries.count, 1024) - entries.count
        entries.reserve(extra)
        entries.advance(by: extra)
    }
}
