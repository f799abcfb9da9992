/// The rules a person's name follows: it is shown in events and typed on command lines, so it must be
/// non-empty, printable, without surrounding spaces, and of reasonable length. Names compare exactly
/// ("Alice" and "alice" are two people).
enum PersonName {
    static let maximumLength = 200

    /// Why `name` is not acceptable, or nil when it is.
    static func problem(with name: String) -> String? {
        if name.isEmpty { return "empty" }
        if name.count > maximumLength { return "longer than \(maximumLength) characters" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains control characters"
        }
        if name.first!.isWhitespace || name.last!.isWhitespace { return "starts or ends with a space" }
        return nil
    }
}
