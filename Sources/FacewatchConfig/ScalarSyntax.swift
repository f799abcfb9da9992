/// How the text of a YAML scalar is read as a number or a flag. facewatch reads the text itself rather than
/// trusting YAML 1.1 resolution, so that `010` is ten (not eight), `1:30` is not ninety, and a quoted `"5"`
/// means the same as `5`.
enum ScalarSyntax {
    /// Decimal digits with an optional sign; `_` may separate digit groups (`1_048_576`).
    static func decimalInteger(_ text: String) -> Int? {
        let digits = withoutGroupSeparators(text)
        guard let digits, !digits.isEmpty else { return nil }
        var body = Substring(digits)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// A finite decimal number: `0.5`, `.5`, `5`, `1e-3`; not `.inf`, `.nan`, hexadecimal or sexagesimal.
    static func finiteNumber(_ text: String) -> Double? {
        guard let digits = withoutGroupSeparators(text) else { return nil }
        let allowed: Set<Character> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "e", "E", "+", "-"]
        guard !digits.isEmpty, digits.allSatisfy(allowed.contains), digits.contains(where: \.isNumber) else {
            return nil
        }
        guard let value = Double(digits), value.isFinite else { return nil }
        return value
    }

    /// YAML's words for a flag, in any letter case: true/false, yes/no, on/off.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Octal permission bits as chmod takes them: `660`, `0660`, `0o660`; at most `0777`.
    static func permissionBits(_ text: String) -> UInt32? {
        var digits = Substring(text)
        if digits.hasPrefix("0o") || digits.hasPrefix("0O") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ ("0"..."7").contains($0) }),
              let value = UInt32(digits, radix: 8), value <= 0o777
        else { return nil }
        return value
    }

    /// The text without `_` between digits; nil when an underscore stands anywhere else.
    private static func withoutGroupSeparators(_ text: String) -> String? {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            guard character == "_" else {
                result.append(character)
                continue
            }
            let betweenDigits = index > 0 && index + 1 < characters.count
                && characters[index - 1].isNumber && characters[index + 1].isNumber
            guard betweenDigits else { return nil }
        }
        return result
    }
}
