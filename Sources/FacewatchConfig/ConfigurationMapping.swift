import Yams

/// A YAML mapping whose keys have been checked against the keys its section knows: an unknown key, a key that
/// is not a plain name, or a repeated key is refused before any value is read. Merge keys (`<<: *anchor`) are
/// expanded first, with the mapping's own keys taking precedence over merged ones.
struct ConfigurationMapping {
    let value: ConfigurationValue
    private let entries: [String: Node]
    private let knownKeys: [String]

    init(_ value: ConfigurationValue, knownKeys: [String]) throws(ConfigurationError) {
        self.value = value
        self.knownKeys = knownKeys
        guard case .mapping(let mapping) = value.node else {
            throw value.invalid(expected: "a mapping with keys \(knownKeys.joined(separator: ", "))")
        }
        var entries: [String: Node] = [:]
        for (keyNode, valueNode) in try Self.pairsExpandingMerges(mapping, in: value) {
            let key = try Self.name(of: keyNode, in: value)
            let keyAsWritten = value.child(keyNode, key: key)
            guard knownKeys.contains(key) else {
                throw .unknownKey(
                    keyAsWritten.location, key: keyAsWritten.keyPath,
                    suggestion: KeySuggestion.nearest(to: key, among: knownKeys), knownKeys: knownKeys)
            }
            guard entries[key] == nil else { throw .duplicateKey(keyAsWritten.location, key: keyAsWritten.keyPath) }
            entries[key] = valueNode
        }
        self.entries = entries
    }

    /// The value under `key`; nil when the key is absent or its value is null (both mean "use the default").
    subscript(key: String) -> ConfigurationValue? {
        guard let entry = entry(key), !entry.isNull else { return nil }
        return entry
    }

    /// The value under `key` even when it is null; nil only when the key is absent.
    func entry(_ key: String) -> ConfigurationValue? {
        precondition(knownKeys.contains(key), "\(key) is read but not declared among \(knownKeys)")
        guard let node = entries[key] else { return nil }
        return value.child(node, key: key)
    }

    func required(_ key: String) throws(ConfigurationError) -> ConfigurationValue {
        guard let found = self[key] else {
            throw .missingKey(value.location, key: value.keyPath.isEmpty ? key : "\(value.keyPath).\(key)")
        }
        return found
    }

    private static func name(of keyNode: Node, in parent: ConfigurationValue) throws(ConfigurationError) -> String {
        guard case .scalar(let scalar) = keyNode else {
            throw ConfigurationValue(node: keyNode, keyPath: parent.keyPath, context: parent.context)
                .invalid(expected: "a key name")
        }
        return scalar.string
    }

    /// The mapping's pairs in document order, with every `<<` entry replaced by the pairs it merges in.
    /// Own keys come first, so that they win over merged keys; among merged mappings the earlier one wins.
    private static func pairsExpandingMerges(
        _ mapping: Node.Mapping, in value: ConfigurationValue
    ) throws(ConfigurationError) -> [(Node, Node)] {
        var own: [(Node, Node)] = []
        var merged: [(Node, Node)] = []
        for (keyNode, valueNode) in mapping {
            guard isMergeKey(keyNode) else {
                own.append((keyNode, valueNode))
                continue
            }
            let sources: [Node]
            switch valueNode {
            case .mapping: sources = [valueNode]
            case .sequence(let sequence): sources = Array(sequence)
            default: sources = []
            }
            let sourceMappings = sources.compactMap(\.mapping)
            guard !sourceMappings.isEmpty, sourceMappings.count == sources.count else {
                throw value.child(valueNode, key: "<<").invalid(expected: "a mapping or a list of mappings to merge")
            }
            for sourceMapping in sourceMappings {
                merged += try pairsExpandingMerges(sourceMapping, in: value)
            }
        }
        var seen = Set(own.compactMap { $0.0.scalar?.string })
        for pair in merged {
            if case .scalar(let scalar) = pair.0, !seen.insert(scalar.string).inserted { continue }
            own.append(pair)
        }
        return own
    }

    private static func isMergeKey(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && scalar.string == "<<"
    }
}
