import Testing

@testable import PrecisCore

struct FormTableTests {
    /// Keys around the eight bytes that fit in a slot, with zero bytes, repeated prefixes and non-ASCII.
    private static let keys: [[UInt8]] = {
        var keys: [[UInt8]] = [[0], [0, 0], [0x61], [0x61, 0], [0, 0x61], [0x61, 0, 0, 0, 0, 0, 0, 0]]
        for length in 1...20 {
            keys.append(Array(repeating: 0x61, count: length))
            keys.append(Array(repeating: 0x61, count: length - 1) + [0x62])
            keys.append((0..<length).map { UInt8(0x61 + $0 % 26) })
        }
        keys += ["президент", "naïve", "well-known", "don't", "1,000", "3.14"].map { Array($0.utf8) }
        keys.append(Array(repeating: 0x7A, count: 300))
        keys.append(Array(repeating: 0x7A, count: 301))
        var seen = Set<[UInt8]>()
        return keys.filter { seen.insert($0).inserted }
    }()

    @Test func everyKeyIsFoundWithItsOwnValueAfterGrowing() throws {
        var table = FormTable(capacity: 1)
        for (index, key) in Self.keys.enumerated() {
            #expect(table.find(key, hash: FormTable.hash(key)) == nil)
            table.insert(key, hash: FormTable.hash(key), .init(term: Int32(index), stop: index % 3 == 0))
        }
        #expect(table.count == Self.keys.count)
        for (index, key) in Self.keys.enumerated() {
            let value = try #require(table.find(key, hash: FormTable.hash(key)), "\(key)")
            #expect(value.term == Int32(index) && value.stop == (index % 3 == 0))
            if key.count <= 8 {
                let word = FormTable.word(key)
                let hash = FormTable.hash(word: word, length: key.count)
                #expect(hash == FormTable.hash(key))
                #expect(table.find(word: word, tag: FormTable.tag(hash: hash, length: key.count))?.term == Int32(index))
            }
        }
        #expect(table.find(Array("absent".utf8), hash: FormTable.hash(Array("absent".utf8))) == nil)
        #expect(
            table.find(Array(repeating: 0x7A, count: 302), hash: FormTable.hash(Array(repeating: 0x7A, count: 302)))
                == nil)
    }

    @Test func keysInMemoryHashAsTheyDoByteByByte() {
        // A lazy map has no contiguous storage, so it takes the byte-at-a-time definition; an array, and a
        // slice at every offset, are read with whole-word loads.
        for key in Self.keys {
            let byteByByte = key.lazy.map { $0 }
            #expect(FormTable.hash(key) == FormTable.hash(byteByByte), "\(key)")
            if key.count <= 8 { #expect(FormTable.word(key) == FormTable.word(byteByByte), "\(key)") }
        }
        let text = Array("well-known 1,000 naïve".utf8)
        for start in 0..<text.count {
            for end in start...text.count {
                let slice = text[start..<end]
                #expect(FormTable.hash(slice) == FormTable.hash(slice.lazy.map { $0 }))
                if end - start <= 8 { #expect(FormTable.word(slice) == FormTable.word(slice.lazy.map { $0 })) }
            }
        }
    }

    @Test func keysThatShareAHashAreToldApartByTheirBytes() throws {
        // Every key forced onto one hash: the slots' words and the arena decide.
        var table = FormTable(capacity: 4)
        for (index, key) in Self.keys.enumerated() {
            table.insert(key, hash: 7, .init(term: Int32(index), stop: false))
        }
        for (index, key) in Self.keys.enumerated() {
            #expect(try #require(table.find(key, hash: 7)).term == Int32(index))
        }
        #expect(table.update(Self.keys[3], hash: 7) { $0.term = 99 })
        #expect(table.find(Self.keys[3], hash: 7)?.term == 99)
        #expect(!table.update(Array("absent".utf8), hash: 7) { $0.term = 1 })
    }

    @Test func scratchWordsAreTheBytesWritten() {
        let scratch = GrowableBuffer<UInt8>(capacity: 2)
        let text = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        for byte in text { scratch.append(byte) }
        for start in 0..<text.count {
            for length in 0...min(8, text.count - start) {
                #expect(scratch.word(at: start, length: length) == FormTable.word(text[start..<(start + length)]))
            }
        }
    }

    @Test func indexTablesStoreOnlyAbsentKeysAndKeepThemAcrossGrowth() {
        var table = IndexTable(capacity: 1)
        // Zero, keys that share their top bits, and keys with the high bit set.
        let keys: [UInt64] = [0, 1, 1 << 63, 1 << 63 | 1] + (1...200).map { UInt64($0) << 21 | 7 }
        for (index, key) in keys.enumerated() {
            #expect(table.value(for: key, storingIfAbsent: Int32(index)) == nil)
        }
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() {
            // A second store keeps the first value.
            #expect(table.value(for: key, storingIfAbsent: 9999) == Int32(index))
        }
        #expect(table.count == keys.count)
    }

    @Test func growableBuffersKeepWhatWasCountedAcrossGrowth() {
        let buffer = GrowableBuffer<Int32>(capacity: 1)
        var expected: [Int32] = []
        for k in 0..<300 {
            // Every third value is written at the end but not counted, and the next write replaces it.
            buffer.reserve(1)
            buffer.append(-Int32(k), if: k % 3 != 0)
            if k % 3 != 0 { expected.append(-Int32(k)) }
            buffer.append(Int32(k))
            expected.append(Int32(k))
        }
        #expect(Array(buffer.elements) == expected)
        buffer.removeAll()
        #expect(buffer.elements.isEmpty)
        buffer.append(7)
        #expect(Array(buffer.elements) == [7])
    }

    @Test(arguments: [0, 1, 7, 1000])
    func scratchBuffersHoldTheirCountAlignedForTheirElements(capacity: Int) {
        func check<T: BitwiseCopyable & Equatable>(_: T.Type, _ value: (Int) -> T) {
            let buffer = UnsafeMutableBufferPointer<T>.scratch(capacity: capacity)
            defer { buffer.freeScratch() }
            #expect(buffer.count == capacity)
            let address = Int(bitPattern: buffer.baseAddress)
            #expect(address != 0 && address % MemoryLayout<T>.alignment == 0, "\(T.self) at \(address)")
            for k in 0..<capacity { buffer[k] = value(k) }
            #expect((0..<capacity).allSatisfy { buffer[$0] == value($0) })
        }
        check(UInt8.self) { UInt8(truncatingIfNeeded: $0) }
        check(Int32.self) { Int32($0) }
        check(Double.self) { Double($0) / 3 }
        check(SIMD4<Float>.self) { SIMD4(repeating: Float($0)) }
    }

    @Test func stemTermsNumberEachDocumentAfresh() {
        var terms = StemTerms()
        terms.beginDocument()
        #expect(terms.term(ofStem: 5, next: 0) == 0)
        #expect(terms.term(ofStem: 70_000, next: 1) == 1)
        #expect(terms.term(ofStem: 5, next: 2) == 0)
        #expect(terms.term(ofStem: 70_000, next: 2) == 1)
        terms.beginDocument()
        #expect(terms.term(ofStem: 70_000, next: 0) == 0)
        #expect(terms.term(ofStem: 5, next: 1) == 1)
        #expect(terms.term(ofStem: 5, next: 2) == 1)
        #expect(terms.term(ofStem: 6, next: 2) == 2)
    }

    /// A form table handed from one analysis to the next numbers each document's terms from 0, in order
    /// of first appearance, whatever the documents before it met.
    @Test func borrowedTablesNumberEachDocumentFromZero() throws {
        let language = Language(
            code: "en", name: "english", stemmer: "english", stopwords: Language.english.stopwords,
            segmentation: Language.english.segmentation)
        let first = try Document("Ships sail north. Trains run south.", configuration: .init(language: language))
        #expect(first.vocabulary == ["ship", "sail", "north", "train", "run", "south"])
        let second = try Document("South trains sail. Ships wait.", configuration: .init(language: language))
        #expect(second.tokens.map(\.term) == [0, 1, 2, 3, 4])
        #expect(second.vocabulary == ["south", "train", "sail", "ship", "wait"])
    }

    @Test func aUnionOfListsTellsWhichListsHoldAWord() {
        // Thirty-one lists: a word of its own in each, one word in every other list, one in all of them.
        var lists = (0..<31).map { ["only\($0)"] }
        for k in stride(from: 0, to: 31, by: 2) { lists[k].append("even") }
        for k in lists.indices { lists[k].append("all") }
        lists[3].append("all")
        let set = ByteSet(lists: lists)
        func holders(_ word: String) -> UInt32 {
            let bytes = Array(word.utf8)
            return set.lists(bytes, hash: FormTable.hash(bytes))
        }
        for k in 0..<31 { #expect(holders("only\(k)") == 1 << k) }
        #expect(holders("even") == 0x5555_5555)
        #expect(holders("all") == 0x7FFF_FFFF)
        #expect(holders("none") == 0 && holders("") == 0 && holders("only31") == 0)
        #expect(set.contains(Array("even".utf8)) && !set.contains(Array("odd".utf8)))
        let single = ByteSet(["mr", "dr"])
        #expect(single.contains(Array("dr".utf8)) && !single.contains(Array("d".utf8)))
    }
}

struct ByteWordTests {
    /// The first of a byte from every start, in buffers of every length up to 40, is the one a loop finds.
    @Test func bytesAreFoundFromEveryStart() {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 % 5) }
            bytes.withUnsafeBufferPointer { p in
                for start in -1...(length + 1) {
                    let expected = start < 0 ? nil : (max(start, 0)..<max(length, start)).first { bytes[$0] == 3 }
                    #expect(p.firstIndex(of: 3, from: start) == expected)
                }
            }
        }
    }

    /// Every byte value at every position, among random neighbours, gets the letter, digit, quotation
    /// mark, capital and lead-byte bits that a byte-by-byte test gives.
    @Test func bytesAreClassifiedExactly() {
        var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)
        var wrong: [String] = []
        for position in 0..<8 {
            for value in 0...255 {
                for _ in 0..<4 {
                    // Random bytes for the other seven.
                    let shift = UInt64(8 * position)
                    let word = random.next() & ~(0xFF << shift) | UInt64(value) << shift
                    var letters: UInt64 = 0
                    var digits: UInt64 = 0
                    var quotes: UInt64 = 0
                    var capitals: UInt64 = 0
                    var leads: UInt64 = 0
                    for k in 0..<8 {
                        let byte = UInt8(truncatingIfNeeded: word >> UInt64(8 * k))
                        if byte == 0x22 { quotes |= 0x80 << UInt64(8 * k) }
                        if byte >= 0x41 && byte <= 0x5A { capitals |= 0x80 << UInt64(8 * k) }
                        if byte >= 0xE2 { leads |= 0x80 << UInt64(8 * k) }
                        if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                            letters |= 0x80 << UInt64(8 * k)
                        }
                        if byte >= 0x30 && byte <= 0x39 { digits |= 0x80 << UInt64(8 * k) }
                    }
                    let found = (ByteWord.letters(word), ByteWord.digits(word), ByteWord.equal(word, 0x22))
                    let more = (ByteWord.uppercase(word), ByteWord.atLeast(0xE2, word))
                    if (found != (letters, digits, quotes) || more != (capitals, leads)) && wrong.count < 5 {
                        wrong.append(String(word, radix: 16))
                    }
                }
            }
        }
        #expect(wrong.isEmpty)
    }
}

struct ByteVectorTests {
    /// Every byte value at every one of the sixteen positions, among random neighbours, gets the bits
    /// that a byte-by-byte test gives, by either way of gathering them, and ``ByteVector/byte(_:where:)``
    /// sets exactly the matching bytes.
    @Test func bytesAreClassifiedExactly() {
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var wrong: [String] = []
        for position in 0..<16 {
            for value in 0...255 {
                // Random bytes for the other fifteen.
                var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                bytes[position] = UInt8(value)
                let vector = bytes.withUnsafeBufferPointer { ByteVector.load($0.baseAddress!, at: 0) }
                var expected: (UInt32, UInt32, UInt32) = (0, 0, 0)
                for (k, byte) in bytes.enumerated() {
                    if byte == 0x2E { expected.0 |= 1 << k }
                    if byte >= 0xE2 { expected.1 |= 1 << k }
                    if byte >= 0x30 && byte <= 0x39 { expected.2 |= 1 << k }
                }
                let digits = ByteVector.within(vector, 0x30, 0x39)
                let found = (
                    ByteVector.bits(ByteVector.equal(vector, 0x2E)), ByteVector.bits(ByteVector.atLeast(0xE2, vector)),
                    ByteVector.bits(digits)
                )
                // The portable gathering, which x86-64 does not use, gives the same bits.
                let gathered = (
                    ByteVector.gatheredBits(ByteVector.equal(vector, 0x2E)),
                    ByteVector.gatheredBits(ByteVector.atLeast(0xE2, vector)), ByteVector.gatheredBits(digits)
                )
                let marked = ByteVector.byte(0x20, where: digits)
                let marks = (0..<16).allSatisfy { marked[$0] == (expected.2 >> $0 & 1 == 1 ? 0x20 : 0) }
                if (found != expected || gathered != expected || !marks) && wrong.count < 5 { wrong.append("\(bytes)") }
            }
        }
        #expect(wrong.isEmpty)
    }
}
