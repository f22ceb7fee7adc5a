/// A hash table from short byte strings (lowercase word forms) to their term and stopword flag, so
/// that looking a token up costs one FNV-1a hash and a byte comparison, with no `String` built.
///
/// Open addressing with linear probing (Knuth, TAOCP vol. 3, 6.4, Algorithm L); the keys live in one
/// byte arena. The load factor stays below one half (``grow()``).
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
        var hash: UInt32 = 0
        var offset: Int32 = -1
        var length: Int32 = 0
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

    @inline(__always)
    static func hash<Key: Collection<UInt8>>(_ key: Key) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for byte in key { h = (h ^ UInt32(byte)) &* 16_777_619 }
        return h
    }

    @inline(__always)
    func find<Key: Collection<UInt8>>(_ key: Key, hash: UInt32) -> Value? {
        slotIndex(of: key, hash: hash).map { slots[$0].value }
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
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while true {
            let slot = slots[index]
            if slot.offset < 0 { return nil }
            if slot.hash == hash && Int(slot.length) == key.count && matches(slot, key) { return index }
            index = (index + 1) & mask
        }
    }

    /// Reads the slot that a lookup of `hash` probes first and the first byte of the key there, and
    /// returns that byte (or 0), so that lookups made soon after find them in cache. A loop of these
    /// does nothing that waits on its loads, so their cache misses overlap, where the misses of a
    /// loop of lookups, whose key comparisons branch on what they load, come one after another.
    @inline(__always)
    func touch(hash: UInt32) -> UInt8 {
        let slot = slots[Int(hash) & (slots.count - 1)]
        return slot.offset >= 0 ? arena[Int(slot.offset)] : 0
    }

    mutating func insert<Key: Collection<UInt8>>(_ key: Key, hash: UInt32, _ value: Value) {
        if (count + 1) * 2 > slots.count { grow() }
        let offset = Int32(arena.count)
        arena.append(contentsOf: key)
        var slot = Slot(hash: hash, offset: offset, length: Int32(key.count))
        slot.value = value
        place(slot)
        count += 1
    }

    @inline(__always)
    private func matches<Key: Collection<UInt8>>(_ slot: Slot, _ key: Key) -> Bool {
        var i = Int(slot.offset)
        for byte in key {
            if arena[i] != byte { return false }
            i += 1
        }
        return true
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(slot.hash) & mask
        while slots[index].offset >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    /// Grows fourfold below 65,536 slots (1 MiB) and twofold above: a table that fills from empty in a
    /// batch run rehashes and allocates about half as much on its way to its working size, and one past
    /// that size keeps between two and four slots a key.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * (old.count < 1 << 16 ? 4 : 2))
        for slot in old where slot.offset >= 0 { place(slot) }
    }
}

/// An immutable set of short byte strings (a language's stopwords) for lookups without building a
/// `String`.
final class ByteSet: Sendable {
    private let table: FormTable

    init<S: Sequence>(_ words: S) where S.Element == String {
        var table = FormTable()
        for word in words {
            let bytes = Array(word.utf8)
            let hash = FormTable.hash(bytes)
            if table.find(bytes, hash: hash) == nil { table.insert(bytes, hash: hash, .init(term: 0, stop: true)) }
        }
        self.table = table
    }

    func contains<Key: Collection<UInt8>>(_ bytes: Key) -> Bool {
        table.find(bytes, hash: FormTable.hash(bytes)) != nil
    }

    func contains<Key: Collection<UInt8>>(_ bytes: Key, hash: UInt32) -> Bool {
        table.find(bytes, hash: hash) != nil
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
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    /// A table sized for about `capacity` keys without growing.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or nil.
    subscript(key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var index = slot(key)
        while values[index] >= 0 {
            if keys[index] == key { return values[index] }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Stores `value` (not negative) for `key`, replacing any earlier value.
    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var index = slot(key)
        while values[index] >= 0 {
            if keys[index] == key {
                values[index] = value
                return
            }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for index in oldKeys.indices where oldValues[index] >= 0 { set(oldKeys[index], oldValues[index]) }
    }
}

/// A growable byte buffer for the word being read, written without the uniqueness and capacity checks
/// of an `Array` append on every byte.
final class ScratchBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far; valid until the next change.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow() }
        base[count] = byte
        count += 1
    }

    func removeAll() { count = 0 }

    /// Makes room for `extra` more bytes after ``count``, to be written at `base + count` and then
    /// counted with ``advance(by:)``.
    @inline(__always)
    func reserve(_ extra: Int) {
        while capacity - count < extra { grow() }
    }

    /// Counts `n` bytes written after ``count`` into room made by ``reserve(_:)``.
    @inline(__always)
    func advance(by n: Int) {
        precondition(n >= 0 && count + n <= capacity)
        count += n
    }

    func removeLast(_ k: Int) { count = max(0, count - k) }

    private func grow() {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
