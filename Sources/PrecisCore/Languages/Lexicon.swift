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
        /// Stem bytes by id, in one arena: stem s is `stemBytes[stemEnds[s - 1]..<stemEnds[s]]`.
        var stemBytes: [UInt8] = []
        var stemEnds: [Int32] = []
    }

    private let state = Mutex(State())

    /// Borrowed form tables waiting for their next analysis.
    private let idleForms = Mutex<[FormTable]>([])
    /// The most idle tables kept, and the most forms a kept table may hold.
    static let idleTableLimit = 8
    static let formsPerTableLimit = 100_000

    init(capacity: Int = Lexicon.defaultCapacity) {
        self.capacity = capacity
    }

    /// The number of stems recorded so far.
    var stemCount: Int { state.withLock { $0.stemEnds.count } }

    /// The id of `stem`, recorded now if it is new; -1 when the lexicon is full and does not know it.
    func id(ofStem stem: some Collection<UInt8>) -> Int32 {
        let hash = FormTable.hash(stem)
        return state.withLock { state in
            if let known = state.stems.find(stem, hash: hash) { return known.term }
            guard state.stemEnds.count < capacity else { return -1 }
            let id = Int32(state.stemEnds.count)
            state.stems.insert(stem, hash: hash, FormTable.Value(term: id, stop: false))
            state.stemBytes.append(contentsOf: stem)
            state.stemEnds.append(Int32(state.stemBytes.count))
            return id
        }
    }

    /// Appends the bytes of stem `id` to `buffer`.
    func appendStem(_ id: Int32, to buffer: inout [UInt8]) {
        state.withLock { state in
            let index = Int(id)
            guard index >= 0 && index < state.stemEnds.count else { return }
            let start = index == 0 ? 0 : Int(state.stemEnds[index - 1])
            buffer.append(contentsOf: state.stemBytes[start..<Int(state.stemEnds[index])])
        }
    }

    /// A table of forms met by earlier analyses (form to stem id and stopword flag), or an empty one.
    /// Give it back with ``returnForms(_:)`` when the analysis ends.
    func borrowForms() -> FormTable {
        idleForms.withLock { $0.popLast() } ?? FormTable(capacity: 1024)
    }

    /// Takes back a borrowed table, unless enough are idle or it has grown too large.
    func returnForms(_ table: FormTable) {
        guard table.count <= Self.formsPerTableLimit else { return }
        idleForms.withLock { idle in
            if idle.count < Self.idleTableLimit { idle.append(table) }
        }
    }
}
