import CGumbo

/// A parsed page as a flat array of nodes in document order, built from Google's HTML5 parser
/// (gumbo, which implements the WHATWG parsing algorithm, so unclosed and misnested tags become the tree
/// a browser would build).
///
/// Every walk over the tree is a loop over this array, never a recursion, so a page nested 100,000
/// deep costs time in proportion to its size and no stack. The subtree of node `i` is
/// `i..<nodes[i].end`; its children are found by jumping from one child's `end` to the next.
///
/// Gumbo allocates from an arena that is freed whole after the tree is copied out, so no recursive
/// clean-up runs in C either.
struct HTMLTree {
    struct Attribute {
        var name: String
        var value: String
    }

    struct Node {
        /// Gumbo's tag, or `GUMBO_TAG_UNKNOWN` for text and for elements gumbo does not know.
        var tag: GumboTag
        var isText: Bool
        var parent: Int
        /// One past the last node of the subtree.
        var end: Int
        /// Nesting depth, the root element at 0.
        var depth: Int
        /// The text of a text node.
        var text: String
        var attributes: [Attribute]
        /// What the class and id name.
        var hints: Hints = []

        func attribute(_ name: String) -> String? {
            for attribute in attributes where attribute.name == name { return attribute.value }
            return nil
        }
    }

    private(set) var nodes: [Node] = []

    /// The attributes kept from the page; others are dropped to save memory.
    static let keptAttributes: Set<String> = [
        "id", "class", "itemprop", "itemtype", "itemscope", "role", "href", "src", "data-src", "content", "name",
        "property", "rel", "datetime", "hidden", "style", "aria-hidden", "type", "lang", "http-equiv", "charset",
        "alt", "title",
    ]

    /// Parses UTF-8 text as an HTML document.
    init(parsing text: String) {
        var text = text
        if let limited = NestingLimiter.limited(Array(text.utf8)) { text = String(decoding: limited, as: UTF8.self) }
        text.withUTF8 { buffer in
            let arena = Arena()
            var options = kGumboDefaultOptions
            options.max_errors = 0
            options.userdata = Unmanaged.passUnretained(arena).toOpaque()
            options.allocator = { userdata, size in
                guard let userdata else { return nil }
                return Unmanaged<Arena>.fromOpaque(userdata).takeUnretainedValue().allocate(size)
            }
            options.deallocator = { _, _ in }
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let output = gumbo_parse_with_options(&options, chars.baseAddress, chars.count),
                    let root = output.pointee.root
                else { return }
                copy(from: root)
            }
            withExtendedLifetime(arena) {}
        }
    }

    private mutating func copy(from root: UnsafeMutablePointer<GumboNode>) {
        // (gumbo node, parent index, depth); children pushed in reverse so they pop in order.
        var stack: [(UnsafeMutablePointer<GumboNode>, Int, Int)] = [(root, -1, 0)]
        // Indices whose subtree is still open, to set `end` when the walk leaves them.
        var open: [Int] = []
        // Pages repeat the same class names many times; each is read once.
        var hintsByClass: [String: Hints] = [:]
        while let (pointer, parent, depth) = stack.popLast() {
            while let last = open.last, nodes[last].depth >= depth {
                nodes[last].end = nodes.count
                open.removeLast()
            }
            let node = pointer.pointee
            switch node.type {
            case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
                let element = node.v.element
                var attributes: [Attribute] = []
                let attributeCount = Int(element.attributes.length)
                for k in 0..<attributeCount {
                    guard let raw = element.attributes.data[k] else { continue }
                    let attribute = raw.assumingMemoryBound(to: GumboAttribute.self).pointee
                    guard let namePointer = attribute.name else { continue }
                    let attributeName = String(cString: namePointer)
                    guard Self.keptAttributes.contains(attributeName) else { continue }
                    attributes.append(
                        Attribute(name: attributeName, value: attribute.value.map { String(cString: $0) } ?? ""))
                }
                let index = nodes.count
                var hints: Hints = []
                var classAndID = ""
                for attribute in attributes where attribute.name == "class" || attribute.name == "id" {
                    classAndID += attribute.value + " "
                }
                if !classAndID.isEmpty {
                    if let known = hintsByClass[classAndID] {
                        hints = known
                    } else {
                        hints = Hints(classAndID: classAndID)
                        hintsByClass[classAndID] = hints
                    }
                }
                nodes.append(
                    Node(
                        tag: element.tag, isText: false, parent: parent, end: index + 1, depth: depth,
                        text: "", attributes: attributes, hints: hints))
                open.append(index)
                let children = element.children
                var k = Int(children.length) - 1
                while k >= 0 {
                    if let child = children.data[k] {
                        stack.append((child.assumingMemoryBound(to: GumboNode.self), index, depth + 1))
                    }
                    k -= 1
                }
            case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
                let text = node.v.text.text.map { String(cString: $0) } ?? ""
                nodes.append(
                    Node(
                        tag: GUMBO_TAG_UNKNOWN, isText: true, parent: parent, end: nodes.count + 1,
                        depth: depth, text: text, attributes: []))
            default:
                continue
            }
        }
        for index in open { nodes[index].end = nodes.count }
    }

    /// The indices of the children of node `i`.
    func children(of i: Int) -> [Int] {
        var result: [Int] = []
        var j = i + 1
        while j < nodes[i].end {
            result.append(j)
            j = nodes[j].end
        }
        return result
    }

    /// The concatenated text of the subtree of node `i`, whitespace collapsed.
    func text(of i: Int) -> String {
        var out = ""
        for j in i..<nodes[i].end where nodes[j].isText { out += nodes[j].text }
        return out.collapsingWhitespace
    }

    /// The first element with one of the given tags, in document order.
    func first(_ tag: GumboTag) -> Int? { nodes.indices.first { !nodes[$0].isText && nodes[$0].tag == tag } }
}

/// A bump allocator for gumbo: allocations come from large blocks, frees are ignored, and everything
/// goes when the arena does.
final class Arena {
    private var blocks: [UnsafeMutableRawPointer] = []
    private var current: UnsafeMutableRawPointer?
    private var used = 0
    private var capacity = 0
    private static let blockSize = 256 * 1024

    func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let aligned = (size + 15) & ~15
        if current == nil || used + aligned > capacity {
            let blockCapacity = max(Self.blockSize, aligned)
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockCapacity, alignment: 16)
            blocks.append(block)
            current = block
            used = 0
            capacity = blockCapacity
        }
        let pointer = current.map { $0 + used }
        used += aligned
        return pointer
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}

extension String {
    /// Runs of whitespace (including no-break spaces) as single spaces, without leading or trailing
    /// whitespace.
    var collapsingWhitespace: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            let isSpace =
                scalar.value < 0x80
                ? (scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D))
                : (scalar.value == 0xA0 || scalar.properties.isWhitespace)
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
