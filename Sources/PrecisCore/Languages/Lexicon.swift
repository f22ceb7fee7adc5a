import Synchronization

/// The word forms of a language seen so far in the process, each with its stem and stopword flag, so
/// that a server or a batch run stems and classifies each distinct form once rather than once per
/// document.
///
/// Stems get ids that never change, which lets a document map them to its own dense term ids with
/// integer keys, and lets analyses keep private tables of the forms they have met (``borrowForms()``)
/// that stay valid from one document to the next, so that a warm analysis takes no lock per word.
/// One per ``Language``; guarded by a `Mutex` held only for table lookups and insertions, never while
/// stemming. Bounded: once it holds ``capacity`` forms it stops growing, and forms it does not know are
/// stemmed by the document that meets them.
///
/// - Complexity: O(k) expected per lookup of a k-byte form.
final class Lexicon: Sendable {
    /// The number of forms a language's lexicon holds at most.
    static let defaultCapacity = 250_000

    let capacity: Int

    /// What the lexicon knows of a form.
    struct Entry {
        /// The stem's id, or -1 when the lexicon is full and does not know the stem.
        var stem: Int32
        var isStopword: Bool
    }

    private struct State: Sendable {
        /// Form to (stem id, stopword flag).
        var forms = FormTable()
        /// Stem to stem id.
        var stems = FormTable()
        /// Stem bytes by id, in one arena: stem s is `stemBytes[stemEnds[s - 1]..<stemEnds[s]]`.
        var stemBytes: [UInt8] = []
        var stemEnds: [Int32] = []
    }

    private let state = Mutex(State())
    /// The number of forms recorded: changed only under the lock, read without it.
    private let recordedForms = Atomic<Int>(0)

    /// Private form tables (form to stem id and stopword flag) waiting for their next analysis.
    private let idleForms = Mutex<[FormTable]>([])
    /// The most idle tables kept, and the most forms a kept table may hold.
    static let idleTableLimit = 8
    static let formsPerTableLimit = 50_000

    init(capacity: Int = Lexicon.defaultCapacity) {
        self.capacity = capacity
    }

    /// The number of forms recorded so far, read without the lock: an analysis whose borrowed table
    /// holds as many forms has met them all and need not look a form up before stemming it.
    var formCount: Int { recordedForms.load(ordering: .acquiring) }

    /// The entry of `form` when the lexicon knows it.
    func find(_ form: some Collection<UInt8>, hash: UInt32) -> Entry? {
        state.withLock { state in
            state.forms.find(form, hash: hash).map { Entry(stem: $0.term, isStopword: $0.stop) }
        }
    }

    /// Records a form with the stem and stopword flag computed for it, and returns its entry; when the
    /// lexicon is full the form is not recorded and the stem keeps its id only if already known.
    func insert(_ form: some Collection<UInt8>, hash: UInt32, stem: some Collection<UInt8>, isStopword: Bool) -> Entry {
        let stemHash = FormTable.hash(stem)
        return state.withLock { state in
            if let known = state.forms.find(form, hash: hash) { return Entry(stem: known.term, isStopword: known.stop) }
            var id = state.stems.find(stem, hash: stemHash)?.term ?? -1
            let recorded = recordedForms.load(ordering: .relaxed)
            guard recorded < capacity else { return Entry(stem: id, isStopword: isStopword) }
            if id < 0 {
                id = Int32(state.stemEnds.count)
                state.stems.insert(stem, hash: stemHash, FormTable.Value(term: id, stop: false))
                state.stemBytes.append(contentsOf: stem)
                state.stemEnds.append(Int32(state.stemBytes.count))
            }
            state.forms.insert(form, hash: hash, FormTable.Value(term: id, stop: isStopword))
            recordedForms.store(recorded + 1, ordering: .releasing)
            return Entry(stem: id, isStopword: isStopword)
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
