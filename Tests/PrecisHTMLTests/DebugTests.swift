import Testing
import Foundation
@testable import PrecisHTML

struct DebugTests {
    @Test func debug() throws {
        let html = try String(contentsOfFile: "/tmp/p1.html", encoding: .utf8)
        let tree = HTMLTree(parsing: html)
        print("nodes", tree.nodes.count)
        for node in tree.nodes.prefix(15) { print(node.name, node.isText, node.parent, node.end, node.depth, node.text.prefix(30)) }
        let ex = BodyExtractor(tree: tree)
        let e = ex.exclusions()
        print("excluded", e.filter { $0 }.count)
        for i in tree.nodes.indices where e[i] && (tree.nodes[i].parent < 0 || !e[tree.nodes[i].parent]) { print("X", i, tree.nodes[i].name, tree.nodes[i].attributes.map { "\($0.name)=\($0.value)" }.joined(separator: " ").prefix(100), tree.nodes[i].end - i) }
    }
}
