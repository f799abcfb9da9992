import Yams

/// One node of the YAML tree together with its key path (`streams[1].detect_every`) and the file it came from:
/// everything needed to read it as a typed value or to say, on one line, why it cannot be.
struct ConfigurationValue {
    let node: Node
    let keyPath: String
    let context: ReadingContext

    var location: ConfigurationLocation {
        guard let mark = node.mark else { return context.location(line: 1, column: 1) }
        return context.location(line: mark.line, column: mark.column)
    }

    /// Whether the node is YAML's null: `~`, `null`, or nothing at all after the colon (never a quoted string).
    var isNull: Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func child(_ node: Node, key: String) -> ConfigurationValue {
        ConfigurationValue(node: node, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)", context: context)
    }

    func element(_ node: Node, index: Int) -> ConfigurationValue {
        ConfigurationValue(node: node, keyPath: "\(keyPath)[\(index)]", context: context)
    }

    func invalid(expected: String) -> ConfigurationError {
        .invalidValue(location, key: keyPath, expected: expected, got: shownValue)
    }

    func conflict(_ problem: String) -> ConfigurationError {
        .conflict(location, key: keyPath, problem: problem)
    }

    /// How the value is shown after "got": the text in quotes (shortened when long), or what kind of node it is.
    var shownValue: String {
        switch node {
        case .scalar(let scalar):
            if isNull { return "nothing (null)" }
            return Self.quoted(scalar.string)
        case .mapping:
            return "a mapping"
        case .sequence(let sequence):
            return sequence.count == 1 ? "a list of 1 item" : "a list of \(sequence.count) items"
        case .alias:
            return "an alias"
        }
    }

    static func quoted(_ text: String) -> String {
        let limit = 60
        guard text.count > limit else { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\""
    }

    // MARK: Structure

    func mapping(knownKeys: [String]) throws(ConfigurationError) -> ConfigurationMapping {
        try ConfigurationMapping(self, knownKeys: knownKeys)
    }

    func list(expected: String) throws(ConfigurationError) -> [ConfigurationValue] {
        guard case .sequence(let sequence) = node else { throw invalid(expected: expected) }
        return sequence.enumerated().map { element($0.element, index: $0.offset) }
    }

    // MARK: Scalars

    /// The scalar's text, quoted or not; nil for null, mappings and lists.
    var scalarText: String? {
        guard !isNull, let scalar = node.scalar else { return nil }
        return scalar.string
    }

    func text(expected: String = "a string") throws(ConfigurationError) -> String {
        guard let text = scalarText else { throw invalid(expected: expected) }
        return text
    }

    /// A non-empty path, resolved against the configuration file's directory when relative.
    func path(expected: String = "a path") throws(ConfigurationError) -> String {
        guard let text = scalarText, !text.isEmpty else { throw invalid(expected: expected) }
        guard !text.utf8.contains(0) else { throw invalid(expected: expected + " without NUL bytes") }
        return context.resolve(text)
    }

    /// A whole number written in decimal (`_` may group digits), within `range`.
    func integer(_ range: ClosedRange<Int>, expected: String) throws(ConfigurationError) -> Int {
        guard let text = scalarText, let value = ScalarSyntax.decimalInteger(text), range.contains(value) else {
            throw invalid(expected: expected)
        }
        return value
    }

    func integer(atLeast minimum: Int) throws(ConfigurationError) -> Int {
        try integer(minimum...Int.max, expected: "an integer ≥ \(minimum)")
    }

    /// A finite decimal number for which `isAllowed` holds.
    func number(expected: String, where isAllowed: (Double) -> Bool) throws(ConfigurationError) -> Double {
        guard let text = scalarText, let value = ScalarSyntax.finiteNumber(text), isAllowed(value) else {
            throw invalid(expected: expected)
        }
        return value
    }

    /// A number strictly between `bounds.lowerBound` and `bounds.upperBound`.
    func number(inOpenRange bounds: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        try number(expected: "a number in (\(Self.shown(bounds.lowerBound)), \(Self.shown(bounds.upperBound)))") {
            $0 > bounds.lowerBound && $0 < bounds.upperBound
        }
    }

    func positiveNumber() throws(ConfigurationError) -> Double {
        try number(expected: "a number > 0") { $0 > 0 }
    }

    /// A number of seconds > 0.
    func positiveDuration() throws(ConfigurationError) -> Duration {
        .seconds(try number(expected: "a number of seconds > 0") { $0 > 0 })
    }

    func boolean() throws(ConfigurationError) -> Bool {
        guard let text = scalarText, let value = ScalarSyntax.boolean(text) else {
            throw invalid(expected: "true or false")
        }
        return value
    }

    /// One of a fixed set of words, matched exactly.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ type: Choice.Type
    ) throws(ConfigurationError) -> Choice where Choice.RawValue == String {
        guard let text = scalarText, let value = Choice(rawValue: text) else {
            let words = Choice.allCases.map { "\"\($0.rawValue)\"" }
            throw invalid(expected: Self.alternatives(words))
        }
        return value
    }

    static func alternatives(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "nothing" }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }

    /// A duration as a number of seconds the way a person writes it in the file: `30 s`, `0.5 s`.
    static func shownSeconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return "\(shown(value)) s"
    }

    private static func shown(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
