/// A hash table from short byte strings (lowercase word forms) to their term and stopword flag, so
/// that looking a token up costs one multiplicative hash and, for a form of up to eight bytes, one
/// comparison of two 64-bit words, with no `String` built and no second memory access.
///
/// Open addressing with linear probing (Knuth, TAOCP vol. 3, 6.4, Algorithm L). A key of up to eight
/// bytes is kept in its slot, packed into a word; a longer one lives in a byte arena that its slot
/// points to. Most words of most languages are that short, so most lookups read one 16-byte slot,
/// a quarter of a cache line. The load factor stays at or below three quarters (``grow()``): a key
/// found reads 2.5 slots on average and a key missed 8.5 (Knuth's formulas for linear probing), within
/// a cache line or two. A table kept at most half full can take twice the memory to miss in: on a cold
/// pass over cnndm-dev, the lexicon's 11,000 stems then take 512 KiB instead of 256 beside the 512 KiB
/// of the 15,000 forms, more than the core's 1 MiB L2 cache, and analysis took 53 µs an article
/// against 49.
///
/// - Complexity: O(k) expected per lookup or insertion of a k-byte key.
struct FormTable: Sendable {
    struct Value: Sendable {
        /// Not negative; the table keeps its low 31 bits.
        var term: Int32
        var stop: Bool
    }

    /// Sixteen bytes, so that four slots fill a cache line and none straddles two.
    private struct Slot: Sendable {
        /// A key of up to eight bytes itself, first byte lowest (``word(_:)``); a longer key's arena offset
        /// in the low 32 bits and its length in the high 32.
        var key: UInt64 = 0
        /// Zero when the slot is empty; else the key's length code (``tag(hash:length:)``) in the top
        /// byte and the low 24 bits of its hash below.
        var tag: UInt32 = 0
        /// The value's term in the low 31 bits and its stopword flag in the top bit.
        var packed: UInt32 = 0

        var value: Value {
            get { Value(term: Int32(bitPattern: packed & 0x7FFF_FFFF), stop: packed >> 31 != 0) }
            set { packed = UInt32(bitPattern: newValue.term) & 0x7FFF_FFFF | (newValue.stop ? 0x8000_0000 : 0) }
        }
    }

    private var slots: [Slot]
    private var arena: [UInt8] = []
    private(set) var count = 0

    /// A table sized for about `capacity` keys before it grows.
    init(capacity: Int = 512) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
    }

    // MARK: Hashing

    /// The hash of a key: its bytes in eight-byte words, the last one padded with zeros, each folded in
    /// with a multiplication by 2⁶⁴/φ (Knuth's multiplicative hashing, TAOCP vol. 3, 6.4), then the
    /// length, and a final xor-shift and multiplication so that every byte reaches the low bits that
    /// choose the slot.
    @inline(__always)
    static func hash<Key: Collection<UInt8>>(_ key: Key) -> UInt32 {
        if let hash = key.withContiguousStorageIfAvailable(hash(contiguous:)) { return hash }
        var h: UInt64 = 0
        var word: UInt64 = 0
        var shift: UInt64 = 0
        var count = 0
        for byte in key {
            word |= UInt64(byte) << shift
            shift += 8
            count += 1
            if shift == 64 {
                h = mix(h, word)
                word = 0
                shift = 0
            }
        }
        if shift > 0 { h = mix(h, word) }
        return finish(h, length: count)
    }

    /// ``hash(_:)`` of bytes in memory, read eight at a time and the last few with ``word(_:count:)``.
    @inline(__always)
    private static func hash(contiguous key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0
        if let base = key.baseAddress {
            var i = 0
            while key.count &- i >= 8 {
                h = mix(h, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                i &+= 8
            }
            if i < key.count { h = mix(h, word(base + i, count: key.count &- i)) }
        }
        return finish(h, length: key.count)
    }

    /// The hash of a key of at most eight bytes given as its ``word(_:)``; the same as ``hash(_:)``.
    @inline(__always)
    static func hash(word: UInt64, length: Int) -> UInt32 {
        finish(mix(0, word), length: length)
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 { (h ^ word) &* 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    private static func finish(_ h: UInt64, length: Int) -> UInt32 {
        var x = h ^ UInt64(truncatingIfNeeded: length)
        x ^= x >> 32
        x &*= 0xD6E8_FEB8_6659_FD93
        return UInt32(truncatingIfNeeded: x >> 32)
    }

    /// A key of at most eight bytes as one word, first byte lowest and zeros after the last.
    @inline(__always)
    static func word<Key: Collection<UInt8>>(_ key: Key) -> UInt64 {
        let contiguous = key.withContiguousStorageIfAvailable { buffer in
            buffer.baseAddress.map { Self.word($0, count: buffer.count) } ?? 0
        }
        if let contiguous { return contiguous }
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for byte in key {
            word |= UInt64(byte) << shift
            shift += 8
        }
        return word
    }

    /// The `count` bytes at `bytes`, at most eight, as ``word(_:)`` makes them: with two loads of four
    /// bytes that overlap (bytes read twice land in the same place), or three single bytes for fewer
    /// than four, rather than a loop over the bytes. Little-endian, as ``ByteWord`` is.
    @inline(__always)
    static func word(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(bytes)
        if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            return low | high &<< UInt64(truncatingIfNeeded: (count &- 4) &* 8)
        }
        guard count > 0 else { return 0 }
        let middle = count &>> 1
        return UInt64(bytes[0]) | UInt64(bytes[middle]) &<< UInt64(truncatingIfNeeded: middle &* 8)
            | UInt64(bytes[count &- 1]) &<< UInt64(truncatingIfNeeded: (count &- 1) &* 8)
    }

    /// What a slot keeps of a key's hash and length: the length code, 1 to 255 (lengths from 254 on
    /// share the last), never zero, so a zero tag marks an empty slot.
    @inline(__always)
    static func tag(hash: UInt32, length: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: min(length, 254) + 1) << 24 | hash & 0x00FF_FFFF
    }

    /// The first slot probed for a key with this tag, or this hash: both keep the same low 24 bits.
    @inline(__always)
    private func start(_ tag: UInt32) -> Int { Int(tag & 0x00FF_FFFF) & (slots.count - 1) }

    // MARK: Lookups

    @inline(__always)
    func find<Key: Collection<UInt8>>(_ key: Key, hash: UInt32) -> Value? {
        slotIndex(of: key, hash: hash).map { slots[$0].value }
    }

    /// The value of the key of at most eight bytes whose ``word(_:)`` is `word` and whose
    /// ``tag(hash:length:)`` is `tag`, or nil.
    @inline(__always)
    func find(word: UInt64, tag: UInt32) -> Value? {
        slotIndex(word: word, tag: tag).map { slots[$0].value }
    }

    /// Changes the value of `key` in place if the table holds it, and tells whether it did.
    mutating func update<Key: Collection<UInt8>>(_ key: Key, hash: UInt32, _ change: (inout Value) -> Void) -> Bool {
        guard let index = slotIndex(of: key, hash: hash) else { return false }
        change(&slots[index].value)
        return true
    }

    /// The slot that holds `key`, found by linear probing from its hash, or nil.
    @inline(__always)
    private func slotIndex<Key: Collection<UInt8>>(of key: Key, hash: UInt32) -> Int? {
        let length = key.count
        let tag = Self.tag(hash: hash, length: length)
        if length <= 8 { return slotIndex(word: Self.word(key), tag: tag) }
        let mask = slots.count - 1
        var index = start(tag)
        while true {
            let slot = slots[index]
            if slot.tag == 0 { return nil }
            if slot.tag == tag && Int(slot.key >> 32) == length && matches(slot, key) { return index }
            index = (index + 1) & mask
        }
    }

    /// The slot that holds the key of at most eight bytes with this ``word(_:)`` and tag, or nil: its word
    /// in the slot is the whole comparison.
    @inline(__always)
    private func slotIndex(word: UInt64, tag: UInt32) -> Int? {
        let mask = slots.count - 1
        var index = start(tag)
        while true {
            let slot = slots[index]
            if slot.tag == tag && slot.key == word { return index }
            if slot.tag == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// Reads the slot that a lookup of `hash` probes first and returns a byte of it, so that lookups
    /// made soon after find it in cache. A loop of these does nothing that waits on its loads, so their
    /// cache misses overlap, where the misses of a loop of lookups, whose comparisons branch on what
    /// they load, come one after another.
    @inline(__always)
    func touch(hash: UInt32) -> UInt8 {
        UInt8(truncatingIfNeeded: slots[start(hash)].tag)
    }

    /// A key as the table keeps it, which ``appendBytes(of:to:)`` reads back: its bytes as a word when it
    /// has at most eight, or else its place in the arena.
    struct KeptKey: Sendable {
        fileprivate let key: UInt64
        fileprivate let length: Int
    }

    /// Inserts a key that the table does not hold, and returns where it keeps the key.
    @discardableResult
    mutating func insert<Key: Collection<UInt8>>(_ key: Key, hash: UInt32, _ value: Value) -> KeptKey {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let length = key.count
        var slot = Slot(key: 0, tag: Self.tag(hash: hash, length: length))
        if length <= 8 {
            slot.key = Self.word(key)
        } else {
            slot.key = UInt64(arena.count) | UInt64(length) << 32
            arena.append(contentsOf: key)
        }
        slot.value = value
        place(slot)
        count += 1
        return KeptKey(key: slot.key, length: length)
    }

    /// Appends the bytes of a key that the table keeps.
    func appendBytes(of kept: KeptKey, to buffer: inout [UInt8]) {
        guard kept.length > 8 else {
            for k in 0..<kept.length { buffer.append(UInt8(truncatingIfNeeded: kept.key >> UInt64(8 * k))) }
            return
        }
        let start = Int(kept.key & 0xFFFF_FFFF)
        buffer.append(contentsOf: arena[start..<start + kept.length])
    }

    @inline(__always)
    private func matches<Key: Collection<UInt8>>(_ slot: Slot, _ key: Key) -> Bool {
        var i = Int(slot.key & 0xFFFF_FFFF)
        for byte in key {
            if arena[i] != byte { return false }
            i += 1
        }
        return true
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = start(slot.tag)
        while slots[index].tag != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    /// Grows fourfold below 16,384 slots (256 KiB) and twofold above: a table that fills from empty in a
    /// batch run rehashes and allocates about half as much on its way to its working size, and a large
    /// one keeps between 4/3 and 8/3 slots a key, so that it touches no more new memory than it needs
    /// (a first touch of a page costs microseconds). A slot is placed again from the hash bits its tag
    /// keeps, which are all that lookups use.
    private mutating func grow() {
        let old = slots
        slots = [Slot](filled: Slot(), count: old.count * (old.count < 1 << 14 ? 4 : 2))
        for slot in old where slot.tag != 0 { place(slot) }
    }
}

/// An immutable set of short byte strings (a language's stopwords) for lookups without building a
/// `String`; or the union of several such lists, each word with the lists that hold it, so that one
/// lookup asks all of them.
final class ByteSet: Sendable {
    private let table: FormTable

    init<S: Sequence>(_ words: S) where S.Element == String {
        self.table = Self.table([Array(words)])
    }

    /// The union of `lists` (at most 31), where ``lists(_:hash:)`` tells which hold a word.
    init(lists: [[String]]) {
        precondition(lists.count <= 31, "at most 31 lists")
        self.table = Self.table(lists)
    }

    private static func table(_ lists: [[String]]) -> FormTable {
        var table = FormTable(capacity: lists.reduce(0) { $0 + $1.count })
        for (index, list) in lists.enumerated() {
            let bit = Int32(1) << Int32(index)
            for word in list {
                let bytes = Array(word.utf8)
                let hash = FormTable.hash(bytes)
                if !table.update(bytes, hash: hash, { $0.term |= bit }) {
                    table.insert(bytes, hash: hash, .init(term: bit, stop: true))
                }
            }
        }
        return table
    }

    func contains<Key: Collection<UInt8>>(_ bytes: Key) -> Bool {
        table.find(bytes, hash: FormTable.hash(bytes)) != nil
    }

    func contains<Key: Collection<UInt8>>(_ bytes: Key, hash: UInt32) -> Bool {
        table.find(bytes, hash: hash) != nil
    }

    /// The lists that hold `bytes`, bit k for the k-th of the initialiser's lists; 0 for none.
    func lists<Key: Collection<UInt8>>(_ bytes: Key, hash: UInt32) -> UInt32 {
        table.find(bytes, hash: hash).map { UInt32(bitPattern: $0.term) } ?? 0
    }
}

/// A hash map from 64-bit keys to non-negative indices, for the hot loops where `Dictionary`'s
/// seeded SipHash costs more than the work around it.
///
/// Open addressing with linear probing and a multiplicative (Fibonacci) hash, Knuth, TAOCP vol. 3,
/// 6.4; the load factor stays below one half.
///
/// - Complexity: O(1) expected per lookup or insertion.
struct IndexTable {
    /// Keys and their values; a negative value marks an empty slot.
    private var slots: [(key: UInt64, value: Int32)]
    private var shift: UInt64
    private(set) var count = 0

    /// A table sized for about `capacity` keys without growing.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [(key: UInt64, value: Int32)](filled: (0, -1), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The value stored for `key`; or, when there is none, nil, after storing `value` (not negative) for
    /// it. One search does both.
    mutating func value(for key: UInt64, storingIfAbsent value: Int32) -> Int32? {
        if (count + 1) * 2 > slots.count { grow() }
        let index = slot(key)
        let found: Int32? = slots.withUnsafeMutableBufferPointer { slots in
            var index = index
            while slots[index].value >= 0 {
                if slots[index].key == key { return slots[index].value }
                index = (index + 1) & (slots.count - 1)
            }
            slots[index] = (key, value)
            return nil
        }
        if found == nil { count += 1 }
        return found
    }

    /// The slot where the search for `key` starts: the top bits of a Fibonacci hash.
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let old = slots
        slots = [(key: UInt64, value: Int32)](filled: (0, -1), count: old.count * 2)
        shift -= 1
        count = 0
        for (key, value) in old where value >= 0 { _ = self.value(for: key, storingIfAbsent: value) }
    }
}

/// A growable buffer of plain values (the bytes of the word being read, tokens read but not yet looked
/// up, term numbers) written through a pointer, without the uniqueness and capacity checks that an
/// `Array` makes on every append, out of line for a struct element.
///
/// - Room can be made first and filled through ``base`` (``reserve(_:)``, ``advance(by:)``). Room that
///   nothing has written since it was made is zero, growth included (``StemTerms`` counts it as is).
/// - The next place may be written before it is counted, so that an append can be decided without a
///   branch (``TermAnalyzer``'s term numbers: ``append(_:if:)``, into room made first).
/// - Eight zeroed elements always follow the capacity, so that bytes may be read eight at a time
///   (``word(at:length:)``) from anywhere in them without a bounds check.
final class GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = Self.zeroed(self.capacity + 8)
    }

    deinit { base.deallocate() }

    /// The elements counted so far; valid until the next change.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow() }
        base[count] = element
        count &+= 1
    }

    /// Writes `element` after the last one counted, and counts it when `counts`, without a branch on
    /// that: written over by the next write otherwise. Needs room made by ``reserve(_:)``.
    @inline(__always)
    func append(_ element: Element, if counts: Bool) {
        assert(count < capacity, "room reserved")
        base[count] = element
        count &+= counts ? 1 : 0
    }

    /// Makes room for `extra` more elements after ``count``, to be written at `base + count` and then
    /// counted with ``advance(by:)``.
    @inline(__always)
    func reserve(_ extra: Int) {
        // Neither is negative, so the difference cannot overflow.
        while capacity &- count < extra { grow() }
    }

    /// Counts `n` elements written after ``count`` into room made by ``reserve(_:)``, which every caller
    /// makes for at least `n` just before: checked in debug builds only, like ``append(_:if:)``, since
    /// the tokenizer advances once a word.
    @inline(__always)
    func advance(by n: Int) {
        assert(n >= 0 && count + n <= capacity, "room reserved")
        count &+= n
    }

    func removeAll() { count = 0 }

    /// The bytes of room held, the eight elements that follow it left out.
    var byteCapacity: Int { capacity * MemoryLayout<Element>.stride }

    func removeLast(_ k: Int) { count = max(0, count - k) }

    private func grow() {
        let larger = Self.zeroed(capacity * 2 + 8)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// Room for `count` elements, every byte zero: a valid value of the plain types kept here.
    private static func zeroed(_ count: Int) -> UnsafeMutablePointer<Element> {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: count * MemoryLayout<Element>.stride, alignment: MemoryLayout<Element>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: count * MemoryLayout<Element>.stride)
        return raw.bindMemory(to: Element.self, capacity: count)
    }
}

extension GrowableBuffer where Element == UInt8 {
    /// The `length` bytes at `offset`, at most eight and within ``count``, as a ``FormTable/word(_:)``.
    @inline(__always)
    func word(at offset: Int, length: Int) -> UInt64 {
        let loaded = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        return loaded & ByteWord.lowBytes(length)
    }
}
